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
        case .rejected(let error) where error.status == 404:
            // After an attempt that may have been applied, 404 means that one did the work.
            return Answered(mayHaveApplied ? .success(()) : .rejected(.notFound("route \(id)", body: error.body, url: error.url)),
                            status: 404)
        case let failure: return Answered(Attempt(failure: failure.failure!), status: failure.error?.status)
        }
    }

    func shutdown() async {
        await transport.shutdown()
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
