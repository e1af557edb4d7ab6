import ArgumentParser
import Dispatch
import Foundation
import RouteModel
import RouteSandbox

/// `routectl sandbox …`: the local server that speaks Telegent and Flowroute.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the local sandbox that speaks the Telegent and Flowroute APIs.",
        subcommands: [Serve.self]
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the sandbox until Ctrl-C.",
            discussion: """
                Telegent is served under /v1.0, Flowroute v1 under /v1 and v2 under /v2, with auth, \
                token scope and expiry, validation and per-account state in SQLite. The fault options \
                make it behave like a service having a bad day; --seed makes the faults repeatable.
                """
        )

        @Option(help: "Address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "Port to listen on (0 picks a free one).")
        var port = 8080

        @Option(name: .customLong("db"), help: ArgumentHelp("SQLite database file, or :memory:.", valueName: "path"))
        var database = ":memory:"

        @Option(name: .customLong("account"), help: ArgumentHelp(
            "An account the sandbox accepts (repeatable). Without one, a default account is created and printed.",
            valueName: "key:secret"))
        var accounts: [String] = []

        @Option(name: .customLong("token-ttl"), help: ArgumentHelp("Lifetime of Telegent tokens.", valueName: "seconds"))
        var tokenTTL = 300.0

        @Option(help: ArgumentHelp("Added to every request.", valueName: "ms"))
        var latency = 0.0

        @Option(name: .customLong("rate-limit"), help: ArgumentHelp(
            "Requests per second per account; beyond it, 429 with Retry-After.", valueName: "n"))
        var rateLimit: Int?

        @Option(name: .customLong("fail-rate"), help: ArgumentHelp(
            "Share of route requests answered 500 or 503, changing nothing.", valueName: "p"))
        var failRate = 0.0

        @Option(name: .customLong("ambiguous-rate"), help: ArgumentHelp(
            "Share of successful writes that are committed, then answered with a dropped connection or a 504.",
            valueName: "p"))
        var ambiguousRate = 0.0

        @Option(name: .customLong("late-commit-rate"), help: ArgumentHelp(
            "Share of writes held --late-commit-delay seconds, then committed, then answered.", valueName: "p"))
        var lateCommitRate = 0.0

        @Option(name: .customLong("late-commit-delay"), help: ArgumentHelp(
            "How long a late commit is held (default 2).", valueName: "seconds"))
        var lateCommitDelay = 2.0

        @Option(name: .customLong("commit-then-fail-rate"), help: ArgumentHelp(
            "Share of successful writes that are committed, then answered 502, 503 (with Retry-After) or 504.",
            valueName: "p"))
        var commitThenFailRate = 0.0

        @Option(name: .customLong("cut-body-rate"), help: ArgumentHelp(
            "Share of successful writes that are committed, then answered 200 with a body cut short.", valueName: "p"))
        var cutBodyRate = 0.0

        @Option(name: .customLong("seed-routes"), help: ArgumentHelp(
            "Fill each account that holds no Telegent routes with this many generated ones (seed-000000, …).",
            valueName: "n"))
        var seedRoutes = 0

        @Option(name: .customLong("seed-numbers"), help: ArgumentHelp(
            "Give each account that holds no numbers this many (+12065550000, …) for every API; with --seed-routes, number i uses seeded route i mod routes.",
            valueName: "n"))
        var seedNumbers = 0

        @Option(help: ArgumentHelp("Seed for a repeatable fault sequence.", valueName: "n"))
        var seed: UInt64?

        @Flag(help: "Log one line per request to stderr.")
        var verbose = false

        func validate() throws {
            for (index, credentials) in accounts.enumerated() where SandboxAccount(credentials: credentials) == nil {
                // The value is not repeated: it holds a secret (SecretNames).
                throw ValidationError("--account must be KEY:SECRET (\(index + 1). --account is not)")
            }
            let rates = [("--fail-rate", failRate), ("--ambiguous-rate", ambiguousRate), ("--late-commit-rate", lateCommitRate),
                         ("--commit-then-fail-rate", commitThenFailRate), ("--cut-body-rate", cutBodyRate)]
            for (name, rate) in rates where !(0...1).contains(rate) {
                throw ValidationError("\(name) must be between 0 and 1, not \(rate)")
            }
            if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
            if Self.seconds(tokenTTL, from: 1) == nil { throw ValidationError("--token-ttl must be from 1 to 86400 seconds") }
            if Self.seconds(latency / 1000, from: 0) == nil { throw ValidationError("--latency must be from 0 to 86400000 ms") }
            if Self.seconds(lateCommitDelay, from: 0) == nil {
                throw ValidationError("--late-commit-delay must be from 0 to 86400 seconds")
            }
            if let rateLimit, rateLimit < 1 { throw ValidationError("--rate-limit must be at least 1") }
            if !(0...10_000_000).contains(seedRoutes) { throw ValidationError("--seed-routes must be from 0 to 10000000") }
            if !(0...1_000_000).contains(seedNumbers) { throw ValidationError("--seed-numbers must be from 0 to 1000000") }
        }

        func run() async throws {
            try await reportingFailures {
                let sandbox: Sandbox
                do {
                    sandbox = try await Sandbox.start(options)
                } catch {
                    throw CommandFailure(.fatal, "the sandbox could not start on \(host):\(port): \(error)")
                }
                announce(sandbox)
                let signals = [SIGINT, SIGTERM].map { number in
                    signal(number, SIG_IGN)
                    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                    source.setEventHandler { Task { await sandbox.stop() } }
                    source.resume()
                    return source
                }
                defer { signals.forEach { $0.cancel() } }
                try await sandbox.waitUntilStopped()
            }
        }

        private var options: SandboxOptions {
            var options = SandboxOptions()
            options.host = host
            options.port = port
            options.database = database
            options.accounts = accounts.compactMap(SandboxAccount.init(credentials:))
            options.tokenTTL = Self.seconds(tokenTTL, from: 1) ?? options.tokenTTL
            options.latency = Self.seconds(latency / 1000, from: 0) ?? .zero
            options.rateLimit = rateLimit
            options.seedRoutes = seedRoutes
            options.seedNumbers = seedNumbers
            options.faults.failRate = failRate
            options.faults.ambiguousRate = ambiguousRate
            options.faults.lateCommitRate = lateCommitRate
            options.faults.lateCommitDelay = Self.seconds(lateCommitDelay, from: 0) ?? options.faults.lateCommitDelay
            options.faults.commitThenFailRate = commitThenFailRate
            options.faults.cutBodyRate = cutBodyRate
            options.seed = seed
            options.logRequests = verbose
            return options
        }

        /// A number of seconds given on the command line, checked: at most a day.
        private static func seconds(_ value: Double, from lowest: Double) -> Duration? {
            Duration.checkedSeconds(value, within: lowest...86_400)
        }

        /// The base URLs to configure clients with, and the default account's credentials when
        /// the sandbox made one (they are what a client needs to log in).
        private func announce(_ sandbox: Sandbox) {
            var lines = [
                "routectl sandbox listening",
                "  Telegent      \(sandbox.baseURL(.telegent))",
                "  Flowroute v1  \(sandbox.baseURL(.flowrouteV1))",
                "  Flowroute v2  \(sandbox.baseURL(.flowrouteV2))",
            ]
            if let account = sandbox.defaultAccount {
                let kept = database == ":memory:" ? "" : ", kept in \(database)"
                lines.append("  account       \(account.key):\(account.secret)  (default account\(kept))")
            } else {
                lines.append("  accounts      \(sandbox.accounts.map(\.key).joined(separator: ", "))")
            }
            lines.append("Press Ctrl-C to stop.")
            // Written at once and unbuffered, so a script waiting for the URLs sees them immediately.
            try? FileHandle.standardOutput.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}
