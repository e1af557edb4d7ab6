import Foundation
import Hummingbird
import Logging
import NIOCore
import RouteModel
import ServiceLifecycle

/// A running sandbox: a local server speaking Telegent under `/v1.0` and Flowroute under `/v1`
/// and `/v2`, with its state in SQLite. Start it, use `baseURL(_:)` as a provider's base URL,
/// stop it when done.
public final class Sandbox: Sendable {
    /// The port it listens on (the one picked when 0 was asked for).
    public let port: Int
    /// The accounts it accepts.
    public let accounts: [SandboxAccount]
    /// The default account, when no account was given and the sandbox made (or reloaded) one.
    public let defaultAccount: SandboxAccount?
    private let host: String
    private let routeWriteCounter: WriteCounter
    private let numberWriteCounter: WriteCounter
    private let services: ServiceGroup
    private let running: Task<Void, any Error>

    private init(port: Int, host: String, accounts: [SandboxAccount], defaultAccount: SandboxAccount?,
                 routeWrites: WriteCounter, numberWrites: WriteCounter, services: ServiceGroup, running: Task<Void, any Error>) {
        self.port = port
        self.host = host
        self.routeWriteCounter = routeWrites
        self.numberWriteCounter = numberWrites
        self.accounts = accounts
        self.defaultAccount = defaultAccount
        self.services = services
        self.running = running
    }

    /// Opens the database, binds the port and returns once the server is accepting connections.
    public static func start(_ options: SandboxOptions) async throws -> Sandbox {
        let store = try RouteStore(path: options.database)
        let defaultAccount = options.accounts.isEmpty ? try loadDefaultAccount(store) : nil
        let accounts = defaultAccount.map { [$0] } ?? options.accounts
        for account in accounts { try await seed(account, options: options, store: store) }
        let signingKey = try store.setting("token-signing-key") { randomHex(bytes: 32) }
        let routeWrites = WriteCounter()
        let numberWrites = WriteCounter()
        let router = SandboxRouter(
            options: options, store: store, accounts: AccountBook(accounts),
            tokens: TokenAuthority(key: Data(signingKey.utf8), lifetime: options.tokenTTL),
            routeWrites: routeWrites, numberWrites: numberWrites
        ).build()

        let logger = options.logRequests
            ? Logger(label: "routectl.sandbox", factory: { StreamLogHandler.standardError(label: $0) })
            : Logger(label: "routectl.sandbox", factory: { _ in SwiftLogNoOpLogHandler() })
        let (bound, announce) = AsyncStream<Int>.makeStream()
        let application = Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: Self.channelHandlers(options))),
            configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port)),
            onServerRunning: { channel in
                announce.yield(channel.localAddress?.port ?? options.port)
                announce.finish()
            },
            logger: logger)
        // No signal handling here: embedded in routectl, Ctrl-C belongs to the command running.
        let services = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger))
        let running = Task {
            defer { announce.finish() }
            try await services.run()
        }
        guard let port = await bound.first(where: { _ in true }) else {
            try await running.value
            throw SandboxStartError(reason: "the server stopped before it was listening")
        }
        return Sandbox(port: port, host: options.host, accounts: accounts, defaultAccount: defaultAccount,
                       routeWrites: routeWrites, numberWrites: numberWrites, services: services, running: running)
    }

    /// What each connection's pipeline adds: the hold that gives answers their `--latency`.
    private static func channelHandlers(_ options: SandboxOptions) -> [any RemovableChannelHandler] {
        guard options.latency > .zero else { return [] }
        return [ResponseDelayHandler(latency: TimeAmount(options.latency))]
    }

    /// Write requests to the route endpoints so far (creates, updates, deletes; answered or not).
    public var routeWrites: Int { routeWriteCounter.value }

    /// Write requests to the number endpoints so far (number updates; answered or not).
    public var numberWrites: Int { numberWriteCounter.value }

    /// The base URL a client of `dialect` uses, as its documentation writes it
    /// (`http://127.0.0.1:PORT/v1.0`, `/v1`, `/v2`).
    public func baseURL(_ dialect: Dialect) -> String {
        let reachable = ["0.0.0.0", "::", ""].contains(host) ? "127.0.0.1" : host
        let authority = reachable.contains(":") ? "[\(reachable)]" : reachable
        return "http://\(authority):\(port)\(dialect.basePath)"
    }

    /// Stops accepting connections, lets requests in flight finish, and returns when it is down.
    public func stop() async {
        await services.triggerGracefulShutdown()
        _ = try? await running.value
    }

    /// Returns when the server has stopped (after `stop()`), throwing what stopped it otherwise.
    public func waitUntilStopped() async throws {
        try await running.value
    }

    /// Seeded numbers go to the routes seeded with them: the account's first routes, when it was
    /// just filled.
    private static func seed(_ account: SandboxAccount, options: SandboxOptions, store: RouteStore) async throws {
        let filled = try await RouteSeeder.seed(options.seedRoutes, account: account, store: store)
        let used = filled ? min(options.seedRoutes, options.seedNumbers) : 0
        let routes = used > 0 ? try await store.list(account: account.key, dialect: .telegent, limit: used).records.map(\.id) : []
        try await NumberSeeder.seed(options.seedNumbers, account: account, telegentRoutes: routes, store: store.numbers)
    }

    /// The default account lives in the database, so its credentials stay the same across runs.
    private static func loadDefaultAccount(_ store: RouteStore) throws -> SandboxAccount {
        let credentials = try store.setting("default-account") {
            "DID-\(randomHex(bytes: 8).uppercased()):\(randomHex(bytes: 16))"
        }
        guard let account = SandboxAccount(credentials: credentials) else {
            throw SandboxStartError(reason: "the stored default account is unreadable")
        }
        return account
    }

    private static func randomHex(bytes: Int) -> String {
        Hex.encode((0..<bytes).map { _ in UInt8.random(in: .min ... .max) })
    }
}

/// Why a sandbox could not start, beyond the database's and the socket's own errors.
public struct SandboxStartError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public var description: String { "the sandbox could not start: \(reason)" }
}
