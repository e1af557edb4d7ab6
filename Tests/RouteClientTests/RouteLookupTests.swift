import Foundation
import RouteModel
import RouteSandbox
import Testing
@testable import RouteClient

/// Routes named by id or by exact name, against a sandbox on a loopback port.
@Suite struct RouteLookupTests {
    private static let account = SandboxAccount(key: "DID-LOOKUP", secret: "lookup-secret")

    /// Runs `body` with a client of a fresh sandbox holding routes of the given names.
    private func withRoutes(
        _ names: [String], dialect: Dialect = .telegent, _ body: (any RouteService, [Route]) async throws -> Void
    ) async throws {
        var options = SandboxOptions()
        options.accounts = [Self.account]
        let sandbox = try await Sandbox.start(options)
        let service = makeRouteService(
            Endpoint(dialect: dialect, baseURL: sandbox.baseURL(dialect), accountKey: Self.account.key, accountSecret: Self.account.secret),
            options: ClientOptions())
        do {
            var created: [Route] = []
            for name in names {
                let type = dialect == .telegent ? "URL" : "uri"
                let value = dialect == .telegent ? "VoiceUrl=https://example.com/\(created.count)" : "value=sip:1@example.com"
                let extra = dialect == .telegent ? ["VoiceUrlMethod=POST"] : []
                let route = try Route.parse(
                    assignments: ["\(RouteSchema.forDialect(dialect).keyField)=\(name)", "\(RouteSchema.forDialect(dialect).typeField)=\(type)", value] + extra,
                    dialect: dialect)
                // One attempt, not `create`: that sets the process-wide `$last`, which a client test reads.
                created.append(try #require(await service.createOnce(route).attempt.value))
            }
            try await body(service, created)
        } catch {
            await service.shutdown()
            await sandbox.stop()
            throw error
        }
        await service.shutdown()
        await sandbox.stop()
    }

    @Test func anExactNameFindsItsRoute() async throws {
        try await withRoutes(["Toronto SIP trunk", "Toronto SIP trunk 2", "Montreal"]) { service, created in
            let found = try await RouteLookup(service).route("Toronto SIP trunk")
            #expect(found.id == created[0].id)
            #expect(found.key == "Toronto SIP trunk")
        }
    }

    @Test func anIdFindsItsRoute() async throws {
        try await withRoutes(["Montreal"]) { service, created in
            let id = try #require(created[0].id)
            let found = try await RouteLookup(service).route(id)
            #expect(found.key == "Montreal")
        }
    }

    @Test func anAmbiguousNameIsRefusedWithEveryCandidate() async throws {
        try await withRoutes(["Toronto", "Toronto", "Montreal"]) { service, created in
            do {
                _ = try await RouteLookup(service).route("Toronto")
                Issue.record("an ambiguous name was resolved")
            } catch let error as RouteLookupError {
                guard case .ambiguous(let name, let candidates) = error else {
                    Issue.record("expected an ambiguity, got \(error)")
                    return
                }
                #expect(name == "Toronto")
                #expect(Set(candidates.compactMap(\.id)) == Set(created.prefix(2).compactMap(\.id)))
                #expect(error.exitStatus == .usage)
                #expect(error.description.contains(created[0].id!) && error.description.contains(created[1].id!))
            }
        }
    }

    @Test func aNameMatchingNothingSaysSo() async throws {
        try await withRoutes(["Toronto"]) { service, _ in
            for reference in ["toronto", "Tor", "CRID-00000000-0000-0000-0000-000000000000"] {
                do {
                    _ = try await RouteLookup(service).route(reference)
                    Issue.record("\(reference) was resolved")
                } catch let error as RouteLookupError {
                    #expect(error.description == "no route has the id or name \"\(reference)\"")
                    #expect(error.exitStatus == .partialFailure)
                }
            }
        }
    }

    @Test func aNameShapedLikeAnIdIsStillFound() async throws {
        try await withRoutes(["CRID-not-an-id"]) { service, created in
            let found = try await RouteLookup(service).route("CRID-not-an-id")
            #expect(found.id == created[0].id)
        }
    }

    @Test func flowrouteV2RoutesAreFoundByAliasOrNumericId() async throws {
        try await withRoutes(["edge1", "edge2"], dialect: .flowrouteV2) { service, created in
            let byName = try await RouteLookup(service).route("edge2")
            let byID = try await RouteLookup(service).route(created[0].id!)
            #expect(byName.id == created[1].id)
            #expect(byID.key == "edge1")
        }
    }
}
