import Logging
import RouteClient
import RouteModel

/// The service a command talks to, as `ConnectionResolver` chooses it, with the embedded sandbox
/// started when it chooses none.
struct Connection {
    let endpoint: Endpoint
    let options: ClientOptions

    /// Resolves the connection for `global`. `concurrency` (an importer's `--concurrency`) wins
    /// over `ROUTECTL_CONCURRENCY`.
    static func resolve(_ global: GlobalOptions, concurrency: Int? = nil) async throws -> Connection {
        let resolver = ConnectionResolver(environment: Environment.all)
        let endpoint: Endpoint
        var options = ClientOptions()
        do {
            let choice = try resolver.choose(global.connectionFlags)
            if let concurrency = try resolver.concurrency(concurrency) { options.concurrency = concurrency }
            if let service = try choice.endpoint() {
                endpoint = service
            } else {
                endpoint = try await EmbeddedSandbox.endpoint(choice.dialect, announce: !global.isQuiet)
            }
        } catch let error as ConnectionError {
            throw CommandFailure(error.exitStatus, error.description)
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
}

extension GlobalOptions {
    var connectionFlags: ConnectionResolver.Flags {
        ConnectionResolver.Flags(profile: profile, provider: provider, baseURL: baseURL)
    }
}
