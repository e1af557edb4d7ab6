/// What a field's value is, which decides how text is parsed, how the value is checked and which
/// JSON type carries it on the wire.
public enum FieldType: Sendable, Equatable {
    case string
    /// A whole number within `range`; a JSON number on the wire.
    case integer(ClosedRange<Int>)
    /// `true/false/yes/no/1/0` in text; a JSON boolean on the wire.
    case boolean
    /// One of `values`, matched case-insensitively and normalised to its canonical spelling.
    /// `aliases` maps other spellings (lower-cased) to a canonical value, e.g. Flowroute v1's `pstn`
    /// to v2's `number`.
    case enumeration(values: [String], aliases: [String: String] = [:])
    /// An absolute URI; when `schemes` is not empty, the scheme must be one of them.
    case uri(schemes: [String])
    /// An IPv4 or IPv6 address.
    case ipAddress
    /// A port 1–65535. Telegent sends ports as JSON strings (`"5061"`), so the value stays text.
    case port
    /// A list of IP addresses, written `a;b;c` in text.
    case ipList
    /// 11 digits, E.164 without the `+` (Flowroute PSTN routes).
    case pstnNumber
    /// An IP address or host name with an optional `:port` (Flowroute HOST routes).
    case hostAndPort
    /// `sip:` or `sips:user@host[:port][;transport=udp|tcp|tls][;other=parameters]` (Flowroute URI routes).
    case sipURI

    /// What a person should have written, used to finish "is not …" messages.
    public var expectation: String {
        switch self {
        case .string: return "text"
        case .integer(let range): return "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .boolean: return "true or false (also yes/no, 1/0)"
        case .enumeration(let values, _): return "one of " + values.joined(separator: ", ")
        case .uri(let schemes):
            return schemes.isEmpty ? "an absolute URI" : "a URI starting with " + schemes.map { "\($0):" }.joined(separator: " or ")
        case .ipAddress: return "an IPv4 or IPv6 address"
        case .port: return "a port number from 1 to 65535"
        case .ipList: return "IP addresses separated by ';'"
        case .pstnNumber: return "11 digits, E.164 without '+' (e.g. 16476998778)"
        case .hostAndPort: return "an IP address or host name, optionally with :port"
        case .sipURI: return "sip:user@host[:port][;transport=udp|tcp|tls] (or sips:, other ;name=value parameters allowed)"
        }
    }

    /// A short name for help tables and completion hints.
    public var label: String {
        switch self {
        case .string: return "string"
        case .integer: return "int"
        case .boolean: return "bool"
        case .enumeration: return "enum"
        case .uri: return "URI"
        case .ipAddress: return "IP address"
        case .port: return "port"
        case .ipList: return "IP list"
        case .pstnNumber: return "PSTN number"
        case .hostAndPort: return "host[:port]"
        case .sipURI: return "SIP URI"
        }
    }

    /// The canonical values a person can pick from, for completion.
    public var choices: [String] {
        switch self {
        case .enumeration(let values, _): return values
        case .boolean: return ["true", "false"]
        default: return []
        }
    }
}
