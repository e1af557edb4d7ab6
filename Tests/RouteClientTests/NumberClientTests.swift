import Foundation
import RouteModel
import RouteSandbox
import Testing
@testable import RouteClient

/// Numbers read and re-pointed through each dialect's client, against a sandbox on a loopback port.
@Suite struct NumberClientTests {
    private static let account = SandboxAccount(key: "DID-NUMBERS", secret: "numbers-secret")

    /// Runs `body` with a client of a fresh sandbox whose account holds `numbers` numbers (and,
    /// for Telegent, `routes` seeded routes that the numbers use in turn).
    private func withSandbox(
        _ dialect: Dialect, routes: Int = 0, numbers: Int, faults: SandboxFaults = SandboxFaults(),
        _ body: (any RouteService, Sandbox) async throws -> Void
    ) async throws {
        var options = SandboxOptions()
        options.accounts = [Self.account]
        options.seedRoutes = routes
        options.seedNumbers = numbers
        options.faults = faults
        options.seed = 7
        let sandbox = try await Sandbox.start(options)
        let service = makeRouteService(
            Endpoint(dialect: dialect, baseURL: sandbox.baseURL(dialect), accountKey: Self.account.key, accountSecret: Self.account.secret),
            options: ClientOptions(retry: RetryPolicy(maxAttempts: 20, baseDelay: .milliseconds(1))))
        do {
            try await body(service, sandbox)
        } catch {
            await service.shutdown()
            await sandbox.stop()
            throw error
        }
        await service.shutdown()
        await sandbox.stop()
    }

    private func listed(_ service: any RouteService) async throws -> [(number: PhoneNumber, routing: NumberRouting)] {
        var numbers: [(number: PhoneNumber, routing: NumberRouting)] = []
        try await service.forEachNumber { numbers.append(($0, $1)) }
        return numbers
    }

    /// Creates a route by one attempt (not `create`, which sets the process-wide `$last`).
    private func createRoute(_ name: String, _ service: any RouteService) async throws -> String {
        let schema = RouteSchema.forDialect(service.dialect)
        let route = try Route.parse(assignments: [
            "\(schema.keyField)=\(name)", "\(schema.typeField)=uri", "value=sip:\(name)@example.com",
        ], dialect: service.dialect)
        return try #require(await service.createOnce(route).attempt.value?.id)
    }

    @Test func telegentListsShowsAndRepointsNumbers() async throws {
        try await withSandbox(.telegent, routes: 3, numbers: 7) { service, sandbox in
            let numbers = try await listed(service)
            #expect(numbers.map(\.number.e164) == (0..<7).map { "+1206555\(String(format: "%04d", $0))" })
            let routes = try await service.list().compactMap(\.id)
            #expect(numbers.allSatisfy { routes.contains($0.routing.primary ?? "") })
            #expect(numbers.allSatisfy { $0.routing.failover == nil })

            let number = numbers[4].number
            #expect(try await service.routing(of: number) == numbers[4].routing)
            let target = try #require(routes.first { $0 != numbers[4].routing.primary })
            let assigned = await service.assignOnce(number, to: NumberRouting(primary: target))
            #expect(assigned.attempt.value == NumberRouting(primary: target))
            #expect(assigned.status == 200)
            #expect(try await service.routing(of: number) == NumberRouting(primary: target))
            #expect(try await listed(service).first { $0.number == number }?.routing == NumberRouting(primary: target))

            let cleared = await service.assignOnce(number, to: .none)
            #expect(cleared.attempt.value == NumberRouting.none)
            #expect(try await service.routing(of: number) == .none)
            #expect(sandbox.numberWrites == 2)
        }
    }

