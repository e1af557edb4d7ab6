extension Route {
    /// Parses the `Field=Value` arguments of an update. `Field=` asks to empty the field, which
    /// no provider's update can do: it is refused with the reason, never read as "no change".
    public static func parseChanges(assignments: [String], dialect: Dialect) throws(FieldError) -> Route {
        let changes = try parse(assignments: assignments, dialect: dialect)
        let schema = RouteSchema.forDialect(dialect)
        for assignment in assignments {
            let parts = assignment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2, parts[1].isEmpty { throw schema.clearingRefusal(try schema.resolve(String(parts[0]))) }
        }
        return changes
    }
}

extension RouteSchema {
    /// Why an update cannot empty `field`. Telegent's update and Flowroute v2's PATCH change only
    /// the fields they are sent and document no way to empty one (the sandbox, like them, skips a
    /// null); Flowroute v1 replaces `type` and `value`, which every route must have.
    public func clearingRefusal(_ field: Field) -> FieldError {
        if field.isReadOnly { return .readOnly(field: field.name) }
        let reason = field.requirement == .always
            ? "every \(dialect.displayName) route must have one"
            : "\(dialect.displayName)'s update changes only the fields it is sent and has no way to empty one; give it another value instead"
        return .cannotClear(field: field.name, reason: reason)
    }
}
