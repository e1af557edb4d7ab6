import RouteModel

/// A provider's routes API for one account. Writes come as single attempts so that callers can
/// decide about retries; reads are retried by the service itself, since they are always safe.
public protocol RouteService: Sendable {
    var dialect: Dialect { get }
    /// Which account the service acts for (`Endpoint.account`).
    var account: String { get }
    /// How this service's requests are timed and retried.
    var options: ClientOptions { get }
    /// One create request; `.unknown` when the route may exist although no answer said so.
    func createOnce(_ route: Route) async -> Answered<Route>
    /// One partial update: only the fields present in `changes` change.
    func updateOnce(id: String, changes: Route) async -> Answered<Route>
    /// Hands every route of the account (all pages) to `body` as it is read, without holding the
    /// list. A failure before the first route is retried per the service's policy; one after it
    /// ends the listing (routes already handed on cannot be taken back). Throws a `ClientError`,
    /// or what `body` threw.
    func forEachRoute(_ body: (Route) throws -> Void) async throws
    /// As `forEachRoute`, handing on only each route's id and name (the name `nil` when the
    /// service gave none; a route without an id is an error, never handed on): all that an index
    /// of the account needs, which a service may read faster.
    func forEachRouteName(_ body: (_ id: String?, _ name: String?) throws -> Void) async throws
    func get(id: String) async throws(ClientError) -> Route
    /// One delete request. After an attempt that may have been applied (`mayHaveApplied`), a 404
    /// means that attempt did the work: a success.
    func deleteOnce(id: String, mayHaveApplied: Bool) async -> Answered<Void>
    /// Every number of the account with its routing, handed to `body` as it is read (all pages,
    /// streamed). Failures are retried and reported as `forEachRoute`'s are.
    func forEachNumber(_ body: (PhoneNumber, NumberRouting) throws -> Void) async throws
    /// One number's routing; throws a `ClientError` of kind `.notFound` when the account has no
    /// such number.
    func routing(of number: PhoneNumber) async throws(ClientError) -> NumberRouting
    /// One assignment: the number's calls go to `routing` afterwards (Telegent: primary only;
    /// Flowroute v2: the `primary_route` request, then `failover_route`, set or cleared).
    /// Idempotent: repeating it is harmless, so every failure may be retried.
    func assignOnce(_ number: PhoneNumber, to routing: NumberRouting) async -> Answered<NumberRouting>
    /// Fetches what a write of `kind` needs before it is sent (Telegent: its endpoint's token), so
    /// that it comes while something else is awaited, or where a stop need not wait for it: waiting
    /// for a token sends nothing. Returns at once when cancelled; a failure is left for the write.
    func prepare(toSend kind: WriteKind) async
    /// Closes the connections; the service cannot be used afterwards.
    func shutdown() async
}

/// The kinds of write a bulk run sends, each to its own endpoint.
public enum WriteKind: Sendable {
    case create, update, delete, assign
}

/// The client for `endpoint`'s provider, with one HTTP client whose pool fits `options.concurrency`.
extension RouteService {
    public func prepare(toSend kind: WriteKind) async {}

    public func forEachRouteName(_ body: (_ id: String?, _ name: String?) throws -> Void) async throws {
        try await forEachRoute { route in
            // As Telegent's list: a route without its id would be passed over, and its name made twice.
            guard let id = route.id, !id.isEmpty else {
                throw ClientError.unexpectedAnswer(url: nil, "a route of the list has no \(route.schema.idField)"
                    + (route.key.map { " (\(route.schema.keyField) \"\($0)\")" } ?? ""))
            }
            try body(id, route.key)
        }
    }

    /// Every route of the account, in memory: for small accounts and callers that need them all.
    public func list() async throws(ClientError) -> [Route] {
        var routes: [Route] = []
        do { try await forEachRoute { routes.append($0) } } catch let error as ClientError { throw error } catch {
            preconditionFailure("appending to an array does not throw")
        }
        return routes
    }
}

extension Answered where T == Route {
    /// A create's 2xx answer that names another route, or no id, does not show that this create
    /// was applied: its outcome is unknown, and the route is looked up by name.
    func confirmingCreation(of sent: Route) -> Answered<Route> {
        guard case .success(let created) = attempt else { return self }
        let problem: String? = if created.id?.isEmpty ?? true {
            "the answer to a create has no \(created.schema.idField)"
        } else if let name = created.key, name != sent.key {
            "the answer to the create of \"\(sent.key ?? "")\" is for \"\(name)\""
        } else {
            nil
        }
        guard let problem else { return self }
        return Answered(.unknown(.unexpectedAnswer(url: nil, status: status, problem)), status: status)
    }
}

/// What a `forEachRoute` body threw, carried out of the listing unchanged.
struct ConsumerFailure: Error {
    let error: any Error
}

extension Dialect {
    /// How a create may be repeated: Flowroute v1 creates with a `PUT` by name, which is an
    /// upsert; the others assign an id per create, so a repeat makes a second route.
    public var createRepeatability: Repeatability { self == .flowrouteV1 ? .idempotent : .create }
}

public func makeRouteService(_ endpoint: Endpoint, options: ClientOptions) -> any RouteService {
    let transport = HTTPTransport(options: options)
    switch endpoint.dialect {
    case .telegent: return TelegentClient(endpoint: endpoint, transport: transport)
    case .flowrouteV1: return FlowrouteV1Client(endpoint: endpoint, transport: transport)
    case .flowrouteV2: return FlowrouteV2Client(endpoint: endpoint, transport: transport)
    }
}