    @Test func telegentRefusalsAreClear() async throws {
        try await withSandbox(.telegent, routes: 1, numbers: 2) { service, sandbox in
            let stranger = try PhoneNumber(parsing: "+14155550199")
            await #expect { try await service.routing(of: stranger) } throws: { error in
                (error as? ClientError)?.kind == .notFound && "\(error)" == "404 — phone number +14155550199 was not found"
            }
            let unknown = await service.assignOnce(stranger, to: NumberRouting(primary: try await service.list()[0].id))
            #expect(unknown.attempt.error?.kind == .notFound)

            let number = try PhoneNumber(parsing: "+12065550001")
            let noRoute = await service.assignOnce(number, to: NumberRouting(primary: "CRID-00000000-0000-0000-0000-000000000000"))
            guard case .rejected(let error) = noRoute.attempt else { Issue.record("expected a refusal, got \(noRoute.attempt)"); return }
            #expect(error.status == 400)
            #expect(error.description.contains("VoiceRouteId"))

            // A failover route is refused before anything is sent: Telegent has none.
            let writes = sandbox.numberWrites
            let failover = await service.assignOnce(number, to: NumberRouting(primary: "CRID-a", failover: "CRID-b"))
            #expect(failover.attempt.error?.description == "Telegent numbers have one voice route and no failover route")
            #expect(failover.status == nil)
            #expect(sandbox.numberWrites == writes)
        }
    }

    @Test func flowrouteV1KeepsTheFailoverOrder() async throws {
        try await withSandbox(.flowrouteV1, numbers: 3) { service, _ in
            let first = try await createRoute("east", service)
            let second = try await createRoute("west", service)
            let numbers = try await listed(service)
            #expect(numbers.map(\.number.e164) == ["+12065550000", "+12065550001", "+12065550002"])
            #expect(numbers.allSatisfy { $0.routing == .none })

            let number = numbers[1].number
            for routing in [NumberRouting(primary: first, failover: second), NumberRouting(primary: second, failover: first)] {
                let answered = await service.assignOnce(number, to: routing)
                #expect(answered.attempt.value == routing)
                #expect(answered.status == 204)
                #expect(try await service.routing(of: number) == routing)
            }
            #expect(try await service.assign(number, to: NumberRouting(primary: first)) == NumberRouting(primary: first))
            #expect(try await listed(service).map(\.routing) == [.none, NumberRouting(primary: first), .none])

            let unknown = await service.assignOnce(number, to: NumberRouting(primary: "nowhere"))
            #expect(unknown.attempt.error?.status == 400)
            #expect(try await service.routing(of: number) == NumberRouting(primary: first))
        }
    }

    @Test func flowrouteV2SetsAndClearsTheFailoverRoute() async throws {
        try await withSandbox(.flowrouteV2, numbers: 2) { service, _ in
            let first = try await createRoute("east", service)
            let second = try await createRoute("west", service)
            let number = try PhoneNumber(parsing: "12065550001")
            let both = NumberRouting(primary: first, failover: second)
            #expect(try await service.assign(number, to: both) == both)
            #expect(try await service.routing(of: number) == both)
            #expect(try await listed(service).map(\.routing) == [.none, both])

            #expect(try await service.assign(number, to: NumberRouting(primary: second)) == NumberRouting(primary: second))
            #expect(try await service.routing(of: number) == NumberRouting(primary: second))

            // The primary route is set when the failover route is refused: the error says so, and the
            // number is half moved, which is never "not applied".
            let refused = await service.assignOnce(number, to: NumberRouting(primary: first, failover: "999999"))
            guard case .unknown(let error) = refused.attempt else { Issue.record("expected an unknown outcome, got \(refused.attempt)"); return }
            #expect(error.status == 422)
            #expect(error.description.hasPrefix("+12065550001's primary route is now \(first), but its failover_route request failed: 422"))
            #expect(try await service.routing(of: number) == NumberRouting(primary: first))

            let stranger = try PhoneNumber(parsing: "+14155550199")
            #expect(await service.assignOnce(stranger, to: both).attempt.error?.kind == .notFound)
        }
    }

    @Test(arguments: [Dialect.telegent, .flowrouteV1, .flowrouteV2])
    func everyPageIsReadAndEveryAssignmentLandsThroughFaults(_ dialect: Dialect) async throws {
        var faults = SandboxFaults()
        faults.failRate = 0.1
        faults.ambiguousRate = 0.1
        faults.commitThenFailRate = 0.1
        faults.cutBodyRate = 0.05
        try await withSandbox(dialect, routes: dialect == .telegent ? 2 : 0, numbers: 450, faults: faults) { service, _ in
            let route = dialect == .telegent ? try await service.list()[0].id! : try await createRoute("main", service)
            let numbers = try await listed(service)
            #expect(numbers.count == 450)
            #expect(Set(numbers.map(\.number)).count == 450)
            #expect(numbers.map(\.number) == numbers.map(\.number).sorted())
            for listed in numbers.prefix(20) {
                #expect(try await service.assign(listed.number, to: NumberRouting(primary: route)) == NumberRouting(primary: route))
            }
            let after = try await listed(service)
            #expect(after.prefix(20).allSatisfy { $0.routing == NumberRouting(primary: route) })
        }
    }

    @Test func aFailedOrderIsNeverASuccess() async throws {
        let server = try await ScriptedServer.start { request in
            switch request.path {
            case "/v1.0/oauth2/tokens":
                return .json(200, #"{"token": "t", "successful": true, "tokenExpiry": "12/31/2099 11:59:59 PM", "error": ""}"#)
            default:
                return .json(200, #"{"UpdateOrderId": "UOID-1", "UpdateOrderStatus": "Failed", "Number": "+12065550100", "VoiceEnabled": true, "VoiceRouteId": "CRID-a"}"#)
            }
        }
        let telegent = makeRouteService(
            Endpoint(dialect: .telegent, baseURL: server.origin + "/v1.0", accountKey: "K", accountSecret: "S"), options: ClientOptions())
        let answered = await telegent.assignOnce(try PhoneNumber(parsing: "+12065550100"), to: NumberRouting(primary: "CRID-a"))
        guard case .unknown(let error) = answered.attempt else {
            Issue.record("a Failed order was taken as \(answered.attempt)")
            return
        }
        #expect("\(error)".contains(#"UpdateOrderStatus "Failed""#))
        await telegent.shutdown()
        await server.stop()
    }

    @Test func aMalformedNumberFromTheServerIsRefused() async throws {
        let server = try await ScriptedServer.start { request in
            switch request.path {
            case "/v2/numbers": return .json(200, #"{"data": [{"type": "number", "id": "1206-555-0100", "attributes": {"value": "1206-555-0100"}}]}"#)
            default: return .json(200, #"{"data": {"type": "number", "id": "12065550101", "relationships": {"primary_route": {"data": null}}}}"#)
            }
        }
        let service = makeRouteService(
            Endpoint(dialect: .flowrouteV2, baseURL: server.origin + "/v2", accountKey: "K", accountSecret: "S"),
            options: ClientOptions(retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1))))
        await #expect { try await service.forEachNumber { _, _ in } } throws: { error in
            (error as? ClientError)?.kind == .unexpectedAnswer
                && "\(error)".contains(#""1206-555-0100" is not a phone number: write it without spaces or punctuation"#)
        }
        await #expect { try await service.routing(of: PhoneNumber(parsing: "+12065550100")) } throws: { error in
            (error as? ClientError)?.kind == .unexpectedAnswer && "\(error)".contains("the answer about +12065550100 is about +12065550101")
        }
        await service.shutdown()
        await server.stop()
    }
}
