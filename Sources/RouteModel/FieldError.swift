/// Why a field name or value was refused. Messages name the field, the value and what was
/// expected, because they end up in result files read by people fixing a spreadsheet.
public enum FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownField(String, suggestions: [String])
    case invalidValue(field: String, value: String, expected: String)
    case missing(field: String, reason: String)
    case readOnly(field: String)
    case malformedAssignment(String)

    /// The catalog name of the field concerned, if any.
    public var field: String? {
        switch self {
        case .unknownField(let name, _): return name
        case .invalidValue(let field, _, _), .missing(let field, _), .readOnly(let field): return field
        case .malformedAssignment: return nil
        }
    }

    public var description: String {
        switch self {
        case .unknownField(let name, let suggestions):
            let hint = suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: ", "))?)"
            return "unknown field \"\(name)\"\(hint)"
        case .invalidValue(let field, let value, let expected):
            return "\(field): \"\(value)\" is not \(expected)"
        case .missing(let field, let reason):
            return "\(field): is required \(reason)"
        case .readOnly(let field):
            return "\(field): is set by the service and cannot be changed"
        case .malformedAssignment(let text):
            return "\"\(text)\" is not Field=Value"
        }
    }
}
