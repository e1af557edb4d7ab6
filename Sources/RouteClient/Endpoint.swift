import RouteModel

/// Where routes live and whose they are: a provider's base URL and an account's credentials.
public struct Endpoint: Sendable, Equatable {
    public var dialect: Dialect
    /// The base URL as the provider documents it (`https://api.telegent.com/v1.0`), no trailing `/`.
    public var baseURL: String
    public var accountKey: String
    public var accountSecret: String

    public init(dialect: Dialect, baseURL: String, accountKey: String, accountSecret: String) {
        self.dialect = dialect
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.accountKey = accountKey
        self.accountSecret = accountSecret
    }
}

extension Endpoint {
    /// Which account this is, for records that must not be applied to another (an import's
    /// journal, which undo reads): the account key at the service's host. The port is left out,
    /// since the embedded sandbox takes a new one on every start.
    public var account: String {
        let afterScheme = baseURL.range(of: "://").map { baseURL[$0.upperBound...] } ?? baseURL[...]
        let authority = afterScheme.prefix { $0 != "/" }
        let host = authority.hasPrefix("[") ? String(authority.prefix { $0 != "]" }) + "]" : String(authority.prefix { $0 != ":" })
        return "\(accountKey) at \(host)"
    }
}

extension Endpoint: CustomStringConvertible {
    /// Safe to print or log: the secret is masked.
    public var description: String {
        "\(dialect.displayName) at \(baseURL) as \(accountKey) (secret \(Secret.mask(accountSecret)))"
    }
}
