import ArgumentParser
import RouteImport

/// How an import sends the rows of a file: its pace, and when to stop for errors.
struct SendingOptions: ParsableArguments {
    @OptionGroup var pace: PaceOptions

    @Option(help: ArgumentHelp("Stop sending once more than this many rows failed or were invalid.", valueName: "n"))
    var maxErrors: Int?

    func validate() throws {
        if let maxErrors, maxErrors < 0 { throw ValidationError("--max-errors must be 0 or more") }
    }

    func resolvedConcurrency() throws -> Int { try pace.resolvedConcurrency() }

    func apply(to options: inout ImportOptions, concurrency: Int) {
        options.concurrency = concurrency
        options.maxErrors = maxErrors
        options.rate = pace.rate
    }
}
