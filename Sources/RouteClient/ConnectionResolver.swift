import RouteModel

/// Which service a command talks to and as whom, from its flags, then the environment, then the
/// saved profile, and finally the embedded sandbox, so that routectl works on a fresh machine and
/// does what it is told on a configured one. Pure but for reading the config file, so every
/// command, the shell's prompt and `import --dry-run` decide alike.
public struct ConnectionResolver: Sendable {
    /// What the command line said; nil where it said nothing.
    public struct Flags: Sendable {
        public var profile: String?
        public var provider: String?
        public var baseURL: String?

        public init(profile: String? = nil, provider: String? = nil, baseURL: String? = nil) {
            self.profile = profile
            self.provider = provider
            self.baseURL = baseURL
        }
    }

    /// Where the commands go: a service, or the embedded sandbox when nothing names one.
    public struct Choice: Sendable, Equatable {
        public var dialect: Dialect
        /// The profile in use, if any.
        public var profile: Profile?
        /// The service's base URL; nil means the embedded sandbox.
        public var baseURL: String?
        var accountKey: String?
        var accountSecret: String?

        /// The service with its credentials; nil for the embedded sandbox.
        public func endpoint() throws(ConnectionError) -> Endpoint? {
            guard let baseURL else { return nil }
            guard let accountKey, let accountSecret else {
                throw ConnectionError(.usage, """
                    no account \(accountKey == nil ? "key" : "secret") for \(baseURL): set ROUTECTL_ACCOUNT_KEY and \
                    ROUTECTL_ACCOUNT_SECRET, or save them with `routectl profiles add`
                    """)
            }
            return Endpoint(dialect: dialect, baseURL: baseURL, accountKey: accountKey, accountSecret: accountSecret)
        }

        /// `sandbox`, the profile's name, or `custom` for a service named by flags or environment.
        public var place: String { profile?.name ?? (baseURL == nil ? "sandbox" : "custom") }
    }

    public let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    public func choose(_ flags: Flags = Flags()) throws(ConnectionError) -> Choice {
        let requestedProvider = flags.provider ?? value("ROUTECTL_PROVIDER")
        let profile = try selectProfile(flags, requestedProvider: requestedProvider)
        let providerText = requestedProvider ?? profile?.provider ?? Provider.telegent.rawValue
        guard let (provider, pinned) = Provider.parse(providerText).map({ ($0.provider, $0.pinned) }) else {
            throw ConnectionError(.usage, "unknown provider \"\(providerText)\" (telegent, flowroute, flowroute-v1 or flowroute-v2)")
        }
        let baseURL = flags.baseURL ?? value("ROUTECTL_BASE_URL") ?? profile?.baseURL
        if let baseURL, let problem = Endpoint.problem(withBaseURL: baseURL) {
            throw ConnectionError(.usage, problem)
        }
        return Choice(
            dialect: pinned ?? provider.dialect(baseURL: baseURL), profile: profile, baseURL: baseURL,
            accountKey: value("ROUTECTL_ACCOUNT_KEY") ?? profile?.accountKey,
            accountSecret: value("ROUTECTL_ACCOUNT_SECRET") ?? profile?.accountSecret)
    }

    public static let concurrencyRange = 1...1024

    /// `flag` (an importer's `--concurrency`), else `ROUTECTL_CONCURRENCY`, else nil.
    public func concurrency(_ flag: Int? = nil) throws(ConnectionError) -> Int? {
        if let flag { return flag }
        guard let text = value("ROUTECTL_CONCURRENCY") else { return nil }
        guard let number = Int(text), Self.concurrencyRange.contains(number) else {
            throw ConnectionError(.usage, "ROUTECTL_CONCURRENCY must be a whole number from 1 to \(Self.concurrencyRange.upperBound), not \"\(text)\"")
        }
        return number
    }

    /// The profile named by `--profile` or `ROUTECTL_PROFILE` (which must exist), else the active
    /// one, unless a different provider was asked for: then the active profile, made for
    /// another service, does not apply.
    private func selectProfile(_ flags: Flags, requestedProvider: String?) throws(ConnectionError) -> Profile? {
        let config: ProfileConfig
        do { config = try ProfileStore(environment: environment).load() } catch {
            throw ConnectionError(.fatal, error.description)
        }
        if let name = flags.profile ?? value("ROUTECTL_PROFILE") {
            if name == ProfileConfig.sandbox { return nil }
            guard let profile = config[name] else {
                let saved = config.profiles.map(\.name)
                throw ConnectionError(.usage, "no profile named \"\(name)\""
                    + (saved.isEmpty ? " (none saved yet)" : " (saved: \(saved.joined(separator: ", ")))"))
            }
            return profile
        }
        guard let active = config.active.flatMap({ config[$0] }) else { return nil }
        if let requestedProvider, Provider.parse(requestedProvider)?.provider != Provider.parse(active.provider)?.provider {
            return nil
        }
        return active
    }

    /// The variable's value; unset and empty are the same.
    private func value(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// Why no connection could be chosen, with the exit status it ends a command with.
public struct ConnectionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let exitStatus: ExitStatus
    public let description: String

    init(_ exitStatus: ExitStatus, _ description: String) {
        self.exitStatus = exitStatus
        self.description = description
    }
}
