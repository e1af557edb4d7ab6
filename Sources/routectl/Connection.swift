import Logging
import RouteClient
import RouteModel

/// Which service a command talks to and as whom, resolved from flags, then the environment,
/// then the profile, then the embedded sandbox, so that routectl works on a fresh machine and
/// does what it is told on a configured one.
struct Connection {
    let endpoint: Endpoint
    let options: ClientOptions

    /// Resolves the connection for `global`. `concurrency` (an importer's `--concurrency`) wins
    /// over `ROUTECTL_CONCURRENCY`.
    static func resolve(_ global: GlobalOptions, concurrency: Int? = nil) async throws -> Connection {
        let endpoint = try await resolveEndpoint(global)
        var options = ClientOptions()
        if let concurrency = concurrency ?? Environment.value("ROUTECTL_CONCURRENCY").flatMap({ Int($0) }) {
            options.concurrency = max(1, concurrency)
        }
        if let timeout = global.connectTimeoutDuration { options.connectTimeout = timeout }
        if let timeout = global.requestTimeoutDuration { options.requestTimeout = timeout }
        if global.isVerbose {
            var logger = Logger(label: "routectl") { label in StreamLogHandler.standardError(label: label) }
            logger.logLevel = .debug
            options.logger = logger
        }
        return Connection(endpoint: endpoint, options: options)
    }

    /// Runs `body` with a service for this connection, closing its connections afterwards.
    static func withService<T>(
        _ global: GlobalOptions, concurrency: Int? = nil, _ body: (any RouteService) async throws -> T
    ) async throws -> T {
        let connection = try await resolve(global, concurrency: concurrency)
        let service = makeRouteService(connection.endpoint, options: connection.options)
        do {
            let result = try await body(service)
            await service.shutdown()
            return result
        } catch {
            await service.shutdown()
            throw error
        }
    }

    private static func resolveEndpoint(_ global: GlobalOptions) async throws -> Endpoint {
        let requestedProvider = global.provider ?? Environment.value("ROUTECTL_PROVIDER")
        let profile = try selectProfile(global, requestedProvider: requestedProvider)
        let providerText = requestedProvider ?? profile?.provider ?? "telegent"
        guard let (provider, pinned) = Provider.parse(providerText).map({ ($0.provider, $0.pinned) }) else {
            throw CommandFailure(.usage, "unknown provider \"\(providerText)\" (telegent, flowroute, flowroute-v1 or flowroute-v2)")
        }
        let baseURL = global.baseURL ?? Environment.value("ROUTECTL_BASE_URL") ?? profile?.baseURL
        guard let baseURL else {
            let dialect = pinned ?? provider.dialect(baseURL: nil)
            return try await EmbeddedSandbox.endpoint(dialect, announce: !global.isQuiet)
        }
        guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else {
            throw CommandFailure(.usage, "the base URL must start with http:// or https://, not \"\(baseURL)\"")
        }
        let key = Environment.value("ROUTECTL_ACCOUNT_KEY") ?? profile?.accountKey
        let secret = Environment.value("ROUTECTL_ACCOUNT_SECRET") ?? profile?.accountSecret
        guard let key, let secret else {
            throw CommandFailure(.usage, """
                no account \(key == nil ? "key" : "secret") for \(baseURL): set ROUTECTL_ACCOUNT_KEY and \
                ROUTECTL_ACCOUNT_SECRET, or save them with `routectl profiles add`
                """)
        }
        return Endpoint(dialect: pinned ?? provider.dialect(baseURL: baseURL), baseURL: baseURL, accountKey: key, accountSecret: secret)
    }

    /// The profile named by `--profile` or `ROUTECTL_PROFILE` (which must exist), else the active
    /// one, unless a different provider was asked for: then the active profile, made for
    /// another service, does not apply.
    private static func selectProfile(_ global: GlobalOptions, requestedProvider: String?) throws -> Profile? {
        let config = try ProfileStore(environment: Environment.all).load()
        if let name = global.profile ?? Environment.value("ROUTECTL_PROFILE") {
            if name == ProfileConfig.sandbox { return nil }
            guard let profile = config[name] else { throw unknownProfile(name, saved: config.profiles.map(\.name)) }
            return profile
        }
        guard let active = config.active.flatMap({ config[$0] }) else { return nil }
        if let requestedProvider, Provider.parse(requestedProvider)?.provider != Provider.parse(active.provider)?.provider {
            return nil
        }
        return active
    }
}
