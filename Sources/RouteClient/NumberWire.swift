import RouteModel

/// One number of an account as a service lists it.
struct ListedNumber: Sendable {
    var number: PhoneNumber
    var routing: NumberRouting
}

/// Numbers as each API answers with them, read as suspiciously as any answer: a number that is
/// not E.164 or a route id that is not text is refused, never guessed at, since a wrong number
/// points someone else's calls somewhere.
enum NumberWire {
    // MARK: Telegent

    /// `{"PhoneNumber": "+1…", "VoiceEnabled": true, "VoiceRouteId": "CRID-…", …}`, or the update's
    /// answer, which names the number `Number`. A number whose voice is off has no route, whatever
    /// id it still carries.
    static func telegent(_ json: JSON) throws(WireError) -> ListedNumber {
        let number = try phoneNumber(json.first("PhoneNumber", "Number"), "PhoneNumber")
        let routeID = try text(json["VoiceRouteId"], "VoiceRouteId of \(number)")
        let enabled: Bool
        switch json["VoiceEnabled"] {
        case .bool(let flag)?: enabled = flag
        case nil, .null?: enabled = routeID != nil
        case let other?: throw .unexpected("VoiceEnabled of \(number) is \(other.serialized), not true or false")
        }
        return ListedNumber(number: number, routing: NumberRouting(primary: enabled ? routeID : nil))
    }

    /// One element of the inventory's `Results`.
    static func telegent(element: [UInt8]) throws -> ListedNumber {
        let json: JSON
        do { json = try JSON(parsing: element) } catch {
            throw WireError.unexpected("a number of the inventory is not JSON: \(error)")
        }
        return try telegent(json)
    }

    // MARK: Flowroute v1

    /// `{"tn": "12065550100", "routes": [{"name": "primary"}, {"name": "failover"}]}`; `key` is
    /// the number the list keyed the object by, for an object without `tn`.
    static func v1Number(_ json: JSON, key: String? = nil) throws(WireError) -> ListedNumber {
        let number = try phoneNumber(json["tn"] ?? key.map(JSON.string), "tn")
        let routes: [JSON]
        switch json["routes"] {
        case nil, .null?: routes = []
        case .array(let items)?: routes = items
        case let other?: throw .unexpected("the routes of \(number) are \(other.serialized), not a list")
        }
        guard routes.count <= 2 else {
            throw .unexpected("\(number) has \(routes.count) routes; a number has a primary and at most one failover route")
        }
        var names: [String] = []
        for route in routes {
            guard let name = try text(route["name"], "a route name of \(number)") else {
                throw .unexpected("a route of \(number) has no name")
            }
            names.append(name)
        }
        return ListedNumber(number: number, routing: NumberRouting(primary: names.first, failover: names.dropFirst().first))
    }

    /// `{"tns": {"12065550100": {…}, …}, "links": {"next": "…"}}`.
    static func v1List(_ json: JSON) throws(WireError) -> (numbers: [ListedNumber], next: String?) {
        guard let members = json["tns"]?.objectMembers else { throw .unexpected("the number list has no tns map") }
        var numbers: [ListedNumber] = []
        for (key, body) in members { numbers.append(try v1Number(body, key: key)) }
        return (numbers, try text(json["links"]?["next"], "links.next"))
    }

    // MARK: Flowroute v2

    /// A `number` resource: its id (or `attributes.value`) and its `primary_route` and
    /// `failover_route` relationships, each `{"data": {"type": "route", "id": "…"}}` or `{"data": null}`.
    static func v2Number(_ json: JSON) throws(WireError) -> ListedNumber {
        let resource = json["data"] ?? json
        let number = try phoneNumber(resource["attributes"]?["value"] ?? resource["id"], "id")
        func route(_ relationship: String) throws(WireError) -> String? {
            switch resource["relationships"]?[relationship]?["data"] {
            case nil, .null?: return nil
            case let data?:
                if let id = data["id"]?.stringValue ?? data["id"]?.intValue.map(String.init) { return id }
                throw .unexpected("the \(relationship) of \(number) has no id: \(data.serialized)")
            }
        }
        return ListedNumber(number: number, routing: NumberRouting(primary: try route("primary_route"), failover: try route("failover_route")))
    }

    static func v2List(_ json: JSON) throws(WireError) -> (numbers: [ListedNumber], next: String?) {
        guard let items = json["data"]?.arrayValue else { throw .unexpected("the number list has no data array") }
        var numbers: [ListedNumber] = []
        for item in items { numbers.append(try v2Number(item)) }
        return (numbers, try text(json["links"]?["next"], "links.next"))
    }

    // MARK: Values

    private static func phoneNumber(_ value: JSON?, _ member: String) throws(WireError) -> PhoneNumber {
        guard let value else { throw .unexpected("a number has no \(member)") }
        // Flowroute's v2 ids may come as JSON numbers; they are digits all the same.
        guard let text = value.stringValue ?? (value.intValue.map(String.init)) else {
            throw .unexpected("\(member) \(value.serialized) is not a phone number")
        }
        do { return try PhoneNumber(e164Digits: text) } catch {
            throw .unexpected("\(member) \(error)")
        }
    }

    private static func text(_ value: JSON?, _ what: String) throws(WireError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text.isEmpty ? nil : text
        case let other?: throw .unexpected("\(what) is \(other.serialized), not text")
        }
    }
}
