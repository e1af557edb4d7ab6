/// Why a field name or value was refused. Messages name the field, the value and what was
/// expected, because they end up in result files read by people fixing a spreadsheet.
public enum FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownField(String, suggestions: [String])
    case invalidValue(field: String, value: String, expected: String)
    case missing(field: String, reason: String)
    case readOnly(field: String)
    case malformedAssignment(String)
    /// An update asked to empty a field that cannot be emptied.
    case cannotClear(field: String, reason: String)
    /// The same field twice in one set of assignments: which one was meant is anyone's guess.
    case givenTwice(field: String)

    /// The catalog name of the field concerned, if any.
    public var field: String? {
        switch self {
        case .unknownField(let name, _): return name
        case .invalidValue(let field, _, _), .missing(let field, _), .readOnly(let field), .cannotClear(let field, _), .givenTwice(let field): return field
        case .malformedAssignment: return nil
        }
    }

    /// What is wrong, without the field's name in front: the text an API puts under the field's
    /// key (`"$.TrunkIp1": ["\"300.1.2.3\" is not an IPv4 or IPv6 address"]`).
    public var message: String {
        switch self {
        case .unknownField(let name, let suggestions):
            let hint = suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: ", "))?)"
            return "unknown field \"\(name)\"\(hint)"
        case .invalidValue(_, let value, let expected):
            return "\"\(value)\" is not \(expected)"
        case .missing(_, let reason):
            return "is required \(reason)"
        case .readOnly:
            return "is set by the service and cannot be changed"
        case .malformedAssignment(let text):
            return "\"\(text)\" is not Field=Value"
        case .cannotClear(_, let reason):
            return "cannot be emptied: \(reason)"
        case .givenTwice:
            return "is given twice"
        }
    }

    public var description: String {
        switch self {
        case .invalidValue(let field, _, _), .missing(let field, _), .readOnly(let field), .cannotClear(let field, _):
            return "\(field): \(message)"
        case .givenTwice(let field):
            return "\(field) \(message)"
        case .unknownField, .malformedAssignment:
            return message
        }
    }
}
