import Foundation
import RouteModel

/// Flowroute v2 routes: JSON:API resources, Basic authentication with the access and secret
/// keys, ids assigned by the service. Create is a `POST` and not idempotent.
final class FlowrouteV2Client: RouteService {
    let dialect = Dialect.flowrouteV2
    private let endpoint: Endpoint
    private let transport: HTTPTransport
    var account: String { endpoint.account }
    var options: ClientOptions { transport.options }
    private static let pageSize = 200

    init(endpoint: Endpoint, transport: HTTPTransport) {
        self.endpoint = endpoint
        self.transport = transport
    }

    private var routesURL: String { endpoint.baseURL + "/routes" }

    func createOnce(_ route: Route) async -> Answered<Route> {
        await resource(HTTPRequest(.POST, routesURL, json: FlowrouteWire.encodeV2(route.writable)), id: nil)
            .confirmingCreation(of: route)
    }

    func updateOnce(id: String, changes: Route) async -> Answered<Route> {
        var body = changes.writable
        body["id"] = .string(id)
        switch await send(HTTPRequest(.PATCH, routeURL(id), json: FlowrouteWire.encodeV2(body))) {
        case .success(let answer) where answer.body.isEmpty:
            // 204: the service kept the route to itself; read it back.
            do { return Answered(.success(try await get(id: id)), status: answer.status) } catch {
                return Answered(.unknown(error), status: answer.status)
            }
        case .success(let answer):
            return Answered(decoding(answer) { json throws(WireError) in try FlowrouteWire.decodeV2Resource(json) }, status: answer.status)
        case .rejected(let error) where error.status == 404:
            return Answered(.rejected(.notFound("route \(id)", body: error.body, url: error.url)), status: 404)
        case let failure:
            return Answered(Attempt(failure: failure.failure!), status: failure.error?.status)
        }
    }

    func forEachRoute(_ body: (Route) throws -> Void) async throws {
        var previous: [String] = []
        var offset = 0
        while true {
            let url = "\(routesURL)?limit=\(Self.pageSize)&offset=\(offset)"
            let page = try await transport.retrying { _ async -> Attempt<(routes: [Route], next: String?)> in
                switch await send(HTTPRequest(.GET, url)) {
                case .success(let answer): return decoding(answer) { json throws(WireError) in try FlowrouteWire.decodeV2List(json) }
                case let failure: return Attempt(failure: failure.failure!)
                }
            }
            // Stop at a short page, or when a server that ignores paging repeats itself.
            let ids = page.routes.map { $0.id ?? "" }
            if !ids.isEmpty && ids == previous { break }
            for route in page.routes { try body(route) }
            if page.routes.count < Self.pageSize { break }
            previous = ids
            offset += page.routes.count
        }
    }

    func get(id: String) async throws(ClientError) -> Route {
        try await transport.retrying { _ in await resource(HTTPRequest(.GET, routeURL(id)), id: id).attempt }
    }

    func deleteOnce(id: String, mayHaveApplied: Bool) async -> Answered<Void> {
        switch await send(HTTPRequest(.DELETE, routeURL(id))) {
        case .success(let answer): return Answered(.success(()), status: answer.status)
        case .rejected(let error) where error.status == 403 && Self.saysInUse(error.body):
            return Answered(.rejected(error.routeInUse), status: 403)
        case .rejected(let error) where error.status == 404:
            // After an attempt that may have been applied, 404 means that one did the work.
            return Answered(mayHaveApplied ? .success(()) : .rejected(.notFound("route \(id)", body: error.body, url: error.url)),
                            status: 404)
        case let failure: return Answered(Attempt(failure: failure.failure!), status: failure.error?.status)
        }
    }

