import Foundation
import Testing

/// The importer as people run it: a `routectl import` process, killed with SIGKILL in the middle,
/// then run again with `--resume`, against a `routectl sandbox serve` process.
@Suite("routectl import as a process")
struct ImportProcessTests {
    @Test("kill -9 at several points of a faulty run, then --resume: zero duplicates, zero lost rows, verified")
    func killThenResume() async throws {
        let sandboxed = try await SandboxedImport.start(["--latency", "10", "--ambiguous-rate", "0.05", "--late-commit-rate", "0.05",
                                                         "--late-commit-delay", "2", "--commit-then-fail-rate", "0.05",
                                                         "--cut-body-rate", "0.05", "--seed", "3"], rows: 2000, prefix: "k")
        defer { sandboxed.end() }
        let (directory, environment, input, rows) = (sandboxed.directory, sandboxed.environment, sandboxed.input, sandboxed.rows)
        let importing = ["import", input, "--concurrency", "8", "--request-timeout", "1", "--quiet"]

        // Killed at different moments: while listing, while rows are in flight or settling, during resumes too.
        for (round, milliseconds) in [700, 1900, 400, 2500].enumerated() {
            let run = try Child.start(importing + (round == 0 ? [] : ["--resume"]), directory: directory, environment: environment)
            try await Task.sleep(for: .milliseconds(milliseconds))
            run.kill(SIGKILL)
            await run.finish()
        }
        let resumed = try Child.start(importing + ["--resume"], directory: directory, environment: environment)
        await resumed.finish()
        #expect(resumed.status == 0)

        let results = try sandboxed.results()
        #expect(results.count == rows)
        #expect(results.map { String($0[0]) } == (1...rows).map { String($0) })
        #expect(results.allSatisfy { $0[3] == "created" })

        let routes = try await sandboxed.serverRoutes()
        let names = routes.compactMap { $0["RouteName"] as? String }
        #expect(names.count == rows)
        #expect(Set(names).count == rows, "a name was created twice")
        #expect(Set(results.map { String($0[4]) }) == Set(routes.compactMap { $0["CallRouteId"] as? String }))

        let verify = try Child.start(["import", input, "--verify"], directory: directory, environment: environment)
        await verify.finish()
        #expect(verify.status == 0)
    }

    @Test("SIGTERM and SIGHUP stop an import as Ctrl-C does: requests in flight finish, every row has its result, exit 4")
    func terminationStopsCleanly() async throws {
        for signal in [SIGTERM, SIGHUP] {
            let sandboxed = try await SandboxedImport.start(["--latency", "200"], rows: 1000, prefix: "t")
            defer { sandboxed.end() }
            let (directory, environment, input, rows) = (sandboxed.directory, sandboxed.environment, sandboxed.input, sandboxed.rows)

            let run = try Child.start(["import", input, "--concurrency", "16", "--quiet"], directory: directory, environment: environment)
            try await Task.sleep(for: .milliseconds(1500))
            run.kill(signal)
            await run.finish()
            #expect(run.status == 4, "signal \(signal)")
            let results = try sandboxed.results()
            #expect(results.count == rows)
            let created = results.filter { $0[3] == "created" }.count
            #expect(created > 0 && created < rows)
            #expect(results.allSatisfy { ["created", "unprocessed"].contains($0[3]) })

            let routes = try await sandboxed.serverRoutes()
            #expect(routes.count == created, "every request that went out had its answer written")
        }
    }

    @Test("a second Ctrl-C stops at once, leaving the requests in flight; --resume settles them: none lost, none twice")
    func secondInterruptStopsAtOnce() async throws {
        // Every write is committed 6 s after it arrives, so creates sent are in flight for 6 s,
        // and the second run's lookups (15 s after they were sent, a margin for a loaded machine)
        // find them. A machine so busy that nothing had left when the first Ctrl-C came stops at
        // once without a second: then it is tried again, later in the run.
        for wait in [1.5, 3.0, 4.5] {
            let sandboxed = try await SandboxedImport.start(["--late-commit-rate", "1", "--late-commit-delay", "6"], rows: 8, prefix: "a")
            defer { sandboxed.end() }
            let (directory, environment, input) = (sandboxed.directory, sandboxed.environment, sandboxed.input)
            let importing = ["import", input, "--concurrency", "4", "--request-timeout", "60", "--settle-delay", "15"]

            let run = try Child.start(importing, directory: directory, environment: environment)
            // The journal takes its place once the account is listed, just before the first rows leave.
            while !FileManager.default.fileExists(atPath: directory + "/routes.results.csv.journal") {
                try await Task.sleep(for: .milliseconds(20))
            }
            try await Task.sleep(for: .seconds(wait))
            // A person's two presses: the kernel merges signals sent within microseconds (they do
            // not queue), but two delivered before the process has read the first are still two.
            run.kill(SIGINT)
            try await Task.sleep(for: .milliseconds(300))
            guard run.isRunning else { continue }
            run.kill(SIGINT)
            await run.finish()
            let said = String(decoding: try await run.readErrors(), as: UTF8.self)
            #expect(run.status == 4)
            #expect(said.contains("stopping: requests in flight finish") && said.contains("Ctrl-C again to stop at once"), "\(said)")
            #expect(said.contains("stopped at once") && said.contains("--resume"), "\(said)")
            // Waiting for the answers would have written the results: it ended before them.
            #expect(!FileManager.default.fileExists(atPath: directory + "/routes.results.csv"))

            let resumed = try Child.start(importing + ["--resume"], directory: directory, environment: environment)
            await resumed.finish()
            #expect(resumed.status == 0)
            let results = try sandboxed.results()
            #expect(results.count == 8 && results.allSatisfy { $0[3] == "created" })
            #expect(results.filter { $0.joined(separator: ",").contains("found by name") }.count == 4, "the four in flight")
            let names = try await sandboxed.serverRoutes().compactMap { $0["RouteName"] as? String }
            #expect(names.count == 8 && Set(names).count == 8)
            return
        }
        Issue.record("the first Ctrl-C never found a request in flight")
    }
}

