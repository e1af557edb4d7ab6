#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The textual formats of the catalog's types. Shared by routectl's checks and the sandbox's, so
/// the two can never disagree about what a valid address is.
enum Format {
    static func matches(_ text: String, _ type: FieldType) -> Bool {
        switch type {
        case .string: return true
        case .ipAddress: return isIPAddress(text)
        case .port: return isPort(text)
        case .uri(let schemes): return isURI(text, schemes: schemes)
        case .pstnNumber: return text.utf8.count == 11 && text.utf8.allSatisfy(isDigit)
        case .hostAndPort: return isHostAndPort(text)
        case .sipURI: return isSIPURI(text)
        case .integer, .boolean, .enumeration, .ipList: return false
        }
    }

    /// The one spelling of a valid value of `type` that is sent and compared: an IP address as
    /// the system writes it (IPv6 compressed, lower case: `2001:DB8:0::1` is `2001:db8::1`), a
    /// port without leading zeros; any other text as it is.
    static func canonical(_ text: String, _ type: FieldType) -> String {
        switch type {
        case .ipAddress:
            var buffer = [UInt8](repeating: 0, count: 16)
            var written = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            for family in [AF_INET, AF_INET6] where inet_pton(family, text, &buffer) == 1 {
                guard inet_ntop(family, buffer, &written, socklen_t(written.count)) != nil else { return text }
                return String(decoding: written.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            return text
        case .port:
            return Int(text).map(String.init) ?? text
        default:
            return text
        }
    }

    static func isIPAddress(_ text: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, text, &buffer) == 1 || inet_pton(AF_INET6, text, &buffer) == 1
    }

    /// Whether two hosts are the same: addresses by their bytes (`2001:DB8:0::1` is
    /// `2001:db8::1`), names without regard to case.
    static func sameHost(_ a: String, _ b: String) -> Bool {
        func bytes(_ text: String) -> [UInt8]? {
            var v4 = [UInt8](repeating: 0, count: 4), v6 = [UInt8](repeating: 0, count: 16)
            if inet_pton(AF_INET, text, &v4) == 1 { return v4 }
            if inet_pton(AF_INET6, text, &v6) == 1 { return v6 }
            return nil
        }
        if let x = bytes(a), let y = bytes(b) { return x == y }
        return a.lowercased() == b.lowercased()
    }

    static func isPort(_ text: some StringProtocol) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 5, text.utf8.allSatisfy(isDigit), let number = Int(text) else { return false }
        return (1...65535).contains(number)
    }

    /// RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens.
    static func isHostName(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let bytes = label.utf8
            guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else {
                return false
            }
            return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// `host`, `host:port`, `1.2.3.4:5060`, `[2001:db8::1]:5060` or a bare IPv6 address.
    static func isHostAndPort(_ text: String) -> Bool {
        if isIPAddress(text) { return true }
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let address = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            return isIPAddress(address) && (rest.isEmpty || (rest.first == ":" && isPort(rest.dropFirst())))
        }
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard isHostName(parts[0]) || isIPAddress(String(parts[0])) else { return false }
        return parts.count == 1 || isPort(parts[1])
    }

    /// An absolute URI: a scheme, then something; hierarchical ones (`//`) need a host.
    static func isURI(_ text: String, schemes: [String]) -> Bool {
        guard let colon = text.firstIndex(of: ":"), !text.contains(where: { $0.isWhitespace }) else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.utf8.first, isLetter(first),
              scheme.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return false }
        if !schemes.isEmpty && !schemes.contains(scheme.lowercased()) { return false }
        let rest = text[text.index(after: colon)...]
        if rest.hasPrefix("//") {
            let authority = rest.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            let host = authority.split(separator: "@").last.map(String.init) ?? ""
            return !host.isEmpty && isHostAndPort(host)
        }
        return !rest.isEmpty
    }

    /// `protocol:user@domain[:port][;transport=tcp|udp]`, as Flowroute documents URI routes.
    static func isSIPURI(_ text: String) -> Bool {
        let parameters = text.split(separator: ";", omittingEmptySubsequences: false)
        let address = parameters[0]
        guard let colon = address.firstIndex(of: ":") else { return false }
        let scheme = address[..<colon].lowercased()
        guard scheme == "sip" || scheme == "sips" else { return false }
        let userAndHost = address[address.index(after: colon)...].split(separator: "@", omittingEmptySubsequences: false)
        guard userAndHost.count == 2, !userAndHost[0].isEmpty, isHostAndPort(String(userAndHost[1])) else { return false }
        return parameters.dropFirst().allSatisfy { parameter in
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { return false }
            if pair[0].lowercased() == "transport" { return ["tcp", "udp", "tls"].contains(pair[1].lowercased()) }
            return !pair[0].isEmpty
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
}
