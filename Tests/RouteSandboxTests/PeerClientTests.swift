import Foundation
import Testing

/// A client written from telegent.md alone (peer/telegent_peer.py, Python standard library only)
/// runs the documented flow against a live sandbox.
@Suite struct PeerClientTests {
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3", "/opt/homebrew/bin/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: python != nil, "needs python3"))
    func aClientWrittenFromTheNotesAlonePasses() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("peer/telegent_peer.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.python))
        process.arguments = [script.path, harness.sandbox.baseURL(.telegent), SandboxHarness.account.key, SandboxHarness.account.secret]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Read on another thread while the script runs, so a full pipe never blocks it.
        let text = await Task.detached { String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }.value
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }
}
