/// A route as a JSON object keyed by catalog names, each value in its own JSON type (numbers,
/// booleans, lists as arrays): what `--output json` prints and what an import's journal keeps of
/// the routes it lists and sends. Unlike the providers' wire formats, it reads back exactly.
public enum CatalogJSON {
    /// The route's fields in catalog order; `secret` decides what a secret field's value becomes
    /// (masked for a person, `null` where it must not be kept).
    public static func encode(_ route: Route, secret: (FieldValue) -> JSON) -> JSON {
        .object(route.entries.map { field, value in (field.name, field.isSecret ? secret(value) : encode(value)) })
    }

    public static func encode(_ value: FieldValue) -> JSON {
        switch value {
        case .string(let text): return .string(text)
        case .integer(let number): return .int(number)
        case .boolean(let flag): return .bool(flag)
        case .list(let items): return .array(items.map(JSON.string))
        }
    }

    /// The route `encode` wrote, and the names of the fields it holds as `null` (secrets not
    /// kept). Keys that name no field, and values of no route type, are left out.
    public static func decode(_ json: JSON, dialect: Dialect) -> (route: Route, withheld: [String]) {
        let schema = RouteSchema.forDialect(dialect)
        var route = Route(dialect: dialect)
        var withheld: [String] = []
        for (name, value) in json.objectMembers ?? [] {
            guard let field = schema.field(named: name) else { continue }
            switch value {
            case .null: withheld.append(field.name)
            case .string(let text): route[field.name] = .string(text)
            case .int(let number): route[field.name] = .integer(number)
            case .bool(let flag): route[field.name] = .boolean(flag)
            case .array(let items): route[field.name] = .list(items.compactMap(\.stringValue))
            case .double, .object: continue
            }
        }
        return (route, withheld)
    }
}
