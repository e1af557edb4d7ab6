import Hummingbird
import RouteModel

/// Flowroute v1 inbound routes: `PUT /v1/routes/{route_name}` and `GET /v1/routes/`. The name is
/// the id, so a PUT to an existing name replaces that route, as PUT does. Mounted behind
/// `FlowrouteSignatureMiddleware`.
struct FlowrouteV1Controller: Sendable {
    let store: RouteStore
    private static let schema = RouteSchema.flowrouteV1
    /// The route every account has for SIP registrations.
    static let sipRegistration: (name: String, route: JSON) =
        ("sip-reg", .object([("type", .string("SIP-REG")), ("value", .string("sip-reg"))]))

    func addRoutes(to group: RouterGroup<SandboxContext>) {
        group.put("routes/{route_name}", use: create)
            .get("routes", use: list)
    }

    @Sendable func create(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        let name = context.parameters.get("route_name") ?? ""
        var request = request
        let json = try await request.jsonBody(context: context)
        guard json.objectMembers != nil else { throw SandboxError(.badRequest, detail: "The body must be a JSON object.") }
        var pairs: [(name: String, text: String)] = [("route_name", name)]
        for key in ["type", "value"] {
            switch json[key] {
            case .string(let text)?: pairs.append((key, text))
            case nil, .null?: break
            case let other?: throw SandboxError(.badRequest, detail: "\(key) must be a string, not \(other.serialized).")
            }
        }
        let route: Route
        do {
            route = try Route.parse(pairs: pairs, dialect: .flowrouteV1)
        } catch {
            throw SandboxError(.badRequest, detail: error.description)
        }
        let problems = Self.schema.problems(in: route, for: .create)
        guard problems.isEmpty else { throw SandboxError.validation(problems) }
        let record = RouteRecord(id: name, name: name, body: FlowrouteWire.encodeV1(route).serialized)
        try await store.save(record, account: account.key, dialect: .flowrouteV1)
        return Response(status: .created)
    }

    /// A page of the map keyed by route name, the built-in `sip-reg` route first.
    @Sendable func list(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        let limit = try request.queryInteger("limit", in: 1...200, default: 10)
        let page = try request.queryInteger("page", in: 1...Int(Int32.max), default: 1)
        let offset = (page - 1) * limit
        var routes: [(String, JSON)] = offset == 0 ? [Self.sipRegistration] : []
        let (records, _) = try await store.list(
            account: account.key, dialect: .flowrouteV1, limit: limit - routes.count, offset: max(0, offset - 1))
        // Stored bodies are already the wire's `{"type", "value"}`: keyed by name, as they are.
        for record in records { routes.append((record.name, try JSON(parsing: Array(record.body.utf8)))) }
        return .json(JSON.object([("routes", .object(routes))]).serialized)
    }
}
