/// A route as a set of catalog fields with typed values. Knows nothing of any wire format.
public struct Route: Sendable, Equatable {
    public let dialect: Dialect
    private var values: [String: FieldValue]

    public init(dialect: Dialect, values: [String: FieldValue] = [:]) {
        self.dialect = dialect
        self.values = values
    }

    public var schema: RouteSchema { .forDialect(dialect) }

    /// The value of the field with this catalog name.
    public subscript(name: String) -> FieldValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public func string(_ name: String) -> String? {
        if case .string(let text)? = values[name] { return text }
        return nil
    }

    /// The route's name (`RouteName`, `route_name`, `alias`).
    public var key: String? { string(schema.keyField) }
    /// The id the service assigned (`CallRouteId`, …), once it has one.
    public var id: String? { string(schema.idField) }
    public var routeType: String? { string(schema.typeField) }

    /// The fields present, in catalog order.
    public var entries: [(field: Field, value: FieldValue)] {
        let schema = self.schema
        return values.compactMap { name, value in schema.position(ofExactName: name).map { ($0, value) } }
            .sorted { $0.0 < $1.0 }
            .map { (schema.fields[$0.0], $0.1) }
    }

    /// This route with the fields of `changes` laid over it (a partial update).
    public func merging(_ changes: Route) -> Route {
        var merged = self
        merged.values.merge(changes.values) { _, new in new }
        return merged
    }

    /// The same route without read-only fields: what may be sent on create or update.
    public var writable: Route {
        var copy = self
        for field in schema.fields where field.isReadOnly { copy.values[field.name] = nil }
        return copy
    }
}

extension Route {
    /// Parses `Field=Value` arguments, as typed in the shell or on the command line.
    /// The route type is read first so that type-dependent formats apply whatever the order.
    /// A field named twice (`TRUNKPORT1=5065 TrunkPort1=5066`) is refused, as in the editor.
    public static func parse(assignments: [String], dialect: Dialect) throws(FieldError) -> Route {
        let schema = RouteSchema.forDialect(dialect)
        var pairs: [(String, String)] = []
        var named: Set<String> = []
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw .malformedAssignment(assignment)
            }
            let name = String(assignment[..<equals])
            let field = try schema.resolve(name)
            guard named.insert(field.name).inserted else { throw .givenTwice(field: field.name) }
            pairs.append((name, String(assignment[assignment.index(after: equals)...])))
        }
        return try parse(pairs: pairs, dialect: dialect)
    }

    /// Parses name/text pairs (CSV header cells and row cells, or assignments). Empty text means
    /// "not given", as in a spreadsheet's empty cell.
    public static func parse(pairs: [(name: String, text: String)], dialect: Dialect) throws(FieldError) -> Route {
        let schema = RouteSchema.forDialect(dialect)
        var fields: [(Field, String)] = []
        for (name, text) in pairs {
            let field = try schema.resolve(name)
            if field.isReadOnly && field.name != schema.idField { throw .readOnly(field: field.name) }
            fields.append((field, text))
        }
        var route = Route(dialect: dialect)
        let typeField = try schema.resolve(schema.typeField)
        for (field, text) in fields where field.name == typeField.name && !text.isEmpty {
            route[field.name] = try field.parse(text)
        }
        for (field, text) in fields where field.name != typeField.name && !text.isEmpty {
            route[field.name] = try field.parse(text, routeType: route.routeType)
        }
        return route
    }
}
