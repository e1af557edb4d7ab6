/// Flowroute's bodies. v1: `{"type", "value"}` keyed by the route name in the path, and a list
/// that is a map keyed by route name. v2: JSON:API resources of type `route`.
public enum FlowrouteWire {
    // MARK: v1

    /// The body of `PUT /v1/routes/{route_name}`.
    public static func encodeV1(_ route: Route) -> JSON {
        .object([("type", .string(route.string("type") ?? "")), ("value", .string(route.string("value") ?? ""))])
    }

    /// `{"routes": {"name": {"type", "value"}, …}}` → routes (the built-in `sip-reg` included).
    public static func decodeV1List(_ json: JSON) throws(WireError) -> [Route] {
        guard let members = json["routes"]?.objectMembers else { throw .unexpected("the route list has no routes map") }
        return members.map { name, body in
            var route = Route(dialect: .flowrouteV1)
            route["route_name"] = .string(name)
            route["type"] = body["type"]?.stringValue.map(FieldValue.string)
            route["value"] = body["value"]?.stringValue.map(FieldValue.string)
            return route
        }
    }

    // MARK: v2

    /// `{"data": {"type": "route", "attributes": {…}}}` for create and update; `id` is included
    /// when known (PATCH bodies name the resource).
    public static func encodeV2(_ route: Route) -> JSON {
        var data: [(String, JSON)] = [("type", .string("route"))]
        if let id = route.id { data.append(("id", .string(id))) }
        data.append(("attributes", v2Attributes(route)))
        return .object([("data", .object(data))])
    }

    /// One resource object (`data` of a single answer, or an item of a list).
    public static func decodeV2Resource(_ json: JSON) throws(WireError) -> Route {
        let resource = json["data"] ?? json
        guard let attributes = resource["attributes"] else { throw .unexpected("the route has no attributes") }
        var route = Route(dialect: .flowrouteV2)
        route["id"] = resource["id"].flatMap { $0.stringValue ?? $0.intValue.map(String.init) }.map(FieldValue.string)
        for field in RouteSchema.flowrouteV2.writableFields {
            switch attributes[field.name] {
            case .string(let text)?: route[field.name] = .string(text)
            case .int(let number)?: route[field.name] = .integer(number)
            default: break
            }
        }
        return route
    }

    public static func decodeV2List(_ json: JSON) throws(WireError) -> (routes: [Route], next: String?) {
        guard let items = json["data"]?.arrayValue else { throw .unexpected("the route list has no data array") }
        var routes: [Route] = []
        for item in items { routes.append(try decodeV2Resource(item)) }
        return (routes, json["links"]?["next"]?.stringValue)
    }

    public static func encodeV2Resource(_ route: Route, selfLink: String) -> JSON {
        .object([
            ("type", .string("route")),
            ("id", .string(route.id ?? "")),
            ("attributes", v2Attributes(route)),
            ("links", .object([("self", .string(selfLink))])),
        ])
    }

    /// The writable fields as v2 attributes: numbers as numbers, everything else as text.
    private static func v2Attributes(_ route: Route) -> JSON {
        .object(route.writable.entries.map { field, value in
            if case .integer(let number) = value { return (field.name, .int(number)) }
            return (field.name, .string(value.description))
        })
    }
}
