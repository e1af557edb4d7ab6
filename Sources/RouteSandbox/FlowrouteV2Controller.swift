import Hummingbird
import RouteModel

/// Flowroute v2 routes, JSON:API: create, list (paged, filtered by type), get, partial update,
/// delete. Ids are numbers written as strings; the built-in `sip-reg` route is id `"0"` and
/// cannot be changed. Mounted behind `BasicAuthMiddleware`.
struct FlowrouteV2Controller: Sendable {
    let store: RouteStore
    private static let schema = RouteSchema.flowrouteV2
    static let mediaType = "application/vnd.api+json"
    static let sipRegistrationID = "0"

    func addRoutes(to group: RouterGroup<SandboxContext>) {
        group.post("routes", use: create)
            .get("routes", use: list)
            .get("routes/{id}", use: show)
            .patch("routes/{id}", use: update)
            .delete("routes/{id}", use: delete)
    }

    @Sendable func create(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        var request = request
        let route = try Self.decode(try await request.jsonBody(context: context), id: nil)
        try Self.check(route)
        let record = try await store.insertNumbered(account: account.key, dialect: .flowrouteV2) { id in
            Self.record(route, id: id)
        }
        var response = try Self.resource(record, request: request, status: .created)
        response.headers[.location] = Self.link(request, "/v2/routes/\(record.id)")
        return response
    }

    @Sendable func list(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        let limit = try request.queryInteger("limit", in: 1...200, default: 10)
        let offset = try request.queryInteger("offset", in: 0...Int(Int32.max), default: 0)
        let routeType = try request.uri.queryParameters.get("route_type").map { text -> String in
            do throws(FieldError) {
                return try Self.schema.resolve(Self.schema.typeField).parse(text).description
            } catch {
                throw SandboxError(.badRequest, detail: error.description)
            }
        }
        let includesBuiltIn = routeType == nil
        var items: [JSON] = includesBuiltIn && offset == 0 ? [Self.sipRegistration(request)] : []
        let (records, stored) = try await store.list(
            account: account.key, dialect: .flowrouteV2, limit: limit - items.count,
            offset: includesBuiltIn ? max(0, offset - 1) : offset,
            filter: routeType.map { ("json_extract(body, '$.data.attributes.route_type') = ?", [$0]) })
        for record in records { items.append(try Self.resourceJSON(record, request: request)) }

        let total = stored + (includesBuiltIn ? 1 : 0)
        var links: [(String, JSON)] = [("self", .string(Self.link(request, request.uri.description)))]
        if offset + limit < total {
            var query = "limit=\(limit)&offset=\(offset + limit)"
            if let routeType { query += "&route_type=\(routeType)" }
            links.append(("next", .string(Self.link(request, "/v2/routes?\(query)"))))
        }
        return .json(JSON.object([("data", .array(items)), ("links", .object(links))]).serialized, contentType: Self.mediaType)
    }

    @Sendable func show(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        let id = context.parameters.get("id") ?? ""
        if id == Self.sipRegistrationID {
            return .json(JSON.object([("data", Self.sipRegistration(request))]).serialized, contentType: Self.mediaType)
        }
        guard let record = try await store.find(account: account.key, dialect: .flowrouteV2, id: id) else {
            throw Self.notFound(id)
        }
        return try Self.resource(record, request: request, status: .ok)
    }

    @Sendable func update(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        let id = context.parameters.get("id") ?? ""
        try Self.refuseBuiltIn(id)
        var request = request
        let changes = try Self.decode(try await request.jsonBody(context: context), id: id)
        let updated = try await store.update(account: account.key, dialect: .flowrouteV2, id: id) { record in
            let merged = try Self.route(record).merging(changes)
            try Self.check(merged)
            return Self.record(merged, id: id)
        }
        guard let updated else { throw Self.notFound(id) }
        return try Self.resource(updated, request: request, status: .ok)
    }

