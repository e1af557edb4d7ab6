/// `Field=Value` as a condition on routes (`routes list --where RouteType=trunk`): the value is
/// read as the field's type, so it is checked and matched the way it would be set (`trunk` is
/// `Trunk`, `yes` is `true`); an empty value matches routes without the field, a value with `*`
/// is a pattern over the text shown (`*` being any run of characters), and a list field matches
/// when it holds every value given.
public struct RouteFilter: Sendable {
    public let field: Field
    private let wanted: Wanted

    private enum Wanted: Sendable {
        case absent
        case value(FieldValue)
        case pattern([Substring])
    }

    public init(_ assignment: String, schema: RouteSchema) throws(FieldError) {
        guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
            throw .malformedAssignment(assignment)
        }
        field = try schema.resolve(String(assignment[..<equals]))
        let text = String(assignment[assignment.index(after: equals)...])
        if text.isEmpty {
            wanted = .absent
        } else if text.contains("*") {
            wanted = .pattern(text.split(separator: "*", omittingEmptySubsequences: false))
        } else if !field.typeByRouteType.isEmpty {
            wanted = .value(.string(text))  // its format depends on each route's type
        } else {
            wanted = .value(try field.parse(text))
        }
    }

    public func matches(_ route: Route) -> Bool {
        let value = route[field.name]
        switch wanted {
        case .absent:
            return value == nil
        case .value(.list(let items)):
            guard case .list(let held)? = value else { return false }
            return items.allSatisfy(held.contains)
        case .value(let expected):
            return value == expected
        case .pattern(let parts):
            guard let text = value?.description else { return false }
            return Self.matches(Substring(text), parts)
        }
    }

    /// Glob matching with `*` only: the first part is a prefix, the last a suffix, the rest in order.
    private static func matches(_ text: Substring, _ parts: [Substring]) -> Bool {
        guard let first = parts.first, let last = parts.last, parts.count > 1 else { return text == parts.first }
        guard text.hasPrefix(first) else { return false }
        var rest = text.dropFirst(first.count)
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let range = rest.firstRange(of: middle) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.count >= last.count && rest.hasSuffix(last)
    }
}
