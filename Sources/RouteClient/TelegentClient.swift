import Foundation
import RouteModel

/// Telegent mPaaS voice routes: bearer tokens scoped per endpoint, PascalCase JSON, `POST` for
/// every write (create answers 200 with the route), and a 401 answered by authenticating again once.
final class TelegentClient: RouteService {
    let dialect = Dialect.telegent
    private let endpoint: Endpoint
    private let transport: HTTPTransport
    var account: String { endpoint.account }
    var options: ClientOptions { transport.options }
    private let tokens: TokenCache

    init(endpoint: Endpoint, transport: HTTPTransport) {
        self.endpoint = endpoint
        self.transport = transport
        tokens = TokenCache { [endpoint, transport] apiEndpoint in
            await Self.authenticate(endpoint, for: apiEndpoint, transport: transport)
        }
    }

    private var routesURL: String { endpoint.baseURL + "/voice/routes" }
    private var numbersURL: String { endpoint.baseURL + "/numbers" }

    func createOnce(_ route: Route) async -> Answered<Route> {
        await routeAnswer(HTTPRequest(.POST, writeURL(.create), json: TelegentWire.encode(route.writable)), id: nil)
            .confirmingCreation(of: route)
    }

    func prepare(toSend kind: WriteKind) async {
        let url = writeURL(kind)
        if tokens.cached(for: url) == nil { _ = try? await tokens.token(for: url) }
    }

    /// Where each kind of write goes, and so which token it needs: the one list of them.
    private func writeURL(_ kind: WriteKind) -> String {
        switch kind {
        case .create: routesURL
        case .update: routesURL + "/update"
        case .delete: routesURL + "/delete"
        case .assign: numbersURL + "/update"
        }
    }

    func updateOnce(id: String, changes: Route) async -> Answered<Route> {
        var body = changes.writable
        body["CallRouteId"] = .string(id)
        return await routeAnswer(HTTPRequest(.POST, writeURL(.update), json: TelegentWire.encode(body)), id: id)
    }

    /// The list is one answer with no paging, 90 MB for 300,000 routes: it is read as a stream
    /// and each route handed to `body` as soon as it is parsed.
    func forEachRoute(_ body: (Route) throws -> Void) async throws {
        try await forEachListed(routeList, { try TelegentWire.decodeRoute(JSON(parsing: $0)) }, body)
    }

    func forEachRouteName(_ body: (_ id: String?, _ name: String?) throws -> Void) async throws {
        try await forEachListed(routeList, { element throws in try TelegentWire.decodeListedName(element) }) { try body($0.id, $0.name) }
    }

    /// The inventory, as long as the route list and unpaged as well, is streamed the same way.
    func forEachNumber(_ body: (PhoneNumber, NumberRouting) throws -> Void) async throws {
        let inventory = Listing(request: HTTPRequest(.GET, numbersURL + "/inventory?Filter=All"), noun: "number")
        try await forEachListed(inventory, NumberWire.telegent(element:)) { try body($0.number, $0.routing) }
    }

    /// A list answered as one stream: the request, and what its elements are called in messages.
    private struct Listing {
        var request: HTTPRequest
        var noun: String
    }

    private var routeList: Listing { Listing(request: HTTPRequest(.GET, endpoint.baseURL + "/account/voice/routes"), noun: "route") }

    /// Streams the list, handing each element of `Results` through `decode` to `body`.
    private func forEachListed<T>(
        _ listing: Listing, _ decode: ([UInt8]) throws -> T, _ body: (T) throws -> Void
    ) async throws {
        let request = listing.request
        var delivered = 0
        var consumerError: (any Error)?
        do throws(ClientError) {
            try await transport.retrying { _ async -> Attempt<Void> in
                var scanner = JSONArrayScanner(member: "Results")
                let attempt: Attempt<HTTPAnswer>
                do {
                    attempt = try await send(request) { authorized in
                        try await transport.stream(authorized) { chunk in
                            try chunk.withUnsafeReadableBytes { bytes in
                                try scanner.feed(bytes) { element in
                                    let item = try decode(element)
                                    delivered += 1
                                    do { try body(item) } catch { throw ConsumerFailure(error: error) }
                                }
                            }
                        }
                    }
                } catch let failure as ConsumerFailure {
                    consumerError = failure.error
                    return .rejected(ClientError(kind: .unexpectedAnswer, message: "stopped by the caller"))
                } catch {
                    attempt = .unknown(.unexpectedAnswer(url: request.urlWithoutQuery, "\(error) (from \(request.urlWithoutQuery))"))
                }
                var outcome = attempt
                if case .success = attempt {
                    do { try scanner.finish() } catch {
                        outcome = .unknown(.unexpectedAnswer(url: request.urlWithoutQuery, "\(error) (from \(request.urlWithoutQuery))"))
                    }
                }
                if case .success = outcome { return .success(()) }
                // What was handed on cannot be taken back: a list cut off half way is not retried.
                guard delivered == 0 else {
                    return .rejected(ClientError(kind: .connectionLost, url: request.urlWithoutQuery, message:
                        "the \(listing.noun) list broke off after \(delivered) \(listing.noun)s: \(outcome.error!)"))
                }
                return Attempt(failure: outcome.failure!)
            }
        } catch {
            throw consumerError ?? error
        }
    }

