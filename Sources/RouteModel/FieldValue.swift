/// A typed field value. Identifiers and numbers people type as text (ports, phone numbers, names)
/// stay `.string` so a leading `+` or zero is never lost.
public enum FieldValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case list([String])

    /// The value as a person writes it in a CSV cell or a `Field=Value` argument; parsing this
    /// text gives the value back.
    public var description: String {
        switch self {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .list(let items): return items.joined(separator: ";")
        }
    }
}