extension ImportProcessTests {
    @Test("an import whose stderr has gone (a closed terminal, a pipe's reader stopped) ends with its status, not a crash")
    func aClosedStandardErrorIsNoCrash() async throws {
        let sandboxed = try await SandboxedImport.start([], rows: 20, prefix: "e")
        defer { sandboxed.end() }
        let run = try Child.start(["import", sandboxed.input], directory: sandboxed.directory, environment: sandboxed.environment)
        run.closeErrors()
        await run.finish()
        #expect(run.status == 0)
        #expect(try sandboxed.results().count == 20)
    }
}

/// A temporary directory holding a CSV of distinct trunk routes, with a `routectl sandbox serve`
/// process for account K:S and the environment that points routectl at it.
private struct SandboxedImport {
    let directory: String
    let sandbox: Child
    let environment: [String: String]
    let input: String
    let rows: Int

    static func start(_ sandboxOptions: [String], rows: Int, prefix: String) async throws -> SandboxedImport {
        let directory = NSTemporaryDirectory() + "routectl-import-process-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let sandbox = try Child.start(["sandbox", "serve", "--port", "0", "--db", ":memory:", "--account", "K:S"] + sandboxOptions,
                                      directory: directory)
        let baseURL = try await sandbox.waitForLine { $0.contains("Telegent") }
            .split(separator: " ").last.map(String.init) ?? ""
        var text = "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1\n"
        for index in 0..<rows { text += "\(prefix)-\(index),Trunk,10.1.\(index / 250 % 250).\(index % 250 + 1),5061,UDP\n" }
        let input = directory + "/routes.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: input))
        return SandboxedImport(directory: directory, sandbox: sandbox,
                               environment: ["ROUTECTL_BASE_URL": baseURL, "ROUTECTL_ACCOUNT_KEY": "K", "ROUTECTL_ACCOUNT_SECRET": "S",
                                             "XDG_CONFIG_HOME": directory, "XDG_DATA_HOME": directory],
                               input: input, rows: rows)
    }

    /// The result file's rows (header dropped), split into cells.
    func results() throws -> [[Substring]] {
        try String(contentsOfFile: directory + "/routes.results.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }

    /// The account's routes, as `routectl routes list --output json` gives them.
    func serverRoutes() async throws -> [[String: Any]] {
        let list = try Child.start(["routes", "list", "--output", "json"], directory: directory, environment: environment)
        let routes = try JSONSerialization.jsonObject(with: await list.readAll()) as? [[String: Any]] ?? []
        await list.finish()
        return routes
    }

    func end() {
        sandbox.kill(SIGTERM)
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// A routectl child process with its stdout piped.
final class Child: @unchecked Sendable {
    private let process: SpawnedProcess

    private init(_ process: SpawnedProcess) {
        self.process = process
    }

    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("routectl")
    }

    static func start(_ arguments: [String], directory: String, environment: [String: String] = [:]) throws -> Child {
        Child(try SpawnedProcess(executable.path, arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                                 directory: directory, input: false))
    }

    var status: Int32 { process.terminationStatus }

    var isRunning: Bool { process.isRunning }

    func kill(_ signal: Int32) {
        if process.isRunning { Foundation.kill(process.pid, signal) }
    }

    /// Waits for the process to end without holding one of the few threads async tests share.
    func finish() async {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        process.waitUntilExit()
    }

    func readAll() async throws -> Data {
        let handle = process.standardOutput
        return try await Self.offThePool { try handle.readToEnd() ?? Data() }
    }

    /// Closes this end of the child's stderr: its next write there fails.
    func closeErrors() {
        try? process.standardError.close()
    }

    func readErrors() async throws -> Data {
        let handle = process.standardError
        return try await Self.offThePool { try handle.readToEnd() ?? Data() }
    }

    /// Reads stdout line by line until one matches.
    func waitForLine(_ matches: @escaping @Sendable (String) -> Bool) async throws -> String {
        let handle = process.standardOutput
        return try await Self.offThePool { try Self.readLine(from: handle, matching: matches) }
    }

    /// Runs a blocking read on a thread of its own.
    private static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    private static func readLine(from handle: FileHandle, matching matches: (String) -> Bool) throws -> String {
        var buffer = Data()
        while true {
            let chunk = handle.availableData
            guard !chunk.isEmpty else { throw CocoaError(.fileReadUnknown) }
            buffer.append(chunk)
            let lines = String(decoding: buffer, as: UTF8.self).split(separator: "\n")
            if let line = lines.first(where: { matches(String($0)) }) {
                return line.trimmingCharacters(in: .whitespaces)
            }
        }
    }
}
