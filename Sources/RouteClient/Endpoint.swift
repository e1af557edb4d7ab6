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
    /// Why `url` cannot be a base URL, or `nil`: every request's path is the base URL's path
    /// and more, so it must be an http(s) URL of printable ASCII — a space or a line break would
    /// end the request line and start a header of its own — with no query or fragment.
    public static func problem(withBaseURL url: String) -> String? {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            return "the base URL must start with http:// or https://, not \"\(url)\""
        }
        if let byte = url.utf8.first(where: { $0 <= 0x20 || $0 >= 0x7F }) {
            let what = byte == 0x20 ? "a space" : byte >= 0x80 ? "a character outside ASCII (percent-encode it)" : "a control character"
            return "the base URL holds \(what): \"\(TerminalText.escaped(url))\""
        }
        if url.utf8.contains(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            return "the base URL cannot hold a query or a fragment (? or #): \"\(url)\""
        }
        guard RequestTarget(url) != nil else { return "the base URL has no valid host and port: \"\(url)\"" }
        return nil
    }

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
