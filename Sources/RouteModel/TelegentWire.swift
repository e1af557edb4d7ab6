import Foundation

/// Telegent's JSON: PascalCase keys with the API's typos, ports as strings, `IpWhitelist` as an
/// array of `{"IpAddress": …}` objects. Decoding accepts every spelling the service has been seen
/// to answer with (`IpWhiteList`, `VocieAuthenticationType`, `CallRouteID`, `AccountID`).
public enum TelegentWire {
    /// The request or response body for `route`, fields in catalog order.
    public static func encode(_ route: Route) -> JSON {
        .object(route.entries.map { field, value in (field.name, encode(value, as: field.type)) })
    }

    /// A route as the service answers with it: secrets left out, and `IpWhitelist` spelled
    /// `IpWhiteList`, as the service's responses spell it.
    public static func encodeAnswer(_ route: Route) -> JSON {
        .object(route.entries.filter { !$0.field.isSecret }.map { field, value in
            (answerSpellings[field.name] ?? field.name, encode(value, as: field.type))
        })
    }

    private static let answerSpellings = ["IpWhitelist": "IpWhiteList"]

    static func encode(_ value: FieldValue, as type: FieldType) -> JSON {
        switch value {
        case .string(let text): return .string(text)
        case .integer(let number): return .int(number)
        case .boolean(let flag): return .bool(flag)
        case .list(let items):
            return .array(items.map { .object([("IpAddress", .string($0))]) })
        }
    }

    /// A route from the service's JSON. Unknown keys are ignored (the service adds fields over
    /// time); a value of the wrong JSON type is reported, not silently dropped.
    public static func decodeRoute(_ json: JSON) throws(WireError) -> Route {
        let (route, problems) = decodeRoute(json, strict: false)
        if let first = problems.first { throw WireError.unexpected(first.description) }
        return route
    }

    /// Decodes a request body as the service does: every key must be a known field and every
    /// value of its field's JSON type. Returns what could be read and one problem per bad key.
    public static func decodeRoute(_ json: JSON, strict: Bool) -> (Route, [FieldError]) {
        var route = Route(dialect: .telegent)
        var problems: [FieldError] = []
        guard let members = json.objectMembers else {
            return (route, [.malformedAssignment("the body is not a JSON object")])
        }
        let schema = RouteSchema.telegent
        for (key, value) in members {
            guard let field = schema.field(named: key) else {
                if strict { problems.append(.unknownField(key, suggestions: schema.suggestions(for: key))) }
                continue
            }
            if case .null = value { continue }
            if let decoded = decode(value, as: field.type, lenient: !strict) {
                route[field.name] = decoded
            } else {
                problems.append(.invalidValue(field: field.name, value: value.serialized, expected: jsonExpectation(field.type)))
            }
        }
        return (route, problems)
    }

    /// `lenient` accepts the looser types a service's responses may carry (a port as a number,
    /// `"true"` as a boolean); requests must use the documented types.
    static func decode(_ json: JSON, as type: FieldType, lenient: Bool) -> FieldValue? {
        switch (type, json) {
        case (.integer, .int(let number)): return .integer(number)
        case (.integer, .string(let text)) where lenient: return Int(text).map(FieldValue.integer)
        case (.boolean, .bool(let flag)): return .boolean(flag)
        case (.boolean, .string(let text)) where lenient:
            return ["true": true, "false": false][text.lowercased()].map(FieldValue.boolean)
        case (.port, .int(let number)) where lenient: return .string(String(number))
        case (.ipList, .array(let items)):
            var addresses: [String] = []
            for item in items {
                if let address = item.first("IpAddress", "ipAddress", "IPAddress")?.stringValue ?? item.stringValue {
                    addresses.append(address)
                } else {
                    return nil
                }
            }
            return .list(addresses)
        case (.integer, _), (.boolean, _), (.ipList, _): return nil
        case (_, .string(let text)): return .string(text)
        default: return nil
        }
    }

    static func jsonExpectation(_ type: FieldType) -> String {
        switch type {
        case .integer: return "a JSON number"
        case .boolean: return "a JSON boolean (true or false)"
        case .ipList: return "an array of {\"IpAddress\": \"…\"} objects"
        default: return "a JSON string"
        }
    }

    /// `GET /account/voice/routes`: `{"AccountId", "TotalRoutes", "Results": [route…]}`.
    public static func decodeList(_ json: JSON) throws(WireError) -> [Route] {
        guard let results = json.first("Results", "results")?.arrayValue else {
            throw .unexpected("the route list has no Results array")
        }
        var routes: [Route] = []
        for item in results { routes.append(try decodeRoute(item)) }
        return routes
    }

    /// The id and name of one route of a list answer, read without decoding its other fields:
    /// what an index of the account needs. `nil` members are absent or `null`.
    public static func decodeListedName(_ element: [UInt8]) throws(WireError) -> (id: String?, name: String?) {
        let schema = RouteSchema.telegent
        let members: [JSON?]
        do { members = try JSON.members([schema.idField, schema.keyField], parsing: element) } catch {
            throw .unexpected("a route of the list is not a JSON object: \(error)")
        }
        func text(_ value: JSON?, _ field: String) throws(WireError) -> String? {
            switch value {
            case nil, .null?: return nil
            case .string(let text)?: return text
            case let other?: throw .unexpected("\(field) \(other.serialized) is not \(jsonExpectation(.string))")
            }
        }
        let name = try text(members[1], schema.keyField)
        // A route listed without its id cannot be told apart or held by a row: an import that
        // passed over it would create its name a second time.
        guard let id = try text(members[0], schema.idField), !id.isEmpty else {
            throw .unexpected("a route of the list has no \(schema.idField)\(name.map { " (\(schema.keyField) \"\($0)\")" } ?? "")")
        }
        return (id, name)
    }

    /// `POST /voice/routes/delete` answers `{"CallRouteStatus": "Deleted", "CallRouteId": "CRID-…"}`.
    public static func decodeDeleted(_ json: JSON) throws(WireError) -> String {
        guard let id = json.first("CallRouteId", "CallRouteID")?.stringValue else {
            throw .unexpected("the delete answer has no CallRouteId")
        }
        return id
    }
}

/// A response that does not have the documented shape.
public enum WireError: Error, Sendable, Equatable, CustomStringConvertible {
    case unexpected(String)
    public var description: String {
        switch self {
        case .unexpected(let what): return "unexpected answer from the service: \(what)"
        }
    }
}
