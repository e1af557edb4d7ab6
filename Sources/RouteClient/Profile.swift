import RouteModel

/// A named connection saved in the config file: which provider, where, and as whom.
public struct Profile: Codable, Sendable, Equatable {
    public var name: String
    /// `telegent`, `flowroute`, `flowroute-v1` or `flowroute-v2`, as given to `--provider`.
    public var provider: String
    public var baseURL: String
    public var accountKey: String
    public var accountSecret: String

    public init(name: String, provider: String, baseURL: String, accountKey: String, accountSecret: String) {
        self.name = name
        self.provider = provider
        self.baseURL = baseURL
        self.accountKey = accountKey
        self.accountSecret = accountSecret
    }
}

/// The contents of `config.json`: the profiles and which one is used when none is named.
public struct ProfileConfig: Codable, Sendable, Equatable {
    public var active: String?
    public var profiles: [Profile]

    public init(active: String? = nil, profiles: [Profile] = []) {
        self.active = active
        self.profiles = profiles
    }

    /// The name that always means the embedded sandbox; no saved profile may take it.
    public static let sandbox = "sandbox"

    /// Why `name` cannot name a saved profile, if it cannot. Names are typed after `--profile`
    /// and `set profile` (which matches any case, so `SandBox` would mean the sandbox), shown on
    /// the prompt and in lists (where a control character would act on the terminal), and name a
    /// history file (where `/` or a leading `.` would reach outside or hide it).
    public static func nameRefusal(_ name: String) -> String? {
        if name.isEmpty { return "a profile's name cannot be empty" }
        if name.lowercased() == sandbox { return "\"\(name)\" is the local sandbox's name (in any case); choose another" }
        if name.unicodeScalars.contains(where: TerminalText.isUnsafe) {
            return "a profile's name cannot hold control characters (\"\(TerminalText.escaped(name))\")"
        }
        if name.contains("/") { return "a profile's name cannot hold a / (\"\(name)\")" }
        if name.hasPrefix(".") { return "a profile's name cannot start with a . (\"\(name)\")" }
        return nil
    }

    /// The names `profiles use`, `--profile` and the shell's `set profile` accept.
    public var names: [String] {
        [Self.sandbox] + profiles.map(\.name)
    }

    /// The profile called `name`; nil for `sandbox` too, which is no saved profile.
    public subscript(name: String) -> Profile? {
        profiles.first { $0.name == name }
    }

    /// Adds `profile`, replacing one of the same name.
    public mutating func save(_ profile: Profile) {
        profiles.removeAll { $0.name == profile.name }
        profiles.append(profile)
        profiles.sort { $0.name < $1.name }
    }

    /// Removes the profile; if it was the active one, no profile is active afterwards.
    @discardableResult
    public mutating func remove(_ name: String) -> Bool {
        guard self[name] != nil else { return false }
        profiles.removeAll { $0.name == name }
        if active == name { active = nil }
        return true
    }
}
