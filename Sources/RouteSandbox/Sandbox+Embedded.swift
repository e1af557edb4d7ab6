import Foundation

extension Sandbox {
    /// The sandbox routectl falls back to when no service is configured: loopback, a free port,
    /// its database at `$XDG_DATA_HOME/routectl/sandbox.sqlite` (default `~/.local/share/…`) so
    /// routes and the default account persist between runs, and silent.
    public static func startEmbedded(environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> Sandbox {
        var options = SandboxOptions()
        options.database = embeddedDatabasePath(environment: environment)
        return try await start(options)
    }

    /// Where the embedded sandbox keeps its state, following the XDG base directory rules (a
    /// relative `XDG_DATA_HOME` is ignored).
    public static func embeddedDatabasePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let dataHome: String
        if let configured = environment["XDG_DATA_HOME"], configured.hasPrefix("/") {
            dataHome = configured
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            dataHome = home + "/.local/share"
        }
        return dataHome + "/routectl/sandbox.sqlite"
    }
}