    @Sendable func delete(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        let id = context.parameters.get("id") ?? ""
        try Self.refuseBuiltIn(id)
        switch try await store.delete(account: account.key, dialect: .flowrouteV2, id: id) {
        case .deleted:
            return Response(status: .noContent)
        case .notFound:
            throw Self.notFound(id)
        case .inUse:
            throw SandboxError(.forbidden, title: "This Route has numbers still associated to it.",
                               detail: "Please disassociate all numbers before deleting.")
        }
    }

    // MARK: Bodies

    /// The attributes of `{"data": {"type": "route", "attributes": {…}}}` as a route. A body
    /// that is not shaped so is 400; a `data.type` or `data.id` naming another resource is 409.
    private static func decode(_ json: JSON, id: String?) throws -> Route {
        guard let data = json["data"], let attributes = data["attributes"]?.objectMembers else {
            throw SandboxError(.badRequest, detail: #"The body must be {"data": {"type": "route", "attributes": {…}}}."#)
        }
        if let type = data["type"], type != .string("route") {
            throw SandboxError(.conflict, detail: "data.type must be \"route\".")
        }
        if let id, let sent = data["id"], sent.stringValue ?? sent.intValue.map(String.init) != id {
            throw SandboxError(.conflict, detail: "data.id must be the id in the path, \(id).")
        }
        var pairs: [(name: String, text: String)] = []
        for (name, value) in attributes {
            switch value {
            case .string(let text): pairs.append((name, text))
            case .int(let number): pairs.append((name, String(number)))
            case .null: continue
            default: throw Self.unprocessable("\(name): \(value.serialized) is not a string or a number")
            }
        }
        do {
            return try Route.parse(pairs: pairs, dialect: .flowrouteV2)
        } catch {
            throw Self.unprocessable(error.description)
        }
    }

    /// Every required attribute present and every value valid for the route's type, else 422.
    private static func check(_ route: Route) throws {
        let problems = schema.problems(in: route, for: .create)
        guard problems.isEmpty else { throw unprocessable(problems.map(\.description).joined(separator: "; ")) }
    }

    private static func record(_ route: Route, id: String) -> RouteRecord {
        RouteRecord(id: id, name: route.key ?? "", body: FlowrouteWire.encodeV2(route.writable).serialized)
    }

    private static func route(_ record: RouteRecord) throws -> Route {
        var route = try FlowrouteWire.decodeV2Resource(JSON(parsing: Array(record.body.utf8)))
        route["id"] = .string(record.id)
        return route
    }

    private static func resourceJSON(_ record: RouteRecord, request: Request) throws -> JSON {
        FlowrouteWire.encodeV2Resource(try route(record), selfLink: link(request, "/v2/routes/\(record.id)"))
    }

    private static func resource(_ record: RouteRecord, request: Request, status: HTTPResponse.Status) throws -> Response {
        .json(JSON.object([("data", try resourceJSON(record, request: request))]).serialized, status: status, contentType: mediaType)
    }

    private static func sipRegistration(_ request: Request) -> JSON {
        .object([
            ("type", .string("route")),
            ("id", .string(sipRegistrationID)),
            ("attributes", .object([("alias", .string("sip-reg")), ("route_type", .string("sip-reg")), ("value", .null)])),
            ("links", .object([("self", .string(link(request, "/v2/routes/\(sipRegistrationID)")))])),
        ])
    }

    /// An absolute link on the host the client used.
    static func link(_ request: Request, _ pathAndQuery: String) -> String {
        "http://\(request.head.authority ?? "127.0.0.1")\(pathAndQuery)"
    }

    private static func refuseBuiltIn(_ id: String) throws {
        if id == sipRegistrationID {
            throw SandboxError(.forbidden, title: "The sip-reg route cannot be changed.", detail: "It is built in.")
        }
    }

    private static func unprocessable(_ detail: String) -> SandboxError {
        SandboxError(.unprocessableContent, title: "Unprocessable Entity", detail: detail)
    }

    private static func notFound(_ id: String) -> SandboxError {
        SandboxError(.notFound, title: "Not Found", detail: "Route \(id) was not found.")
    }
}
