import ArgumentParser
import RouteClient
import RouteModel

/// The options every command that talks to a service accepts. Each also has an environment
/// variable, read when the command runs (not when it is parsed), so that the shell's `set`
/// changes the commands that follow it.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The saved profile to use (env ROUTECTL_PROFILE).", valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp(
        "telegent, flowroute, flowroute-v1 or flowroute-v2 (env ROUTECTL_PROVIDER; default telegent).",
        valueName: "provider"))
    var provider: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "The provider's base URL, e.g. https://api.telegent.com/v1.0 (env ROUTECTL_BASE_URL).", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp(
        "table, json or csv (env ROUTECTL_OUTPUT; default table on a terminal, json otherwise).", valueName: "format"))
    var output: OutputFormat?

    @Flag(name: [.short, .long], help: "Log every request (method, path, status, time) to stderr.")
    var verbose = false

    @Flag(name: [.short, .long], help: "Print only results and errors.")
    var quiet = false

    @Flag(help: "Print long tables straight to the terminal rather than through $PAGER (default less -FRX).")
    var noPager = false

    @Option(name: .customLong("connect-timeout"), help: ArgumentHelp("Seconds to wait for a connection (default 10).", valueName: "seconds"))
    var connectTimeout: Double?

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp("Seconds to wait for an answer (default 30).", valueName: "seconds"))
    var requestTimeout: Double?

    func validate() throws {
        if let provider, Provider.parse(provider) == nil {
            throw ValidationError("--provider must be telegent, flowroute, flowroute-v1 or flowroute-v2, not \"\(provider)\"")
        }
        for (name, value) in [("--connect-timeout", connectTimeout), ("--request-timeout", requestTimeout)] {
            if let value, Self.timeout(value) == nil {
                throw ValidationError("\(name) must be a number of seconds from 0.001 to 86400, not \(value)")
            }
        }
    }

    var connectTimeoutDuration: Duration? { connectTimeout.flatMap(Self.timeout) }
    var requestTimeoutDuration: Duration? { requestTimeout.flatMap(Self.timeout) }

    private static func timeout(_ seconds: Double) -> Duration? {
        Duration.checkedSeconds(seconds, within: 0.001...86_400)
    }

    /// `--verbose`, or `ROUTECTL_VERBOSE=1` as the shell sets it.
    var isVerbose: Bool { verbose || Environment.flag("ROUTECTL_VERBOSE") }
    var isQuiet: Bool { quiet || Environment.flag("ROUTECTL_QUIET") }
}
