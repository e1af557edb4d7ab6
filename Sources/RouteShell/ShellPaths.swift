import Foundation

/// Where the shell keeps the history of `profile` (`sandbox` for the embedded one):
/// `$XDG_STATE_HOME/routectl/history.PROFILE`, by default under `~/.local/state`, as the XDG base
/// directory specification asks for state that outlives a session. Each profile has its own, so
/// that lines typed against one account are not offered against another.
public func historyPath(profile: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
    let name = profile.addingPercentEncoding(withAllowedCharacters: allowed) ?? "profile"
    return state + "/routectl/history." + name
}
