import Foundation
import RouteImport
import RouteModel
import Testing

@Suite("import against the sandbox")
struct ImportTests {
    @Test("every row is created once, results in input order, the journal kept beside them")
    func happyPath() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let input = try harness.write("routes.csv", trunkCSV(0..<120))
        let summary = try await harness.importFile(input)

        #expect(summary.exitStatus == .success)
        #expect(summary.counts[.created] == 120)
        let results = try harness.results(harness.directory + "/routes.results.csv")
        #expect(results.map { $0["row"] } == (1...120).map { String($0) })
        #expect(results.map { $0["line"] } == (2...121).map { String($0) })
        #expect(results.allSatisfy { $0["status"] == "created" && $0["CallRouteId"]?.hasPrefix("CRID-") == true })
        #expect(results.allSatisfy { $0["attempts"] == "1" && $0["http_status"] == "200" })
        let server = try await harness.serverRoutes()
        #expect(server.count == 120)
        #expect(server.values.allSatisfy { $0.count == 1 })
        #expect(Set(results.compactMap { $0["CallRouteId"] }) == Set(server.values.flatMap { $0 }))
        #expect(FileManager.default.fileExists(atPath: harness.directory + "/routes.results.csv.journal"))
    }

    @Test("a second import of the same file creates nothing: every row exists, with its id")
    func secondImportCreatesNothing() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let input = try harness.write("routes.csv", trunkCSV(0..<60))
        _ = try await harness.importFile(input)
        let first = try harness.results(harness.directory + "/routes.results.csv")

        let second = try await harness.importFile(input) { $0.resultsPath = harness.directory + "/again.csv" }
        #expect(second.exitStatus == .success)
        #expect(second.counts[.exists] == 60)
        let again = try harness.results(harness.directory + "/again.csv")
        #expect(again.map { $0["CallRouteId"] } == first.map { $0["CallRouteId"] })
        #expect(again.allSatisfy { $0["status"] == "exists" && $0["attempts"] == "0" })
        #expect(try await harness.serverRoutes().count == 60)
    }

    @Test("BOM, CRLF, quoted line breaks and invalid rows: the right statuses and line numbers")
    func messyInput() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let text = "\u{FEFF}route_name,Route Type,trunk_ip_1,TrunkPort1,TrunkTransport1,VoiceUrl,VoiceUrlMethod\r\n"
            + "alpha,Trunk,10.0.0.1,5061,UDP,,\r\n"
            + "beta,Trunk,\"10.0.0.2\r\nnot an address\",5061,UDP,,\r\n"
            + "\r\n"
            + "\"gamma, with a comma\",Trunk,10.0.0.3,5061,TLS,,\r\n"
            + "delta,Bogus,10.0.0.4,5061,UDP,,\r\n"
            + "epsilon,URL,,,,,\r\n"
            + "alpha,Trunk,10.0.0.9,5061,UDP,,\r\n"
            + "zeta,Trunk,10.0.0.5\r\n"
            + "\"eta\",URL,,,,\"https://example.com/a\r\nb\",POST\r\n"
            + "theta,URL,,,,https://example.com/voice,GET\r\n"
        let input = try harness.write("messy.csv", text)
        let summary = try await harness.importFile(input)

        #expect(summary.exitStatus == .partialFailure)
        let results = try harness.results(harness.directory + "/messy.results.csv")
        let byName = Dictionary(grouping: results) { $0["RouteName"] ?? "" }
        func only(_ name: String) -> [String: String] { byName[name]?.first ?? [:] }
        #expect(results.map { $0["row"] } == (1...9).map { String($0) })
        #expect(results.map { $0["line"] } == ["2", "3", "6", "7", "8", "9", "10", "11", "13"])
        #expect(only("alpha")["status"] == "created")
        #expect(only("alpha")["line"] == "2")
        #expect(only("beta")["status"] == "invalid")
        #expect(only("beta")["line"] == "3")
        #expect(only("beta")["error"]?.contains("TrunkIp1") == true)
        #expect(only("gamma, with a comma")["status"] == "created")
        #expect(only("gamma, with a comma")["line"] == "6")
        #expect(only("delta")["status"] == "invalid")
        #expect(only("delta")["error"]?.contains("RouteType") == true)
        #expect(only("epsilon")["status"] == "invalid")
        #expect(only("epsilon")["error"]?.contains("VoiceUrl") == true)
        #expect(byName["alpha"]?.last?["status"] == "invalid")
        #expect(byName["alpha"]?.last?["error"] == "duplicate RouteName in row 1")
        #expect(byName["alpha"]?.last?["line"] == "9")
        #expect(only("zeta")["status"] == "invalid")
        #expect(only("zeta")["line"] == "10")
        #expect(only("zeta")["error"]?.contains("line 10") == true)
        #expect(only("eta")["line"] == "11")
        #expect(only("theta")["status"] == "created")
        #expect(only("theta")["line"] == "13")
        #expect(results.filter { $0["status"] == "invalid" }.allSatisfy { $0["attempts"] == "0" })
        #expect(try await harness.serverRoutes().keys.sorted() == ["alpha", "gamma, with a comma", "theta"]
            + (only("eta")["status"] == "created" ? ["eta"] : []).sorted())
    }

    @Test("unknown and duplicate columns stop the import before any request, saying what was meant")
    func badHeader() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let unknown = try harness.write("unknown.csv", "RouteName,RouteTipe,TrunkIp1\nx,Trunk,10.0.0.1\n")
        await #expect {
            _ = try await harness.importFile(unknown)
        } throws: { error in
            "\(error)".contains("did you mean RouteType")
        }
        let duplicate = try harness.write("duplicate.csv", "RouteName,TrunkIp1,trunk_ip_1\nx,10.0.0.1,10.0.0.2\n")
        await #expect { _ = try await harness.importFile(duplicate) } throws: { "\($0)".contains("columns 2 and 3") }
        let keyless = try harness.write("keyless.csv", "RouteType,TrunkIp1\nTrunk,10.0.0.1\n")
        await #expect { _ = try await harness.importFile(keyless) } throws: { "\($0)".contains("no RouteName column") }
        #expect(try await harness.serverRoutes().isEmpty)
    }

    @Test("--dry-run sends nothing and says valid or invalid")
    func dryRun() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let input = try harness.write("dry.csv", trunkCSV(0..<5) + "bad,Trunk,not-an-ip,5061,UDP\nroute-0,Trunk,10.0.0.1,5061,UDP\n")
        let summary = try await harness.importFile(input) { $0.dryRun = true }
        #expect(summary.counts[.valid] == 5)
        #expect(summary.counts[.invalid] == 2)
        #expect(summary.exitStatus == .partialFailure)
        #expect(try await harness.serverRoutes().isEmpty)
    }

    @Test("--on-existing update changes the existing routes in place")
    func onExistingUpdate() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.importFile(try harness.write("v1.csv", trunkCSV(0..<20)))
        let changed = trunkCSV(0..<30).replacingOccurrences(of: ",5061,", with: ",5080,")
        // Every existing route changes: more than the threshold allows without --force.
        let summary = try await harness.importFile(try harness.write("v2.csv", changed)) {
            $0.onExisting = .update
            $0.threshold.force = true
        }
        #expect(summary.counts[.updated] == 20)
        #expect(summary.counts[.created] == 10)
        let routes = try await harness.service.list()
        #expect(routes.count == 30)
        #expect(routes.allSatisfy { $0.string("TrunkPort1") == "5080" })
    }

    @Test("--max-errors stops sending, marks the rest unprocessed and exits 2")
    func maxErrors() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        var text = "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1\n"
        for index in 0..<10 { text += "bad-\(index),Trunk,nope,5061,UDP\n" }
        text += String(trunkCSV(0..<500).drop { $0 != "\n" }.dropFirst())
        let summary = try await harness.importFile(try harness.write("errors.csv", text)) { $0.maxErrors = 3 }
        #expect(summary.exitStatus == .aborted)
        let results = try harness.results(harness.directory + "/errors.results.csv")
        #expect(results.count == 510)
        #expect(results.prefix(10).allSatisfy { $0["status"] == "invalid" })
        #expect(results.dropFirst(10).allSatisfy { $0["status"] == "unprocessed" })
        #expect(try await harness.serverRoutes().isEmpty)
    }

    @Test("--include-input appends the input's columns with secrets redacted")
    func includeInput() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let text = "RouteName,RouteType,VoiceUrl,VoiceUrlMethod,VoiceAuthenticationType,VoiceUsername,VoicePasswordToken\n"
            + "hook,URL,https://example.com/v,POST,Basic,me,s3cret\n"
        let summary = try await harness.importFile(try harness.write("secret.csv", text)) { $0.includeInput = true }
        #expect(summary.exitStatus == .success)
        let written = try String(contentsOfFile: harness.directory + "/secret.results.csv", encoding: .utf8)
        #expect(!written.contains("s3cret"))
        // The key column is in the results already, and is not repeated.
        let header = written.prefix { $0 != "\n" }.split(separator: ",")
        #expect(header.filter { $0 == "RouteName" }.count == 1)
        #expect(header.suffix(6) == ["RouteType", "VoiceUrl", "VoiceUrlMethod", "VoiceAuthenticationType", "VoiceUsername",
                                     "VoicePasswordToken"])
        let results = try harness.results(harness.directory + "/secret.results.csv")
        #expect(results.first?["VoicePasswordToken"] == "***")
        #expect(results.first?["VoiceUsername"] == "me")
    }

    @Test("a Flowroute v1 file goes through the same pipeline")
    func flowrouteV1() async throws {
        let harness = try await ImportHarness.start(.flowrouteV1)
        defer { Task { await harness.stop() } }
        let text = "route_name,type,value\n"
            + "host1,HOST,24.239.23.40:5060\n"
            + "pstn1,PSTN,16476998778\n"
            + "uri1,URI,sip:16476998778@example.com;transport=tcp\n"
            + "bad-name,HOST,24.239.23.40\n"
            + "pstn2,PSTN,123\n"
        let summary = try await harness.importFile(try harness.write("flowroute.csv", text))
        #expect(summary.counts[.created] == 3)
        #expect(summary.counts[.invalid] == 2)
        let results = try harness.results(harness.directory + "/flowroute.results.csv")
        #expect(results.first?["route_name"] == "host1")
        #expect(results.first?["id"] == "host1")
        #expect(results.first?["http_status"] == "201")
        let again = try await harness.importFile(try harness.write("flowroute.csv", text)) {
            $0.resultsPath = harness.directory + "/again.csv"
        }
        #expect(again.counts[.exists] == 3)
        #expect(try await harness.serverRoutes().keys.filter { $0 != "sip-reg" }.count == 3)
    }
}
