import Foundation
import Hummingbird
import RouteModel

/// Telegent phone numbers: one number, the inventory, and re-pointing a number at a voice route
/// of the same account. Mounted behind `TelegentAuthMiddleware`.
struct TelegentNumbersController: Sendable {
    let numbers: NumberStore

    func addRoutes(to group: RouterGroup<SandboxContext>) {
        group.get("numbers", use: show)
            .get("numbers/inventory", use: inventory)
            .post("numbers/update", use: update)
    }

    @Sendable func show(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let text = request.uri.queryParameters.get("PhoneNumber"), !text.isEmpty else {
            throw SandboxError.validation([.missing(field: "PhoneNumber", reason: "as a query parameter")])
        }
        let number = try Self.phoneNumber(text, field: "PhoneNumber")
        guard let record = try await numbers.find(number, account: account.key, dialect: .telegent) else {
            throw Self.notFound(number)
        }
        return .json(Self.json(record).serialized)
    }

    /// Every number of the account in order, in one answer streamed from the database.
    @Sendable func inventory(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        if let filter = request.uri.queryParameters.get("Filter"), !filter.isEmpty, filter.lowercased() != "all" {
            throw SandboxError.validation([(field: "Filter", message: "'\(filter)' is not a known filter: use All")])
        }
        let total = try await numbers.count(account: account.key, dialect: .telegent)
        let numbers = self.numbers
        let head = #"{"AccountId":"# + JSON.string(account.key).serialized + #","TotalNumbers":\#(total),"Results":["#
        return .streamedJSON(head: head, tail: "]}", start: "") { last in
            let page = try await numbers.page(account: account.key, dialect: .telegent, after: last, limit: 2000)
            return page.last.map { end in (page.map { Self.json($0).serialized }, end.e164) }
        }
    }

    /// `VoiceEnabled` true points the number at `VoiceRouteId`; false takes it off any route.
    @Sendable func update(request: Request, context: SandboxContext) async throws -> Response {
        let account = try context.requireAccount()
        var request = request
        let json = try await request.jsonBody(context: context)
        guard json.objectMembers != nil else { throw SandboxError.malformedJSON("The body must be a JSON object.") }
        var problems: [(field: String, message: String)] = []
        var number: PhoneNumber?
        switch json["Number"] {
        case .string(let text)?:
            do { number = try PhoneNumber(parsing: text) } catch { problems.append(("Number", error.description)) }
        case nil, .null?: problems.append(("Number", "is required: the phone number to update, e.g. +12065550100"))
        case let other?: problems.append(("Number", "\(other.serialized) is not a phone number: send it as a string"))
        }
        var enabled: Bool?
        switch json["VoiceEnabled"] {
        case .bool(let flag)?: enabled = flag
        case nil, .null?: problems.append(("VoiceEnabled", "is required: true or false"))
        case let other?: problems.append(("VoiceEnabled", "\(other.serialized) is not true or false"))
        }
        var routeID: String?
        switch json["VoiceRouteId"] {
        case .string(let id)? where !id.isEmpty: routeID = id
        case nil, .null?: break
        case let other?: problems.append(("VoiceRouteId", "\(other.serialized) is not a voice route's CallRouteId"))
        }
        if enabled == true && routeID == nil {
            problems.append(("VoiceRouteId", "is required when VoiceEnabled is true"))
        } else if enabled == false && routeID != nil {
            problems.append(("VoiceRouteId", "must be absent or null when VoiceEnabled is false"))
        }
        guard let number, problems.isEmpty else { throw SandboxError.validation(problems) }

        switch try await numbers.update(number, account: account.key, dialect: .telegent, { [routeID] _ in NumberRouting(primary: routeID) }) {
        case .updated(let routing):
            return .json(JSON.object([
                ("UpdateOrderId", .string("UOID-" + UUID().uuidString.lowercased())),
                ("UpdateOrderStatus", .string("Complete")),
                ("Number", .string(number.e164)),
                ("VoiceEnabled", .bool(routing.primary != nil)),
                ("VoiceRouteId", routing.primary.map(JSON.string) ?? .null),
            ]).serialized)
        case .noSuchNumber:
            throw Self.notFound(number)
        case .noSuchRoute(let id):
            throw SandboxError.validation([(field: "VoiceRouteId", message: "Voice route with ID '\(id)' was not found in this account")])
        }
    }

    private static func json(_ record: NumberRecord) -> JSON {
        .object([
            ("PhoneNumber", .string(record.e164)),
            ("VoiceEnabled", .bool(record.routing.primary != nil)),
            ("VoiceRouteId", record.routing.primary.map(JSON.string) ?? .null),
            ("MessageEnabled", .bool(false)),
            ("NumberStatus", .string("Active")),
        ])
    }

    private static func phoneNumber(_ text: String, field: String) throws -> PhoneNumber {
        do {
            return try PhoneNumber(parsing: text)
        } catch {
            throw SandboxError.validation([(field: field, message: error.description)])
        }
    }

    private static func notFound(_ number: PhoneNumber) -> SandboxError {
        SandboxError(.notFound, title: "Not Found", detail: "Phone number '\(number.e164)' was not found.")
    }
}
