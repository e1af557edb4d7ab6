import Crypto
import Foundation
import RouteModel
import Synchronization

/// Issues and checks Telegent bearer tokens: HS256 JWTs whose `exp` matches the `tokenExpiry`
/// the token answer shows. A token carries its account and, when the client named an
/// `ApiEndpoint`, the path it is limited to.
///
/// Verified tokens are remembered, so a client reusing its token (the normal case) costs one
/// dictionary lookup per request instead of an HMAC and a JSON parse.
final class TokenAuthority: Sendable {
    struct Claims: Sendable, Equatable {
        var account: String
        /// The normalized path the token is limited to; `nil` for an account-wide token.
        var scope: String?
        var expiry: Int
    }

    private let key: [UInt8]
    private let lifetime: Duration
    private let verified = Mutex<[String: Claims]>([:])
    private static let cacheLimit = 10_000
    private static let header = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    init(key: Data, lifetime: Duration) {
        self.key = Array(key)
        self.lifetime = lifetime
    }

    /// A new token for `account`, limited to the path of `endpoint` when there is one.
    func issue(account: String, endpoint: String?, now: Date = Date()) -> TelegentToken {
        let issued = Int(now.timeIntervalSince1970)
        let lifetime = lifetime.components
        let expiry = Int((now.timeIntervalSince1970 + Double(lifetime.seconds) + Double(lifetime.attoseconds) / 1e18).rounded(.down))
        var claims: [(String, JSON)] = [("sub", .string(account))]
        if let endpoint { claims.append(("scope", .string(Self.scope(of: endpoint)))) }
        claims += [("iat", .int(issued)), ("exp", .int(expiry)), ("jti", .string(UUID().uuidString.lowercased()))]
        let signingInput = Self.header + "." + Base64URL.encode(Array(JSON.object(claims).serialized.utf8))
        let token = signingInput + "." + signature(signingInput)
        return TelegentToken(token: token, expiry: Date(timeIntervalSince1970: TimeInterval(expiry)), apiEndpoint: endpoint)
    }

    /// The claims of `token` if it is ours, unexpired and valid for `path`.
    func verify(_ token: String, path: String, now: Date = Date()) -> Claims? {
        let claims: Claims
        if let known = verified.withLock({ $0[token] }) {
            claims = known
        } else {
            guard let decoded = decode(token) else { return nil }
            claims = decoded
            verified.withLock { cache in
                if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
                cache[token] = claims
            }
        }
        guard Int(now.timeIntervalSince1970) < claims.expiry else { return nil }
        if let scope = claims.scope, scope != Self.normalize(path) { return nil }
        return claims
    }

    private func decode(_ token: String) -> Claims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, signature(parts[0] + "." + parts[1]) == parts[2],
              let payload = Base64URL.decode(parts[1]), let json = try? JSON(parsing: payload),
              let account = json["sub"]?.stringValue, let expiry = json["exp"]?.intValue
        else { return nil }
        return Claims(account: account, scope: json["scope"]?.stringValue, expiry: expiry)
    }

    private func signature(_ signingInput: String) -> String {
        Base64URL.encode(HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: SymmetricKey(data: key)))
    }

    /// The path part of an `ApiEndpoint` URL: scheme, host, port, query and fragment are ignored,
    /// so a client reaching the sandbox through any host name or port gets the scope it means.
    static func scope(of endpoint: String) -> String {
        var rest = Substring(endpoint)
        if let schemeEnd = rest.range(of: "://") {
            rest = rest[schemeEnd.upperBound...]
            rest = rest[(rest.firstIndex(of: "/") ?? rest.endIndex)...]
        }
        return normalize(String(rest.prefix { $0 != "?" && $0 != "#" }))
    }

    /// Paths compare without case or a trailing slash, as the service's routing does.
    static func normalize(_ path: String) -> String {
        var path = path.lowercased()
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path.isEmpty ? "/" : path
    }
}
