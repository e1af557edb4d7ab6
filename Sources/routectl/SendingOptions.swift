import ArgumentParser
import RouteClient
import RouteImport

/// How a bulk run sends, for every command that sends rows of a file: how many requests at
/// once, how fast, and when to stop for errors.
struct SendingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The most requests in flight at once (env ROUTECTL_CONCURRENCY; default 16).", valueName: "n"))
    var concurrency: Int?

    @Option(help: ArgumentHelp("Stop sending once more than this many rows failed or were invalid.", valueName: "n"))
    var maxErrors: Int?

    @Option(help: ArgumentHelp("Send at most this many requests per second.", valueName: "per-second"))
    var rate: Double?

    func validate() throws {
        if let concurrency, !ConnectionResolver.concurrencyRange.contains(concurrency) {
            throw ValidationError("--concurrency must be from 1 to \(ConnectionResolver.concurrencyRange.upperBound), not \(concurrency)")
        }
        if let maxErrors, maxErrors < 0 { throw ValidationError("--max-errors must be 0 or more") }
        if let rate, !(rate >= 0.001 && rate <= 1_000_000) {
            throw ValidationError("--rate must be a number of requests per second from 0.001 to 1000000")
        }
    }

    /// `--concurrency`, else `ROUTECTL_CONCURRENCY` (which the shell's `set concurrency` sets), else 16.
    func resolvedConcurrency() throws -> Int {
        do {
            return try ConnectionResolver(environment: Environment.all).concurrency(concurrency) ?? 16
        } catch {
            throw CommandFailure(error.exitStatus, error.description)
        }
    }

    func apply(to options: inout ImportOptions, concurrency: Int) {
        options.concurrency = concurrency
        options.maxErrors = maxErrors
        options.rate = rate
    }
}
