/// The fields of one provider's routes and the roles some of them play. Each schema is a table in
/// `FieldCatalog.swift`; everything else (parsing, validation, completion, help, the sandbox's
/// checks, wire formats) reads it from here.
public struct RouteSchema: Sendable {
    public let dialect: Dialect
    /// In the order people expect to read them and the wire shows them.
    public let fields: [Field]
    /// The name that identifies a route to a person and to `import` (`RouteName`).
    public let keyField: String
    /// The id the service assigns (`CallRouteId`); for Flowroute v1 the name itself.
    public let idField: String
    /// The enum whose value decides which other fields are required (`RouteType`).
    public let typeField: String
    /// Positions by normalized spelling, and by exact catalog name so that the names the wire and
    /// stored routes use are found without normalizing (which keeps request handling cheap).
    private let index: [String: Int]

    init(dialect: Dialect, fields: [Field], keyField: String, idField: String, typeField: String) {
        self.dialect = dialect
        self.fields = fields
        self.keyField = keyField
        self.idField = idField
        self.typeField = typeField
        var index: [String: Int] = [:]
        for (position, field) in fields.enumerated() {
            for spelling in [field.name] + field.aliases {
                let key = FieldName.normalize(spelling)
                precondition(index[key] == nil, "field catalog: \(spelling) is listed twice")
                index[key] = position
            }
        }
        // An exact name is either new here or already its own field's normalized spelling.
        for (position, field) in fields.enumerated() { index[field.name] = position }
        self.index = index
    }

    /// The field a person or the service meant by `name` (case, `_`, `-`, spaces and aliases ignored).
    public func field(named name: String) -> Field? {
        if let position = index[name] { return fields[position] }
        return index[FieldName.normalize(name)].map { fields[$0] }
    }

    /// The catalog position of the field whose exact name is `name`.
    func position(ofExactName name: String) -> Int? {
        guard let position = index[name], fields[position].name == name else { return nil }
        return position
    }

    /// Like `field(named:)`, but says what was wrong and what was probably meant.
    public func resolve(_ name: String) throws(FieldError) -> Field {
        if let field = field(named: name) { return field }
        throw FieldError.unknownField(name, suggestions: suggestions(for: name))
    }

    /// Up to three catalog names close to `name`, nearest first.
    public func suggestions(for name: String) -> [String] {
        let wanted = FieldName.normalize(name)
        guard !wanted.isEmpty else { return [] }
        var scored: [(distance: Int, name: String)] = []
        for field in fields where !field.isReadOnly {
            let best = ([field.name] + field.aliases)
                .map { FieldName.distance(wanted, FieldName.normalize($0)) }
                .min() ?? .max
            if best <= max(2, wanted.count / 4) { scored.append((best, field.name)) }
        }
        return scored.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }.prefix(3).map(\.name)
    }

    /// Fields a person may set on create or update.
    public var writableFields: [Field] { fields.filter { !$0.isReadOnly } }

    /// Required fields still missing from `route` for its route type.
    public func missingRequiredFields(in route: Route) -> [Field] {
        let routeType = route.string(typeField)
        return fields.filter { $0.requirement.applies(toRouteType: routeType) && route[$0.name] == nil }
    }

    public static func forDialect(_ dialect: Dialect) -> RouteSchema {
        switch dialect {
        case .telegent: return .telegent
        case .flowrouteV1: return .flowrouteV1
        case .flowrouteV2: return .flowrouteV2
        }
    }
}

/// The wire contracts routectl speaks.
public enum Dialect: String, Sendable, CaseIterable {
    case telegent
    case flowrouteV1 = "flowroute-v1"
    case flowrouteV2 = "flowroute-v2"

    public var displayName: String {
        switch self {
        case .telegent: return "Telegent"
        case .flowrouteV1: return "Flowroute v1"
        case .flowrouteV2: return "Flowroute v2"
        }
    }

    /// Whether a number can have a failover route, tried when its primary route fails: Flowroute's
    /// numbers have one; a Telegent number has a single voice route.
    public var hasFailoverRoutes: Bool { self != .telegent }
}
