/// What a request is about to do with a route, which decides the rules that apply.
public enum Operation: Sendable {
    /// Every required field must be present.
    case create
    /// Only the fields sent change, so only their formats are checked.
    case update
}

extension RouteSchema {
    /// Every problem with `route` for `operation`, in catalog order; empty when it may be sent.
    /// Values parsed from text were checked on the way in; this re-checks them (routes also come
    /// from JSON) and adds the rules that involve more than one field.
    public func problems(in route: Route, for operation: Operation) -> [FieldError] {
        var problems: [FieldError] = []
        let routeType = route.routeType
        for (field, value) in route.entries where !field.isReadOnly {
            do throws(FieldError) { try field.check(value, routeType: routeType) } catch { problems.append(error) }
        }
        guard operation == .create else { return problems }
        for field in missingRequiredFields(in: route) {
            let reason: String
            switch field.requirement {
            case .forRouteTypes: reason = "for \(typeField)=\(routeType ?? "")"
            default: reason = "to create a route"
            }
            problems.append(.missing(field: field.name, reason: reason))
        }
        if dialect == .flowrouteV1, let name = route.key, !name.utf8.allSatisfy(Self.isAlphanumeric) {
            problems.append(.invalidValue(field: keyField, value: name, expected: "alphanumeric (letters and digits only)"))
        }
        return problems
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
    }
}
