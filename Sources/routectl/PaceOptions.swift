import ArgumentParser
import RouteClient

/// How fast a bulk run sends, for every command that sends rows: how many requests at once, and
/// how many per second.
struct PaceOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("The most requests in flight at once (env ROUTECTL_CONCURRENCY; default 16).", valueName: "n"))
    var concurrency: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Send at most this many requests per second.", valueName: "per-second"))
    var rate: Double?

    func validate() throws {
        if let concurrency, !ConnectionResolver.concurrencyRange.contains(concurrency) {
            throw ValidationError("--concurrency must be from 1 to \(ConnectionResolver.concurrencyRange.upperBound), not \(concurrency)")
        }
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
}
