/// An absolute http(s) URL split into what a connection needs: where to connect, the Host
/// header, and the request line's target. Parsed by hand because every request has one.
struct RequestTarget: Equatable, Sendable {
    var secure: Bool
    /// The host to connect to, without an IPv6 literal's brackets.
    var host: String
    var port: Int
    /// As the `Host` header says it: the port only when it is not the scheme's.
    var hostHeader: String
    /// The path and query, at least `/`.
    var pathAndQuery: String

    /// Connections are shared between requests with the same origin.
    var origin: String { (secure ? "https://" : "http://") + hostHeader }

    var isIPAddress: Bool {
        host.utf8.contains(UInt8(ascii: ":")) || host.utf8.allSatisfy { $0 == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    init?(_ url: String) {
        let rest: Substring
        if url.hasPrefix("http://") {
            secure = false
            rest = url.dropFirst(7)
        } else if url.hasPrefix("https://") {
            secure = true
            rest = url.dropFirst(8)
        } else {
            return nil
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let target = rest[authorityEnd...].prefix { $0 != "#" }
        pathAndQuery = target.isEmpty ? "/" : target.first == "?" ? "/" + target : String(target)
        guard !authority.isEmpty, !authority.utf8.contains(UInt8(ascii: "@")) else { return nil }
        let hostPart: Substring
        let portPart: Substring?
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            guard after.isEmpty || after.first == ":" else { return nil }
            portPart = after.isEmpty ? nil : after.dropFirst()
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        } else {
            hostPart = authority
            portPart = nil
        }
        let defaultPort = secure ? 443 : 80
        if let portPart {
            guard let port = Int(portPart), (1...65535).contains(port) else { return nil }
            self.port = port
        } else {
            port = defaultPort
        }
        guard !hostPart.isEmpty else { return nil }
        host = String(hostPart)
        let bracketed = host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]" : host
        hostHeader = port == defaultPort ? bracketed : "\(bracketed):\(port)"
    }
}
