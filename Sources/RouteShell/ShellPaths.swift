import Foundation

/// Where the shell keeps its history: `$XDG_STATE_HOME/routectl/history`, by default under
/// `~/.local/state`, as the XDG base directory specification asks for state that outlives a session.
public func historyPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
    return state + "/routectl/history"
}
