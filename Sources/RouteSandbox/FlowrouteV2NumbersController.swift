import Hummingbird
import RouteModel

/// Flowroute v2 numbers, JSON:API: list (paged), get, and the `primary_route` and
/// `failover_route` relationships set or cleared one at a time. Mounted behind
/// `BasicAuthMiddleware`.
struct FlowrouteV2NumbersController: Sendable {
    let numbers: NumberStore

    /// The relationships a number has, by the name its path uses.
    private enum Relationship: String, Sendable {
        case primary = "primary_route"
        case failover = "failover_route"

        func set(_ route: String?, in routing: NumberRouting) -> NumberRouting {
            var routing = routing
            switch self {
            case .primary: routing.primary = route
            case .failover: routing.failover = route
            }
            return routing
        }
    }

    func addRoutes(to group: RouterGroup<SandboxContext>) {
        group.get("numbers", use: list)
            .get("numbers/{number}", use: show)
            .patch("numbers/{number}/relationships/{relationship}", use: relate)
    }

    @Sendable func list(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        let limit = try request.queryInteger("limit", in: 1...200, default: 10)
        let offset = try request.queryInteger("offset", in: 0...Int(Int32.max), default: 0)
        // One more than asked for tells whether there is a next page without counting them all.
        let page = try await numbers.page(account: account.key, dialect: .flowrouteV2, offset: offset, limit: limit + 1)
        var links: [(String, JSON)] = [("self", .string(FlowrouteV2Controller.link(request, request.uri.description)))]
        if page.count > limit {
            links.append(("next", .string(FlowrouteV2Controller.link(request, "/v2/numbers?limit=\(limit)&offset=\(offset + limit)"))))
        }
        let items = page.prefix(limit).map { Self.resource($0, request: request) }
        return .json(JSON.object([("data", .array(items)), ("links", .object(links))]).serialized,
                     contentType: FlowrouteV2Controller.mediaType)
    }

    @Sendable func show(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        let number = try Self.number(in: context)
        guard let record = try await numbers.find(number, account: account.key, dialect: .flowrouteV2) else {
            throw Self.notFound(number.digits)
        }
        return .json(JSON.object([("data", Self.resource(record, request: request))]).serialized,
                     contentType: FlowrouteV2Controller.mediaType)
    }

    /// `{"data": {"type": "route", "id": "…"}}` points the relationship at that route of the
    /// account; `{"data": null}` clears it.
    @Sendable func relate(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        let number = try Self.number(in: context)
        let name = context.parameters.get("relationship") ?? ""
        guard let relationship = Relationship(rawValue: name) else {
            throw SandboxError(.notFound, title: "Not Found", detail: "Numbers have no relationship \(name).")
        }
        var request = request
        let route = try Self.routeID(in: try await request.jsonBody(context: context))
        let update = try await numbers.update(
            number, account: account.key, dialect: .flowrouteV2, builtIn: [FlowrouteV2Controller.sipRegistrationID]
        ) { relationship.set(route, in: $0) }
        switch update {
        case .updated: return Response(status: .noContent)
        case .noSuchNumber: throw Self.notFound(number.digits)
        case .noSuchRoute(let id):
            throw SandboxError(.unprocessableContent, title: "Unprocessable Entity", detail: "Route \(id) was not found in this account.")
        }
    }

    /// The route id a relationship body names, `nil` for `{"data": null}`. A body not shaped so
    /// is 400; `data.type` other than `route` is 409, as for routes.
    private static func routeID(in json: JSON) throws -> String? {
        guard let data = json["data"] else {
            throw SandboxError(.badRequest, detail: #"The body must be {"data": {"type": "route", "id": "…"}} or {"data": null}."#)
        }
        if data == .null { return nil }
        if let type = data["type"], type != .string("route") {
            throw SandboxError(.conflict, detail: "data.type must be \"route\".")
        }
        guard let id = data["id"]?.stringValue ?? data["id"]?.intValue.map(String.init), !id.isEmpty else {
            throw SandboxError(.badRequest, detail: "data.id must be the id of a route.")
        }
        return id
    }

    private static func number(in context: SandboxContext) throws -> PhoneNumber {
        let text = context.parameters.get("number") ?? ""
        do {
            return try PhoneNumber(e164Digits: text)
        } catch {
            throw SandboxError(.notFound, title: "Not Found", detail: error.description)
        }
    }

    private static func resource(_ record: NumberRecord, request: Request) -> JSON {
        func related(_ id: String?) -> JSON {
            .object([("data", id.map { .object([("type", .string("route")), ("id", .string($0))]) } ?? .null)])
        }
        return .object([
            ("type", .string("number")),
            ("id", .string(record.digits)),
            ("attributes", .object([("value", .string(record.digits))])),
            ("relationships", .object([
                ("primary_route", related(record.routing.primary)),
                ("failover_route", related(record.routing.failover)),
            ])),
            ("links", .object([("self", .string(FlowrouteV2Controller.link(request, "/v2/numbers/\(record.digits)")))])),
        ])
    }

    private static func notFound(_ digits: String) -> SandboxError {
        SandboxError(.notFound, title: "Not Found", detail: "Number \(digits) was not found.")
    }
}
