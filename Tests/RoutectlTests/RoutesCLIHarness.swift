import Foundation

/// Runs the built `routectl` binary with its config and data in a fresh temporary directory, so
/// tests never touch the real ~/.config or ~/.local.
struct RoutesCLIHarness {
    let home: URL

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("routectl-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    /// The binary beside the test bundle, in the build products directory.
    static var binary: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("routectl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/routectl")
    }

    /// Runs routectl (or `executable`) with `input` as its standard input (none by default);
    /// after `timeout` the process is killed, so a hang fails the test instead of holding it.
    func run(_ arguments: [String], executable: URL = binary, environment extra: [String: String] = [:], input: String? = nil,
             timeout: Duration = .seconds(300)) throws -> Outcome {
        var environment = ["PATH": "/usr/bin:/bin", "HOME": home.path,
                           "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
                           "XDG_DATA_HOME": home.appendingPathComponent("data").path]
        environment.merge(extra) { _, new in new }
        let process = try SpawnedProcess(executable.path, arguments, environment: environment, directory: home.path, input: input != nil)
        let pid = process.pid
        let killer = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout.inSeconds, execute: killer)
        defer { killer.cancel() }
        if let input, let stdin = process.standardInput {
            stdin.write(Data(input.utf8))
            try stdin.close()
        }
        let stdout = process.standardOutput.readDataToEndOfFile()
        let stderr = process.standardError.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }
}

extension Duration {
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
