/// Credentials of one sandbox account. The same pair works for every API: Telegent's
/// AccountKey/AccountSecret and Flowroute's Access Key/Secret Key.
public struct SandboxAccount: Sendable, Hashable {
    public var key: String
    public var secret: String

    public init(key: String, secret: String) {
        self.key = key
        self.secret = secret
    }

    /// Reads `KEY:SECRET`, as given to `--account`; the secret may itself contain colons.
    public init?(credentials: String) {
        guard let colon = credentials.firstIndex(of: ":"), colon != credentials.startIndex else { return nil }
        let secret = credentials[credentials.index(after: colon)...]
        guard !secret.isEmpty else { return nil }
        self.init(key: String(credentials[..<colon]), secret: String(secret))
    }
}

/// How a sandbox listens, where it keeps its state and which faults it injects.
public struct SandboxOptions: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var port = 0
    /// A file path, or `:memory:` for state that ends with the process.
    public var database = ":memory:"
    /// Empty: a default account is created on first use and kept in the database.
    public var accounts: [SandboxAccount] = []
    public var tokenTTL: Duration = .seconds(300)
    /// Added to every request before it is handled.
    public var latency: Duration = .zero
    /// Requests per second per account; beyond it the answer is 429 with `Retry-After`.
    public var rateLimit: Int? = nil
    /// Telegent routes each account is filled with when it holds none (`--seed-routes`).
    public var seedRoutes = 0
    /// Phone numbers each account is given for every API when it holds none there
    /// (`--seed-numbers`): +12065550000 onwards, number i on seeded route i mod `seedRoutes`.
    public var seedNumbers = 0
    /// The faults injected into route requests, and how often.
    public var faults = SandboxFaults()
    /// Makes the fault sequence repeatable; faults are drawn per request in arrival order.
    public var seed: UInt64? = nil
    /// One line per request on standard error.
    public var logRequests = false

    public init() {}
}