    func get(id: String) async throws(ClientError) -> Route {
        let url = routesURL + "?CallRouteId=" + Self.queryEscaped(id)
        return try await transport.retrying { _ in await routeAnswer(HTTPRequest(.GET, url), id: id).attempt }
    }

    func deleteOnce(id: String, mayHaveApplied: Bool) async -> Answered<Void> {
        let body = JSON.object([("CallRouteId", .string(id))])
        switch await send(HTTPRequest(.POST, writeURL(.delete), json: body)) {
        case .success(let answer):
            // The documented answer names the route it deleted; anything else is not a delete.
            return Answered(decoding(answer) { json throws(WireError) in _ = try TelegentWire.decodeDeleted(json) }, status: answer.status)
        case .rejected(let error) where error.status == 400 && error.body?.detail?.contains(Self.routeInUse) == true:
            return Answered(.rejected(error.routeInUse), status: 400)
        case .rejected(let error) where error.status == 404 && mayHaveApplied:
            // An earlier attempt whose answer was lost did delete it.
            return Answered(.success(()), status: 404)
        case .rejected(let error) where error.status == 404:
            return Answered(.rejected(.notFound("voice route \(id)", body: error.body, url: error.url)), status: 404)
        case let failure: return Answered(Attempt(failure: failure.failure!), status: failure.error?.status)
        }
    }

    /// How the service words its refusal to delete a route that numbers use.
    private static let routeInUse = "assigned to one or more phone numbers"

    func routing(of number: PhoneNumber) async throws(ClientError) -> NumberRouting {
        let url = numbersURL + "?PhoneNumber=" + Self.queryEscaped(number.e164)
        return try await transport.retrying { _ in await numberAnswer(HTTPRequest(.GET, url), number).attempt }
    }

    func assignOnce(_ number: PhoneNumber, to routing: NumberRouting) async -> Answered<NumberRouting> {
        guard routing.failover == nil else {
            return Answered(.rejected(ClientError(kind: .refused, message: "Telegent numbers have one voice route and no failover route")),
                            status: nil)
        }
        var body: [(String, JSON)] = [("Number", .string(number.e164)), ("VoiceEnabled", .bool(routing.primary != nil))]
        if let primary = routing.primary { body.append(("VoiceRouteId", .string(primary))) }
        let answered = await numberAnswer(HTTPRequest(.POST, writeURL(.assign), json: .object(body)), number, update: true)
        // An answer that shows another route than the one sent does not show that this update was applied.
        if let shown = answered.attempt.value, shown != routing {
            return Answered(.unknown(.unexpectedAnswer(url: writeURL(.assign), status: answered.status,
                                                       "the update of \(number) to \(routing) was answered with \(shown)")),
                            status: answered.status)
        }
        return answered
    }

    func shutdown() async {
        await transport.shutdown()
    }

    /// Order statuses that say an update was done. Any other (`Failed`, or `Pending`, which does
    /// not say when) leaves the outcome unknown, to be sent again; an answer without one is taken
    /// at its word, and the check at the end of an import lists the numbers again anyway.
    private static let doneOrders: Set<String> = ["complete", "completed", "success", "successful"]

    // MARK: - Requests

    /// One request with a bearer token for its endpoint. A 401 means the token was refused
    /// (expired early, revoked): authenticate again, once, and resend. A second 401 means the
    /// credentials themselves are no good.
    private func send(_ request: HTTPRequest) async -> Attempt<HTTPAnswer> {
        await send(request, via: transport.send)
    }

    /// As `send(_:)`, with the authorized request sent by `transmit` (a streaming read).
    private func send(
        _ request: HTTPRequest, via transmit: (HTTPRequest) async throws -> Result<HTTPAnswer, TransportFailure>
    ) async rethrows -> Attempt<HTTPAnswer> {
        let apiEndpoint = request.urlWithoutQuery
        for isRetry in [false, true] {
            let token: String
            if let cached = tokens.cached(for: apiEndpoint) {
                token = cached
            } else {
                do throws(ClientError) { token = try await tokens.token(for: apiEndpoint) } catch {
                    // No token, so the request itself was never sent: safe to repeat, unless the
                    // token request was refused for good (bad credentials, a 4xx but 408 and 429).
                    let refused = error.kind == .credentialsRefused
                        || error.status.map { (400..<500).contains($0) && $0 != 408 && $0 != 429 } == true
                    return refused ? .rejected(error) : .retryable(error)
                }
            }
            var authorized = request
            authorized.headers += [("Authorization", "Bearer " + token), ("Accept", "application/json")]
            if request.body != nil { authorized.headers.append(("Content-Type", "application/json")) }
            switch try await transmit(authorized) {
            case .failure(let failure):
                return Attempt(failure: failure.attempt)
            case .success(let answer) where answer.status == 401:
                await tokens.invalidate(token, for: apiEndpoint)
                if isRetry { return .rejected(.credentialsRefused(url: answer.url, body: answer.errorBody)) }
            case .success(let answer) where answer.isSuccess:
                return .success(answer)
            case .success(let answer):
                return Attempt(failure: answer.failure)
            }
        }
        preconditionFailure("the loop returns on its second pass")
    }