    func forEachNumber(_ body: (PhoneNumber, NumberRouting) throws -> Void) async throws {
        var previous: [PhoneNumber] = []
        var offset = 0
        while true {
            let url = "\(endpoint.baseURL)/numbers?limit=\(Self.pageSize)&offset=\(offset)"
            let page = try await transport.retrying { _ async -> Attempt<(numbers: [ListedNumber], next: String?)> in
                switch await send(HTTPRequest(.GET, url)) {
                case .success(let answer): return decoding(answer) { json throws(WireError) in try NumberWire.v2List(json) }
                case let failure: return Attempt(failure: failure.failure!)
                }
            }
            // The last page has no next link; a server that ignores paging repeats its page.
            let numbers = page.numbers.map(\.number)
            if !numbers.isEmpty && numbers == previous { break }
            for listed in page.numbers { try body(listed.number, listed.routing) }
            if page.next == nil || numbers.isEmpty { break }
            previous = numbers
            offset += numbers.count
        }
    }

    func routing(of number: PhoneNumber) async throws(ClientError) -> NumberRouting {
        try await flowrouteRouting(of: number, url: numberURL(number), transport: transport, send: send) { json throws(WireError) in
            try NumberWire.v2Number(json)
        }
    }

    /// Two requests, the primary route first: each sets or clears one relationship, so a repeat
    /// after a failure of either is harmless.
    func assignOnce(_ number: PhoneNumber, to routing: NumberRouting) async -> Answered<NumberRouting> {
        var status: Int?
        for (relationship, id) in [("primary_route", routing.primary), ("failover_route", routing.failover)] {
            let data = id.map { JSON.object([("type", .string("route")), ("id", .string($0))]) } ?? .null
            let request = HTTPRequest(.PATCH, numberURL(number) + "/relationships/" + relationship, json: .object([("data", data)]))
            let sent = await send(request)
            if case .success(let answer) = sent {
                status = answer.status
                continue
            }
            let failure = sent.failure!.mapError { error in
                let error = error.status == 404 ? .notFound("phone number \(number)", body: error.body, url: error.url) : error
                // The primary route is set by then: say so, since the number's calls already go there.
                guard relationship == "failover_route" else { return error }
                return error.after("\(number)'s primary route is now \(routing.primary ?? "none"), but its failover_route request failed")
            }
            // Even a refused failover request leaves the number half-moved: that is never "not applied".
            if relationship == "failover_route", case .rejected(let error) = failure {
                return Answered(.unknown(error), status: error.status)
            }
            return Answered(Attempt(failure: failure), status: failure.error?.status)
        }
        return Answered(.success(routing), status: status)
    }

    /// Flowroute's documented refusal of a delete because numbers still use the route
    /// ("This Route has numbers still associated to it."); another 403 (a built-in route) is not that.
    private static func saysInUse(_ body: APIErrorBody?) -> Bool {
        [body?.title, body?.detail].contains { text in
            guard let text = text?.lowercased() else { return false }
            return text.contains("numbers still associated") || text.contains("disassociate all numbers")
        }
    }

    func shutdown() async {
        await transport.shutdown()
    }

    private func numberURL(_ number: PhoneNumber) -> String {
        "\(endpoint.baseURL)/numbers/\(number.digits)"
    }

    private func resource(_ request: HTTPRequest, id: String?) async -> Answered<Route> {
        switch await send(request) {
        case .success(let answer):
            return Answered(decoding(answer) { json throws(WireError) in try FlowrouteWire.decodeV2Resource(json) }, status: answer.status)
        case .rejected(let error) where error.status == 404 && id != nil:
            return Answered(.rejected(.notFound("route \(id!)", body: error.body, url: error.url)), status: 404)
        case let failure:
            return Answered(Attempt(failure: failure.failure!), status: failure.error?.status)
        }
    }

    private func send(_ request: HTTPRequest) async -> Attempt<HTTPAnswer> {
        var authorized = request
        let credentials = Data("\(endpoint.accountKey):\(endpoint.accountSecret)".utf8).base64EncodedString()
        authorized.headers += [("Authorization", "Basic " + credentials), ("Accept", "application/vnd.api+json")]
        if request.body != nil { authorized.headers.append(("Content-Type", "application/vnd.api+json")) }
        return await transport.sendCarryingCredentials(authorized)
    }

    private func routeURL(_ id: String) -> String {
        "\(routesURL)/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? id)
    }
}
