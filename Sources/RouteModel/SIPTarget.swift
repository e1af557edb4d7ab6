/// Where a SIP call goes: a host, perhaps a port and a transport. Flowroute writes it as a HOST
/// route's `host[:port]` or a URI route's `sip:user@host[:port][;transport=…]`; Telegent keeps it
/// in a trunk's `TrunkIp1`, `TrunkPort1` and `TrunkTransport1`.
struct SIPTarget: Sendable, Equatable {
    /// An address or a host name, IPv6 without its brackets.
    var host: String
    var port: Int?
    /// `UDP`, `TCP` or `TLS` when the text says so (`;transport=`, or `sips:`, which is TLS).
    var transport: String?

    /// `host`, `host:port`, `[v6]:port` or a bare IPv6 address, as `FieldType.hostAndPort` accepts.
    init?(hostAndPort text: some StringProtocol) {
        let text = String(text)
        guard Format.isHostAndPort(text) else { return nil }
        if Format.isIPAddress(text) {
            host = text
        } else if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            port = Int(text[text.index(after: close)...].dropFirst())
        } else {
            let parts = text.split(separator: ":", maxSplits: 1)
            host = String(parts[0])
            port = parts.count == 2 ? Int(parts[1]) : nil
        }
    }

    /// `sip:user@host[:port][;transport=tcp|udp|tls]` (or `sips:`), as `FieldType.sipURI` accepts.
    init?(sipURI text: String) {
        guard Format.isSIPURI(text) else { return nil }
        let parameters = text.split(separator: ";")
        guard let address = parameters.first, let at = address.lastIndex(of: "@"),
              var target = SIPTarget(hostAndPort: address[address.index(after: at)...]) else { return nil }
        let transports = parameters.dropFirst().map { $0.split(separator: "=", maxSplits: 1) }
            .filter { $0.count == 2 && $0[0].lowercased() == "transport" }.map { $0[1].uppercased() }
        let secure = address.lowercased().hasPrefix("sips:")
        target.transport = secure ? "TLS" : transports.first
        if Set(transports).count > 1 {
            target.transportConflict = "it says " + transports.map { "transport=\($0.lowercased())" }.joined(separator: " and ")
        } else if secure, let given = transports.first, given == "UDP" {
            // sips: is TLS, which runs over TCP (RFC 3261 §26.2.2): transport=tcp or tls fit it, udp cannot.
            target.transportConflict = "sips: is TLS, which cannot run over transport=udp"
        }
        self = target
    }

    /// Why the URI's transport is ambiguous, if it is: parameters naming two transports, or
    /// `sips:` with UDP. Which one a service would use is anyone's guess, so it is not chosen.
    var transportConflict: String?

    var isAddress: Bool { Format.isIPAddress(host) }

    /// The port SIP uses when none is given for an address (RFC 3263 §4.2: a numeric address has
    /// no SRV records): 5061 for TLS, 5060 otherwise.
    static func defaultPort(transport: String) -> Int { transport == "TLS" ? 5061 : 5060 }

    /// `host:port`, with an IPv6 address in brackets.
    static func hostAndPort(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
