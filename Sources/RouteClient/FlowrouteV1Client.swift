import Foundation
import RouteModel

/// Flowroute v1 inbound routes: signed requests, routes named by `route_name` (their only id),
/// create and update both a `PUT /routes/{name}` of `{"type", "value"}` (idempotent), and a list
/// that is a map keyed by name, read page by page.
final class FlowrouteV1Client: RouteService {
    let dialect = Dialect.flowrouteV1
    private let endpoint: Endpoint
    private let transport: HTTPTransport
    var account: String { endpoint.account }
    var options: ClientOptions { transport.options }
    private static let pageSize = 200

    init(endpoint: Endpoint, transport: HTTPTransport) {
        self.endpoint = endpoint
        self.transport = transport
    }

    func createOnce(_ route: Route) async -> Answered<Route> {
        guard let name = route.key else {
            return Answered(.rejected(.unexpectedAnswer(url: nil, "route_name: is required to create a route")), status: nil)
        }
        return await put(route, name: name)
    }

    /// v1 replaces the whole route, so the changes are laid over the route as it is now.
    func updateOnce(id: String, changes: Route) async -> Answered<Route> {
        if let newName = changes.key, newName != id {
            return Answered(.rejected(.unexpectedAnswer(url: nil, "route_name: Flowroute v1 routes cannot be renamed (the name is the id)")), status: nil)
        }
        let current: Route
        do {
            current = try await get(id: id)
        } catch {
            // Nothing was written yet, so trying again is safe whatever went wrong.
            return Answered(error.kind == .notFound ? .rejected(error) : .retryable(error), status: error.status)
        }
        return await put(current.merging(changes), name: id)
    }

    func forEachRoute(_ body: (Route) throws -> Void) async throws {
        var previous: [String] = []
        for page in 1... {
            let url = "\(endpoint.baseURL)/routes/?limit=\(Self.pageSize)&page=\(page)"
            let batch = try await transport.retrying { _ async -> Attempt<[Route]> in
                switch await send(HTTPRequest(.GET, url)) {
                case .success(let answer): return decoding(answer) { json throws(WireError) in try FlowrouteWire.decodeV1List(json) }
                case let failure: return Attempt(failure: failure.failure!)
                }
            }
            // A server that ignores paging answers every page alike: stop when a page repeats.
            let names = batch.map { $0.key ?? "" }
            if !names.isEmpty && names == previous { break }
            for route in batch { try body(route) }
            if batch.count < Self.pageSize { break }
            previous = names
        }
    }

    /// v1 has no single-route read: the route is found in the list.
    func get(id: String) async throws(ClientError) -> Route {
        guard let route = try await list().first(where: { $0.key == id }) else {
            throw .notFound("route \(id)", url: "\(endpoint.baseURL)/routes/")
        }
        return route
    }

    /// Flowroute's v1 API documents no way to delete a route; v2's does.
    func deleteOnce(id: String, mayHaveApplied: Bool) async -> Answered<Void> {
        Answered(.rejected(ClientError(kind: .refused, url: endpoint.baseURL, message: """
            Flowroute's v1 API cannot delete routes: use the v2 API (a base URL ending in /v2, or --provider flowroute-v2)
            """)), status: nil)
    }

    func forEachNumber(_ body: (PhoneNumber, NumberRouting) throws -> Void) async throws {
        var previous: [PhoneNumber] = []
        for page in 1... {
            let url = "\(endpoint.baseURL)/tns/?limit=\(Self.pageSize)&page=\(page)"
            let batch = try await transport.retrying { _ async -> Attempt<(numbers: [ListedNumber], next: String?)> in
                switch await send(HTTPRequest(.GET, url)) {
                case .success(let answer): return decoding(answer) { json throws(WireError) in try NumberWire.v1List(json) }
                case let failure: return Attempt(failure: failure.failure!)
                }
            }
            // The last page has no next link; a server that ignores paging repeats its page.
            let numbers = batch.numbers.map(\.number)
            if !numbers.isEmpty && numbers == previous { break }
            for listed in batch.numbers { try body(listed.number, listed.routing) }
            if batch.next == nil || numbers.isEmpty { break }
            previous = numbers
        }
    }

    func routing(of number: PhoneNumber) async throws(ClientError) -> NumberRouting {
        try await flowrouteRouting(of: number, url: numberURL(number), transport: transport, send: send) { json throws(WireError) in
            try NumberWire.v1Number(json)
        }
    }

    /// v1 sets a number's routes as one ordered list: the primary, then the failover.
    func assignOnce(_ number: PhoneNumber, to routing: NumberRouting) async -> Answered<NumberRouting> {
        guard routing.primary != nil || routing.failover == nil else {
            return Answered(.rejected(ClientError(kind: .refused, message: "a failover route needs a primary route")), status: nil)
        }
        let routes = [routing.primary, routing.failover].compactMap { $0 }.map { JSON.object([("name", .string($0))]) }
        switch await send(HTTPRequest(.PATCH, numberURL(number), json: .object([("routes", .array(routes))]))) {
        case .success(let answer):
            return Answered(.success(routing), status: answer.status)
        case .rejected(let error) where error.status == 404:
            return Answered(.rejected(.notFound("phone number \(number)", body: error.body, url: error.url)), status: 404)
        case let failure:
            return Answered(Attempt(failure: failure.failure!), status: failure.error?.status)
        }
    }

    func shutdown() async {
        await transport.shutdown()
    }

    private func numberURL(_ number: PhoneNumber) -> String {
        "\(endpoint.baseURL)/tns/\(number.digits)"
    }

    private func put(_ route: Route, name: String) async -> Answered<Route> {
        let request = HTTPRequest(.PUT, routeURL(name), json: FlowrouteWire.encodeV1(route))
        switch await send(request) {
        case .success(let answer):
            var created = Route(dialect: .flowrouteV1)
            created["route_name"] = .string(name)
            created["type"] = route["type"]
            created["value"] = route["value"]
            return Answered(.success(created), status: answer.status)
        case let failure:
            return Answered(Attempt(failure: failure.failure!), status: failure.error?.status)
        }
    }

    /// Signs and sends one request; a 401 means the keys were refused (each request is signed
    /// afresh, so there is nothing to renew).
    private func send(_ request: HTTPRequest) async -> Attempt<HTTPAnswer> {
        var signed = request
        let signature = FlowrouteV1Signature(accessKey: endpoint.accountKey, secretKey: endpoint.accountSecret)
        signed.headers += signature.headers(method: request.method.rawValue, url: request.url, body: request.body, date: Date())
        signed.headers.append(("Accept", "application/json"))
        if request.body != nil { signed.headers.append(("Content-Type", "application/json; charset=utf-8")) }
        return await transport.sendCarryingCredentials(signed)
    }

    private func routeURL(_ name: String) -> String {
        "\(endpoint.baseURL)/routes/" + (name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? name)
    }
}
