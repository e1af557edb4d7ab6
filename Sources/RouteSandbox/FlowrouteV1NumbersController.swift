import Hummingbird
import RouteModel

/// Flowroute v1 numbers ("tns"): list (paged), get, and `PATCH` of a number's ordered routes, by
/// route name: the primary first, then the failover. Mounted behind `FlowrouteSignatureMiddleware`.
struct FlowrouteV1NumbersController: Sendable {
    let store: RouteStore
    private var numbers: NumberStore { store.numbers }

    func addRoutes(to group: RouterGroup<SandboxContext>) {
        group.get("tns", use: list)
            .get("tns/{number}", use: show)
            .patch("tns/{number}", use: update)
    }

    /// A page of the map keyed by number, in order, with a `next` link unless it is the last.
    @Sendable func list(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        let limit = try request.queryInteger("limit", in: 1...200, default: 10)
        let page = try request.queryInteger("page", in: 1...Int(Int32.max), default: 1)
        // One more than asked for tells whether there is a next page without counting them all.
        let records = try await numbers.page(account: account.key, dialect: .flowrouteV1, offset: (page - 1) * limit, limit: limit + 1)
        let shown = records.prefix(limit)
        let routes = try await routes(named: shown.map(\.routing), account: account)
        var links: [(String, JSON)] = []
        if records.count > limit { links.append(("next", .string("/v1/tns/?limit=\(limit)&page=\(page + 1)"))) }
        let tns = shown.map { ($0.digits, Self.json($0, routes: routes)) }
        return .json(JSON.object([("tns", .object(tns)), ("links", .object(links))]).serialized)
    }

    @Sendable func show(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let number = Self.number(in: context),
              let record = try await numbers.find(number, account: account.key, dialect: .flowrouteV1)
        else { throw SandboxError(.notFound) }
        return .json(Self.json(record, routes: try await routes(named: [record.routing], account: account)).serialized)
    }

    /// `{"routes": [{"name": primary}, {"name": failover}]}`, either optional: `[]` takes the
    /// number off its routes. Every name must be a route of the account.
    @Sendable func update(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let number = Self.number(in: context) else { throw SandboxError(.notFound) }
        var request = request
        let json = try await request.jsonBody(context: context)
        guard let entries = json["routes"]?.arrayValue else {
            throw SandboxError(.badRequest, detail: #"The body must be {"routes": [{"name": "…"}, …]}."#)
        }
        guard entries.count <= 2 else { throw SandboxError(.badRequest, detail: "A number has at most 2 routes: primary and failover.") }
        let names = try entries.map { entry in
            guard let name = entry["name"]?.stringValue, !name.isEmpty else {
                throw SandboxError(.badRequest, detail: #"Each route must be {"name": "…"}."#)
            }
            return name
        }
        let routing = NumberRouting(primary: names.first, failover: names.dropFirst().first)
        let builtIn: Set = [FlowrouteV1Controller.sipRegistration.name]
        switch try await numbers.update(number, account: account.key, dialect: .flowrouteV1, builtIn: builtIn, { _ in routing }) {
        case .updated: return Response(status: .noContent)
        case .noSuchNumber: throw SandboxError(.notFound)
        case .noSuchRoute(let name): throw SandboxError(.badRequest, detail: "No route named \(name).")
        }
    }

    /// The stored `{"type", "value"}` of every route these routings name, by name.
    private func routes(named routings: [NumberRouting], account: SandboxAccount) async throws -> [String: JSON] {
        let names = Set(routings.flatMap { [$0.primary, $0.failover].compactMap { $0 } })
        var routes: [String: JSON] = [FlowrouteV1Controller.sipRegistration.name: FlowrouteV1Controller.sipRegistration.route]
        for (name, record) in try await store.records(account: account.key, dialect: .flowrouteV1, ids: names) {
            routes[name] = try JSON(parsing: Array(record.body.utf8))
        }
        return routes
    }

    private static func json(_ record: NumberRecord, routes: [String: JSON]) -> JSON {
        let named = [record.routing.primary, record.routing.failover].compactMap { $0 }.map { name in
            JSON.object([("name", .string(name))] + (routes[name]?.objectMembers ?? []))
        }
        return .object([("tn", .string(record.digits)), ("billing_method", .string("METERED")), ("routes", .array(named))])
    }

    /// The number in the path; one that is not a phone number is not one of the account's.
    private static func number(in context: SandboxContext) -> PhoneNumber? {
        try? PhoneNumber(e164Digits: context.parameters.get("number") ?? "")
    }
}
