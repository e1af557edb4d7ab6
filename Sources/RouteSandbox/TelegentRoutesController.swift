import Foundation
import Hummingbird
import RouteModel

/// Telegent voice routes: create, get, list, partial update and delete, validated by the field
/// catalog and scoped to the caller's account. Mounted behind `TelegentAuthMiddleware`.
struct TelegentRoutesController: Sendable {
    let store: RouteStore
    private static let schema = RouteSchema.telegent

    func addRoutes(to group: RouterGroup<SandboxContext>) {
        group.post("voice/routes", use: create)
            .get("voice/routes", use: show)
            .get("account/voice/routes", use: list)
            .post("voice/routes/update", use: update)
            .post("voice/routes/delete", use: delete)
    }

    @Sendable func create(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        var request = request
        var (route, problems) = try Self.decode(try await request.jsonBody(context: context), account: account)
        problems += Self.schema.problems(in: route, for: .create).filter { problem in
            !problems.contains { $0.field == problem.field }
        }
        guard problems.isEmpty else { throw SandboxError.validation(problems) }
        route["CallRouteId"] = .string("CRID-" + UUID().uuidString.lowercased())
        route["AccountId"] = .string(account.key)
        route["CallRouteStatus"] = .string("Active")
        let record = TelegentRouteView.record(route)
        try await store.save(record, account: account.key, dialect: .telegent)
        return .json(record.body)
    }

    @Sendable func show(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        let parameters = request.uri.queryParameters
        guard let id = parameters.get("CallRouteId") ?? parameters.get("CallRouteID"), !id.isEmpty else {
            throw SandboxError.validation([.missing(field: "CallRouteId", reason: "as a query parameter")])
        }
        guard let record = try await store.find(account: account.key, dialect: .telegent, id: id) else {
            throw Self.notFound(id)
        }
        return .json(record.body)
    }

    /// The whole account in one answer (Telegent documents no paging), streamed from the
    /// database a page at a time: an account of 300,000 routes is never one buffer. Stored bodies
    /// are already the wire JSON, spliced in rather than re-encoded.
    @Sendable func list(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        let total = try await store.count(account: account.key, dialect: .telegent)
        let store = self.store
        let head = #"{"AccountId":"# + JSON.string(account.key).serialized + #","TotalRoutes":\#(total),"Results":["#
        return .streamedJSON(head: head, tail: "]}", start: Int64(0)) { last in
            let page = try await store.bodies(account: account.key, dialect: .telegent, after: last, limit: 2000)
            return page.last.map { end in (page.map(\.body), end.seq) }
        }
    }

    @Sendable func update(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        var request = request
        let json = try await request.jsonBody(context: context)
        let id = try Self.routeID(in: json, for: "update")
        let (changes, problems) = try Self.decode(json, account: account)
        guard problems.isEmpty else { throw SandboxError.validation(problems) }
        let updated = try await store.update(account: account.key, dialect: .telegent, id: id) { record in
            let merged = try TelegentRouteView.route(record).merging(changes)
            let problems = Self.schema.problems(in: merged, for: .create)
            guard problems.isEmpty else { throw SandboxError.validation(problems) }
            return TelegentRouteView.record(merged)
        }
        guard let updated else { throw Self.notFound(id) }
        return .json(updated.body)
    }

    @Sendable func delete(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        var request = request
        let json = try await request.jsonBody(context: context)
        let id = try Self.routeID(in: json, for: "delete")
        switch try await store.delete(account: account.key, dialect: .telegent, id: id) {
        case .deleted:
            return .json(JSON.object([("CallRouteStatus", .string("Deleted")), ("CallRouteId", .string(id))]).serialized)
        case .notFound:
            throw Self.notFound(id)
        case .inUse:
            throw SandboxError(.badRequest, detail: "Cannot delete voice route as it is currently assigned to one or more phone numbers.")
        }
    }

    /// The writable fields of a request body and what is wrong with them. Fields the service sets
    /// (`CallRouteId`, `CallRouteStatus`) are ignored; `AccountId`, when sent, must be the caller's.
    private static func decode(_ json: JSON, account: SandboxAccount) throws -> (Route, [FieldError]) {
        guard json.objectMembers != nil else { throw SandboxError.malformedJSON("The body must be a JSON object.") }
        var (route, problems) = TelegentWire.decodeRoute(json, strict: true)
        route = route.writable
        if let owner = route.string("AccountId"), owner != account.key {
            problems.append(.invalidValue(field: "AccountId", value: owner, expected: "the account the token was issued to"))
        }
        return (route, problems)
    }

    /// The `CallRouteId` an update or delete body names (`CallRouteID` too, as the service accepts).
    private static func routeID(in json: JSON, for operation: String) throws -> String {
        guard let id = json.first("CallRouteId", "CallRouteID")?.stringValue, !id.isEmpty else {
            throw SandboxError.validation([.missing(field: schema.idField, reason: "to \(operation) a route")])
        }
        return id
    }

    private static func notFound(_ id: String) -> SandboxError {
        SandboxError(.notFound, title: "Not Found", detail: "Voice route with ID '\(id)' was not found.")
    }
}
