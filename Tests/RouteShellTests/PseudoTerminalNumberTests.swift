import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Numbers in the real shell on a pseudo-terminal, against a `routectl sandbox serve` whose
/// account holds numbers on seeded routes: Tab completes numbers and routes by name, and a route
/// that numbers use says so before it is deleted or updated.
@Suite(.serialized) struct PseudoTerminalNumberTests {
    /// Runs `body` with a shell on a sandbox of 2 seeded routes and 4 numbers on them in turn.
    private func withShell(_ body: (Terminal) throws -> Void) throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("routectl-pty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let sandbox = Process()
        sandbox.executableURL = Terminal.executable
        sandbox.arguments = ["sandbox", "serve", "--port", "0", "--db", ":memory:", "--account", "K:S",
                             "--seed-routes", "2", "--seed-numbers", "4"]
        let output = Pipe()
        sandbox.standardOutput = output
        sandbox.standardError = FileHandle.nullDevice
        try sandbox.run()
        defer {
            sandbox.terminate()
            sandbox.waitUntilExit()
        }
        let baseURL = try Self.telegentURL(in: output.fileHandleForReading)
        let terminal = try Terminal(home: home, environment: [
            "ROUTECTL_BASE_URL": baseURL, "ROUTECTL_ACCOUNT_KEY": "K", "ROUTECTL_ACCOUNT_SECRET": "S",
        ])
        defer { terminal.close() }
        try terminal.expect("routectl telegent@custom>")
        try body(terminal)
    }

    /// The sandbox prints its Telegent base URL on a line of its own when it is ready.
    private static func telegentURL(in handle: FileHandle) throws -> String {
        var text = ""
        while true {
            let chunk = handle.availableData
            guard !chunk.isEmpty else { throw POSIXError(.EIO) }
            text += String(decoding: chunk, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.contains("Telegent") && $0.contains("http") }),
               let url = line.split(separator: " ").last(where: { $0.hasPrefix("http") }) {
                return String(url)
            }
        }
    }

    @Test(.enabled(if: Terminal.executable != nil, "routectl is not built"))
    func completesNumbersAndRoutesByName() throws {
        try withShell { terminal in
            terminal.type("numbers show +120655500\t\t")
            try terminal.expect("+12065550000  +12065550001  +12065550002  +12065550003")
            terminal.type("2\t")
            try terminal.expect("> numbers show +12065550002")
            terminal.type("\u{3}numbers assign +12065550002 seed-00000\t\t")
            try terminal.expect("  seed-000000  Trunk")
            try terminal.expect("  seed-000001  Trunk")
            terminal.type("1\t")
            try terminal.expect("> numbers assign +12065550002 seed-000001")
            terminal.type("--output csv\r")
            try terminal.expect("+12065550002,assigned,CRID-")
            terminal.type("numbers list --route seed-000\t")
            try terminal.expect("> numbers list --route seed-00000")
            terminal.type("\u{3}exit\r")
            #expect(terminal.waitForExit() == 0)
        }
    }

    @Test(.enabled(if: Terminal.executable != nil, "routectl is not built"))
    func saysWhichNumbersARouteCarriesBeforeAsking() throws {
        try withShell { terminal in
            terminal.type("routes delete seed-000000\r")
            try terminal.expect("2 numbers use route \"seed-000000\" (CRID-")
            try terminal.expect("  +12065550000\n  +12065550002\nDelete route \"seed-000000\" (CRID-")
            terminal.type("n\r")
            try terminal.expect("routectl: not deleted")
            terminal.type("routes update seed-000001 TrunkPort1=5062\r")
            try terminal.expect("  +12065550001\n  +12065550003\nUpdate route \"seed-000001\" (CRID-")
            terminal.type("n\r")
            try terminal.expect("routectl: not updated")
            terminal.type("exit\r")
            #expect(terminal.waitForExit() == 0)
        }
    }
}
