import Foundation
import RouteModel
import Testing
@testable import RouteClient

/// The Telegent client against answers shaped exactly as telegent.md shows them.
@Suite struct TelegentClientTests {
    static let created = """
        {"CallRouteId":"CRID-7b0c","AccountId":"DID-1","RouteName":"Main SIP Trunk","RouteType":"Trunk",\
        "TrunkIp1":"20.87.87.87","TrunkPort1":"5061","TrunkTransport1":"UDP","Trunk1Priortiy":1,\
        "IpWhiteList":[{"IpAddress":"10.0.0.1"},{"IpAddress":"10.0.0.2"}],"CallRouteStatus":"Active"}
        """

    static func tokenReply(_ token: String, for request: Recorded, lifetime: TimeInterval = 300) -> Reply {
        let endpoint = (try? JSON(parsing: Array(request.body.utf8)))?["ApiEndpoint"]?.stringValue ?? ""
        let expiry = TelegentToken.formatExpiry(Date().addingTimeInterval(lifetime))
        return .json(200, #"{"token":"\#(token)","successful":true,"tokenExpiry":"\#(expiry)","apiEndpoint":"\#(endpoint)","error":""}"#)
    }

    static func service(_ server: ScriptedServer, retry: RetryPolicy = RetryPolicy(baseDelay: .milliseconds(1)),
                        requestTimeout: Duration = .seconds(20)) -> any RouteService {
        makeRouteService(
            Endpoint(dialect: .telegent, baseURL: server.origin + "/v1.0", accountKey: "DID-1", accountSecret: "s3cret"),
            options: ClientOptions(requestTimeout: requestTimeout, retry: retry, settleDelay: .milliseconds(10)))
    }

    static func trunkRoute() throws -> Route {
        try Route.parse(assignments: [
            "RouteName=Main SIP Trunk", "RouteType=Trunk", "TrunkIp1=20.87.87.87", "TrunkPort1=5061",
            "TrunkTransport1=UDP", "Trunk1Priority=1", "TrunkEnabled1=yes",
        ], dialect: .telegent)
    }

    @Test func createSendsTheDocumentedBodyWithAScopedToken() async throws {
        let server = try await ScriptedServer.start { request in
            request.path == "/v1.0/oauth2/tokens" ? Self.tokenReply("tok-1", for: request) : .json(200, Self.created)
        }
        let service = Self.service(server)
        // A session of its own: other suites create routes at the same time.
        let session = Session()
        let route = try await Session.$current.withValue(session) { try await service.create(try Self.trunkRoute()) }
        await service.shutdown()
        await server.stop()

        let token = try #require(server.requests(to: "/v1.0/oauth2/tokens").first)
        #expect(token.method == "POST")
        #expect(token.body == #"{"AccountKey":"DID-1","AccountSecret":"s3cret","ApiEndpoint":"\#(server.origin)/v1.0/voice/routes"}"#)
        let create = try #require(server.requests(to: "/v1.0/voice/routes").first)
        #expect(create.method == "POST")
        #expect(create.headers["authorization"] == "Bearer tok-1")
        #expect(create.headers["content-type"] == "application/json")
        #expect(create.body == """
            {"RouteName":"Main SIP Trunk","RouteType":"Trunk","TrunkIp1":"20.87.87.87","TrunkPort1":"5061",\
            "TrunkTransport1":"UDP","TrunkEnabled1":true,"Trunk1Priortiy":1}
            """)
        #expect(route.id == "CRID-7b0c")
        #expect(route["IpWhitelist"] == .list(["10.0.0.1", "10.0.0.2"]))
        #expect(route["Trunk1Priortiy"] == .integer(1))
        #expect(session.lastCreatedID == "CRID-7b0c")
    }

    @Test func tooManyRequestsIsRetryableAndHonoursRetryAfter() async throws {
        let calls = Counter()
        let server = try await ScriptedServer.start { request in
            if request.path == "/v1.0/oauth2/tokens" { return Self.tokenReply("tok", for: request) }
            if calls.next() == 1 {
                return .json(429, #"{"Title":"Too Many Requests","Status":429}"#, headers: [("Retry-After", "1")])
            }
            return .json(200, Self.created)
        }
        let service = Self.service(server)
        let first = await service.createOnce(try Self.trunkRoute()).attempt
        guard case .retryable(let error) = first else { Issue.record("expected retryable, got \(first)"); return }
        #expect(error.status == 429)
        #expect(error.retryAfter == .seconds(1))
        let started = ContinuousClock.now
        calls.reset()
        let route = try await service.create(try Self.trunkRoute())
        #expect(ContinuousClock.now - started >= .seconds(1))
        #expect(route.id == "CRID-7b0c")
        await service.shutdown()
        await server.stop()
    }

    @Test func anExpiredTokenIsRenewedOnceAfterA401() async throws {
        let tokens = Counter()
        let server = try await ScriptedServer.start { request in
            if request.path == "/v1.0/oauth2/tokens" { return Self.tokenReply("tok-\(tokens.next())", for: request) }
            if request.headers["authorization"] == "Bearer tok-1" { return .json(401, #"{"Title":"Unauthorized","Status":401}"#) }
            return .json(200, #"{"AccountId":"DID-1","TotalRoutes":1,"Results":[\#(Self.created)]}"#)
        }
        let service = Self.service(server)
        let routes = try await service.list()
        await service.shutdown()
        await server.stop()
        #expect(routes.map(\.id) == ["CRID-7b0c"])
        #expect(server.requests(to: "/v1.0/oauth2/tokens").count == 2)
        #expect(server.requests(to: "/v1.0/account/voice/routes").map { $0.headers["authorization"] } == ["Bearer tok-1", "Bearer tok-2"])
    }

    @Test func aSecond401MeansTheCredentialsAreRefused() async throws {
        let server = try await ScriptedServer.start { request in
            request.path == "/v1.0/oauth2/tokens" ? Self.tokenReply("tok", for: request) : .json(401, #"{"Title":"Unauthorized"}"#)
        }
        let service = Self.service(server)
        await #expect {
            try await service.get(id: "CRID-1")
        } throws: { error in
            let error = error as? ClientError
            return error?.kind == .credentialsRefused && error?.exitStatus == .fatal
                && error?.description == "401 — the account key or secret was refused"
        }
        await service.shutdown()
        await server.stop()
        #expect(server.requests(to: "/v1.0/voice/routes").count == 2)
    }

    @Test func aTokenRefusalThatEchoesTheSecretNeitherShowsItNorIsRepeated() async throws {
        // A hostile or careless server answers 400 with the request it was sent, secret and all.
        let server = try await ScriptedServer.start { request in
            .json(400, #"{"Title":"Bad Request","Detail":"AccountSecret: bad \#(JSON.string(request.body).serialized.dropFirst().dropLast())"}"#)
        }
        let service = Self.service(server)
        let attempt = await service.createOnce(try Self.trunkRoute()).attempt
        guard case .rejected(let error) = attempt else { Issue.record("expected rejected, got \(attempt)"); return }
        #expect(error.description.contains("AccountSecret: bad"))
        #expect(!error.description.contains("s3cret"), "\(error.description)")
        #expect(error.body?.detail?.contains("s3cret") == false)
        #expect(server.requests(to: "/v1.0/oauth2/tokens").count == 1)
        #expect(server.requests(to: "/v1.0/voice/routes").isEmpty)
        await service.shutdown()
        await server.stop()
    }

    @Test func aRefusedTokenRequestNamesTheCredentials() async throws {
        let server = try await ScriptedServer.start { _ in .json(401, #"{"Title":"Unauthorized","Status":401}"#) }
        let service = Self.service(server)
        let attempt = await service.createOnce(try Self.trunkRoute()).attempt
        guard case .rejected(let error) = attempt else { Issue.record("expected rejected, got \(attempt)"); return }
        #expect(error.description == "401 — the account key or secret was refused")
        #expect(server.requests(to: "/v1.0/voice/routes").isEmpty)
        await service.shutdown()
        await server.stop()
    }

    @Test func concurrentCallersShareOneTokenRequest() async throws {
        let server = try await ScriptedServer.start { request in
            if request.path == "/v1.0/oauth2/tokens" {
                try? await Task.sleep(for: .milliseconds(200))
                return Self.tokenReply("tok", for: request)
            }
            return .json(200, #"{"AccountId":"DID-1","TotalRoutes":0,"Results":[]}"#)
        }
        let service = Self.service(server)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 { group.addTask { _ = try await service.list() } }
            try await group.waitForAll()
        }
        await service.shutdown()
        await server.stop()
        #expect(server.requests(to: "/v1.0/oauth2/tokens").count == 1)
        #expect(server.requests(to: "/v1.0/account/voice/routes").count == 10)
    }

    @Test func eachEndpointHasItsOwnToken() async throws {
        let server = try await ScriptedServer.start { request in
            switch request.path {
            case "/v1.0/oauth2/tokens": return Self.tokenReply("tok", for: request)
            case "/v1.0/account/voice/routes": return .json(200, #"{"AccountID":"DID-1","Results":[]}"#)
            default: return .json(200, Self.created)
            }
        }
        let service = Self.service(server)
        _ = try await service.list()
        _ = try await service.get(id: "CRID-7b0c")
        _ = try await service.get(id: "CRID-7b0c")
        await service.shutdown()
        await server.stop()
        let endpoints = server.requests(to: "/v1.0/oauth2/tokens").compactMap { try? JSON(parsing: Array($0.body.utf8))["ApiEndpoint"]?.stringValue }
        #expect(endpoints == [server.origin + "/v1.0/account/voice/routes", server.origin + "/v1.0/voice/routes"])
        #expect(server.requests(to: "/v1.0/voice/routes").allSatisfy { $0.query == "CallRouteId=CRID-7b0c" })
    }

    @Test func theCreatesTokenCanBeFetchedAhead() async throws {
        let server = try await ScriptedServer.start { request in
            request.path == "/v1.0/oauth2/tokens" ? Self.tokenReply("tok", for: request) : .json(200, Self.created)
        }
        let service = Self.service(server)
        await service.prepare(toSend: .create)
        let fetchedAhead = server.requests(to: "/v1.0/oauth2/tokens").count
        _ = await service.createOnce(try Self.trunkRoute())
        await service.shutdown()
        await server.stop()
        #expect(fetchedAhead == 1)
        // The create found its token ready and sent only itself.
        #expect(server.requests(to: "/v1.0/oauth2/tokens").count == 1)
        #expect(server.requests(to: "/v1.0/voice/routes").first?.headers["authorization"] == "Bearer tok")
    }

    @Test func aCancelledCallerStopsWaitingForAStalledTokenRequest() async throws {
        let server = try await ScriptedServer.start { request in
            if request.path == "/v1.0/oauth2/tokens" { try? await Task.sleep(for: .seconds(3600)) }
            return .json(200, Self.created)
        }
        let service = Self.service(server, requestTimeout: .seconds(120))
        let route = try Self.trunkRoute()
        let create = Task { await service.createOnce(route) }
        while server.requests(to: "/v1.0/oauth2/tokens").isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        let cancelledAt = ContinuousClock.now
        create.cancel()
        let answered = await create.value
        let waited = ContinuousClock.now - cancelledAt
        await service.shutdown()
        await server.stop()
        // Not the two minutes of the request timeout: the caller left at once, nothing was sent.
        #expect(waited < .seconds(60), "\(waited)")
        guard case .retryable(let error) = answered.attempt else { Issue.record("\(answered.attempt)"); return }
        #expect(error.kind == .cancelled)
        #expect(server.requests(to: "/v1.0/voice/routes").isEmpty)
    }

    @Test func bothErrorShapesBecomeOneLineForPeople() async throws {
        let server = try await ScriptedServer.start { request in
            if request.path == "/v1.0/oauth2/tokens" { return Self.tokenReply("tok", for: request) }
            if request.path == "/v1.0/voice/routes/update" {
                return .json(400, #"{"StatusCode":400,"Message":"TrunkIp1 is not a valid IP address"}"#)
            }
            if request.method == "GET" {
                return .json(404, #"{"Type":"https://tools.ietf.org/html/rfc7231#section-6.5.4","Title":"Not Found","Status":404,"Detail":"Voice route with ID 'CRID-9' was not found."}"#)
            }
            return .json(400, """
                {"Type":"https://tools.ietf.org/html/rfc7231#section-6.5.1","Title":"One or more validation errors occurred.",\
                "Status":400,"Errors":{"$.RouteType":["must be one of Trunk, URL, Forward"]},"TraceId":"00-1-00"}
                """)
        }
        let service = Self.service(server)
        let created = await service.createOnce(try Self.trunkRoute()).attempt
        #expect(created.error?.description == "400 Bad Request — RouteType: must be one of Trunk, URL, Forward")
        guard case .rejected = created else { Issue.record("a 400 is final"); return }
        let updated = await service.updateOnce(id: "CRID-9", changes: try Route.parse(assignments: ["TrunkPort1=5062"], dialect: .telegent)).attempt
        #expect(updated.error?.description == "400 Bad Request — TrunkIp1 is not a valid IP address")
        await #expect {
            try await service.get(id: "CRID-9")
        } throws: { error in
            (error as? ClientError)?.description == "404 — voice route CRID-9 was not found"
        }
        await service.shutdown()
        await server.stop()
        let update = try #require(server.requests(to: "/v1.0/voice/routes/update").first)
        #expect(update.body == #"{"CallRouteId":"CRID-9","TrunkPort1":"5062"}"#)
    }

    @Test func anUnknownCreateIsSettledByLookingTheNameUp() async throws {
        let server = try await ScriptedServer.start { request in
            switch (request.method, request.path) {
            case (_, "/v1.0/oauth2/tokens"): return Self.tokenReply("tok", for: request)
            case ("POST", "/v1.0/voice/routes"): return .json(504, #"{"Title":"Gateway Timeout","Status":504}"#)
            default: return .json(200, #"{"AccountId":"DID-1","TotalRoutes":1,"Results":[\#(Self.created)]}"#)
            }
        }
        let service = Self.service(server)
        let route = try await service.create(try Self.trunkRoute())
        await service.shutdown()
        await server.stop()
        #expect(route.id == "CRID-7b0c")
        #expect(server.requests(to: "/v1.0/voice/routes").count == 1)
    }

    /// A create named "Slow…" is answered as `reply` says; others at once. The token (and a
    /// connection) is had first with an ordinary create, tried until the loaded machine lets it
    /// through, so that the timeout measured is the slow answer's alone.
    static func primedService(
        requestTimeout: Duration, slow: @escaping @Sendable () async -> Reply
    ) async throws -> (ScriptedServer, any RouteService, Route) {
        let server = try await ScriptedServer.start { request in
            if request.path == "/v1.0/oauth2/tokens" { return Self.tokenReply("tok", for: request) }
            return request.body.contains("Slow") ? await slow() : .json(200, Self.created)
        }
        let service = Self.service(server, requestTimeout: requestTimeout)
        for _ in 0..<10 {
            if case .success = await service.createOnce(try Self.trunkRoute()).attempt { break }
        }
        var slow = try Self.trunkRoute()
        slow["RouteName"] = .string("Slow trunk")
        return (server, service, slow)
    }

    @Test func aCreateThatTimesOutIsUnknown() async throws {
        let (server, service, route) = try await Self.primedService(requestTimeout: .seconds(5)) {
            try? await Task.sleep(for: .seconds(30))
            return .json(200, Self.created)
        }
        let attempt = await service.createOnce(route).attempt
        await service.shutdown()
        await server.stop()
        guard case .unknown(let error) = attempt else { Issue.record("expected unknown, got \(attempt)"); return }
        #expect(error.kind == .timeout)
        #expect(error.description.contains("/v1.0/voice/routes"))
    }

    @Test func anAnswerThatStallsMidBodyIsUnknownWithinTheTimeout() async throws {
        let (server, service, route) = try await Self.primedService(requestTimeout: .seconds(5)) {
            var reply = Reply.json(200, Self.created)
            reply.stalls = true
            return reply
        }
        let started = ContinuousClock.now
        let attempt = await service.createOnce(route).attempt
        let waited = ContinuousClock.now - started
        await service.shutdown()
        await server.stop()
        guard case .unknown(let error) = attempt else { Issue.record("expected unknown, got \(attempt)"); return }
        #expect(error.kind == .timeout)
        #expect(waited < .seconds(30))
    }

    @Test func anUnreachableServerIsRetryableAndNamed() async throws {
        let service = makeRouteService(
            Endpoint(dialect: .telegent, baseURL: "http://127.0.0.1:1/v1.0", accountKey: "k", accountSecret: "s"),
            options: ClientOptions(retry: .none))
        let attempt = await service.createOnce(try Self.trunkRoute()).attempt
        await service.shutdown()
        guard case .retryable(let error) = attempt else { Issue.record("expected retryable, got \(attempt)"); return }
        #expect(error.kind == .unreachable)
        #expect(error.exitStatus == .fatal)
        #expect(error.description == "cannot connect to http://127.0.0.1:1: connection refused")
    }
}

extension TelegentClientTests {
    @Test func aCreateAnsweredWithAnotherRouteIsUnknown() async throws {
        let server = try await ScriptedServer.start { request in
            if request.path == "/v1.0/oauth2/tokens" { return Self.tokenReply("tok", for: request) }
            return .json(200, #"{"CallRouteId":"CRID-1","RouteName":"Someone else","RouteType":"Trunk"}"#)
        }
        let service = Self.service(server)
        let attempt = await service.createOnce(try Self.trunkRoute()).attempt
        await service.shutdown()
        await server.stop()
        guard case .unknown(let error) = attempt else { Issue.record("expected unknown, got \(attempt)"); return }
        #expect(error.description == #"the answer to the create of "Main SIP Trunk" is for "Someone else""#)
    }
}