    /// A request answered by one route (create, update, get), with 404 worded for people.
    private func routeAnswer(_ request: HTTPRequest, id: String?) async -> Answered<Route> {
        switch await send(request) {
        case .success(let answer):
            return Answered(decoding(answer) { json throws(WireError) in try TelegentWire.decodeRoute(json) }, status: answer.status)
        case .rejected(let error) where error.status == 404 && id != nil:
            return Answered(.rejected(.notFound("voice route \(id!)", body: error.body, url: error.url)), status: 404)
        case let failure:
            return Answered(Attempt(failure: failure.failure!), status: failure.error?.status)
        }
    }

    /// A request answered by one number (read, update), for `number` and no other.
    /// - Parameter update: the answer is an update's, whose `UpdateOrderStatus` may say it failed.
    private func numberAnswer(_ request: HTTPRequest, _ number: PhoneNumber, update: Bool = false) async -> Answered<NumberRouting> {
        switch await send(request) {
        case .success(let answer):
            let decoded = decoding(answer) { json throws(WireError) in
                if update, let order = json["UpdateOrderStatus"]?.stringValue, !Self.doneOrders.contains(order.lowercased()) {
                    throw .unexpected("the update of \(number) was answered with UpdateOrderStatus \"\(order)\", not Complete")
                }
                let listed = try NumberWire.telegent(json)
                guard listed.number == number else { throw .unexpected("the answer about \(number) is about \(listed.number)") }
                return listed.routing
            }
            return Answered(decoded, status: answer.status)
        case .rejected(let error) where error.status == 404:
            return Answered(.rejected(.notFound("phone number \(number)", body: error.body, url: error.url)), status: 404)
        case let failure:
            return Answered(Attempt(failure: failure.failure!), status: failure.error?.status)
        }
    }

    /// `POST /oauth2/tokens` for one endpoint. A 401 or 403 here is the credentials' fault.
    private static func authenticate(
        _ endpoint: Endpoint, for apiEndpoint: String, transport: HTTPTransport
    ) async -> Result<TelegentToken, ClientError> {
        let body = JSON.object([
            ("AccountKey", .string(endpoint.accountKey)),
            ("AccountSecret", .string(endpoint.accountSecret)),
            ("ApiEndpoint", .string(apiEndpoint)),
        ])
        let request = HTTPRequest(
            .POST, endpoint.baseURL + "/oauth2/tokens",
            headers: [("Content-Type", "application/json"), ("Accept", "application/json")], json: body)
        return await tokenAnswer(transport.send(request)).mapError { $0.redacting(endpoint.accountSecret) }
    }

    private static func tokenAnswer(_ sent: Result<HTTPAnswer, TransportFailure>) -> Result<TelegentToken, ClientError> {
        switch sent {
        case .failure(let failure):
            return .failure(failure.error)
        case .success(let answer) where answer.status == 401 || answer.status == 403:
            return .failure(.credentialsRefused(url: answer.url, body: answer.errorBody))
        case .success(let answer) where !answer.isSuccess:
            return .failure(answer.failure.error!)
        case .success(let answer):
            do {
                return .success(try TelegentToken(json: try answer.decodedJSON()))
            } catch let error as ClientError {
                return .failure(error)
            } catch {
                return .failure(.unexpectedAnswer(url: answer.url, status: answer.status, "\(error)"))
            }
        }
    }

    static func queryEscaped(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// A successful answer read with `decode`; a body that does not have the documented shape is
/// an unknown outcome (the request did reach the service).
func decoding<T>(_ answer: HTTPAnswer, _ decode: (JSON) throws(WireError) -> T) -> Attempt<T> {
    do throws(ClientError) {
        let json = try answer.decodedJSON()
        do throws(WireError) {
            return .success(try decode(json))
        } catch {
            return .unknown(.unexpectedAnswer(url: answer.url, status: answer.status, "\(error) (from \(answer.url))"))
        }
    } catch {
        return .unknown(error)
    }
}

extension Attempt {
    /// The failure of an attempt that did not succeed, for another success type.
    var failure: Attempt<Never>? {
        switch self {
        case .success: return nil
        case .rejected(let error): return .rejected(error)
        case .retryable(let error): return .retryable(error)
        case .unknown(let error): return .unknown(error)
        }
    }
}
