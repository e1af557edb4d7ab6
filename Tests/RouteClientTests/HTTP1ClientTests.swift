import NIOCore
import Testing
@testable import RouteClient

/// The request client against real sockets that fail on purpose: whether each failure counts as
/// "not sent" (safe to send again) or "may have been sent" decides whether an import can resend
/// a create or must look it up.
@Suite struct HTTP1ClientTests {
    private static let created = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"

    /// Deadlines are long unless a test is about them: these tests run beside others on a loaded machine.
    private func transport(timeout: Duration = .seconds(60)) -> HTTPTransport {
        HTTPTransport(options: ClientOptions(concurrency: 4, connectTimeout: .seconds(2), requestTimeout: timeout))
    }

    private func create(_ transport: HTTPTransport, _ url: String) async -> Result<HTTPAnswer, TransportFailure> {
        await transport.send(HTTPRequest(.POST, url, json: .object([("RouteName", .string("a"))])))
    }

    @Test func keepAliveConnectionsAreReused() async throws {
        let server = try await RawServer.start { _ in .bytes(Self.created, close: false) }
        defer { Task { await server.stop() } }
        let client = transport()
        for _ in 0..<5 {
            let answer = try await create(client, server.url).get()
            #expect(answer.status == 201 && answer.body == Array("{}".utf8))
        }
        #expect(server.accepted == 1)
        await client.shutdown()
    }

    @Test func aConnectionTheServerClosedWhileIdleIsReplacedWithoutAnUnknownOutcome() async throws {
        let server = try await RawServer.start { _ in .bytes(Self.created, close: true) }
        defer { Task { await server.stop() } }
        // A connection handed out dead would wait out the whole deadline and fail.
        let client = transport()
        for _ in 0..<3 {
            let answer = try await create(client, server.url).get()
            #expect(answer.status == 201)
            // Time for the server's close to reach the idle connection.
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(server.accepted == 3)
        #expect(server.received == 3)
        await client.shutdown()
    }

    @Test func noServerMeansNotSent() async throws {
        let port = try await RawServer.closedPort()
        let client = transport()
        let failure = try #require(await create(client, "http://127.0.0.1:\(port)/v1.0/voice/routes").failure)
        #expect(!failure.mayHaveBeenSent)
        #expect(failure.error.kind == .unreachable)
        await client.shutdown()
    }

    @Test func aBodyCutShortOfItsLengthMayHaveBeenSent() async throws {
        let server = try await RawServer.start { _ in
            .bytes("HTTP/1.1 201 Created\r\nContent-Length: 100\r\n\r\n{\"CallRouteId\":", close: true)
        }
        defer { Task { await server.stop() } }
        let client = transport()
        let failure = try #require(await create(client, server.url).failure)
        #expect(failure.mayHaveBeenSent)
        #expect(failure.error.kind == .connectionLost)
        await client.shutdown()
    }

    @Test func aConnectionClosedAfterTheRequestMayHaveSentIt() async throws {
        let server = try await RawServer.start { _ in .close }
        defer { Task { await server.stop() } }
        let client = transport()
        let failure = try #require(await create(client, server.url).failure)
        #expect(failure.mayHaveBeenSent)
        #expect(failure.error.kind == .connectionLost)
        #expect(server.received == 1)
        await client.shutdown()
    }

    @Test func noAnswerBeforeTheDeadlineMayHaveBeenSent() async throws {
        let server = try await RawServer.start { _ in .silence }
        defer { Task { await server.stop() } }
        let client = transport(timeout: .milliseconds(300))
        let started = ContinuousClock.now
        let failure = try #require(await create(client, server.url).failure)
        #expect(failure.mayHaveBeenSent)
        #expect(failure.error.kind == .timeout)
        // The deadline ended it (the server never answers); how soon depends on the machine's load.
        #expect(ContinuousClock.now - started < .seconds(30))
        await client.shutdown()
    }

    @Test func aBodyOverTheCapIsRefused() async throws {
        let server = try await RawServer.start { _ in
            .bytes("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n" + String(repeating: "x", count: 20), close: false)
        }
        defer { Task { await server.stop() } }
        let client = HTTP1Client(poolSize: 1, connectTimeout: .seconds(2), maximumBody: 10)
        let result = await client.execute(.GET, server.url, headers: [], body: nil, deadline: .now() + .seconds(60))
        #expect(result.failure == .bodyTooLarge)
        client.shutdown()
    }

    @Test func redirectsAreHandedBackNotFollowed() async throws {
        let server = try await RawServer.start { _ in
            .bytes("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/elsewhere\r\nContent-Length: 0\r\n\r\n", close: false)
        }
        defer { Task { await server.stop() } }
        let client = transport()
        let answer = try await create(client, server.url).get()
        #expect(answer.status == 302)
        #expect(server.received == 1)
        await client.shutdown()
    }

    @Test func targetsAreSplitForTheConnectionAndTheRequestLine() throws {
        let plain = try #require(RequestTarget("http://127.0.0.1:8080/v1.0/voice/routes?x=1"))
        #expect(!plain.secure && plain.host == "127.0.0.1" && plain.port == 8080 && plain.hostHeader == "127.0.0.1:8080")
        #expect(plain.pathAndQuery == "/v1.0/voice/routes?x=1" && plain.isIPAddress && plain.origin == "http://127.0.0.1:8080")
        let secure = try #require(RequestTarget("https://api.telegent.com"))
        #expect(secure.port == 443 && secure.hostHeader == "api.telegent.com" && secure.pathAndQuery == "/" && !secure.isIPAddress)
        let v6 = try #require(RequestTarget("http://[::1]:9/x"))
        #expect(v6.host == "::1" && v6.hostHeader == "[::1]:9" && v6.isIPAddress)
        #expect(RequestTarget("ftp://host/") == nil)
        #expect(RequestTarget("http://host:99999/") == nil)
        #expect(RequestTarget("http://user@host/") == nil)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
