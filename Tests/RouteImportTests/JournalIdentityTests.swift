import Foundation
import RouteClient
import RouteImport
import RouteModel
import Testing

/// A journal names the import that wrote it: `--resume` and `--verify` with another provider,
/// another `--from` or another `--include-input` are refused as usage errors before anything is
/// sent or compared.
@Suite struct JournalIdentityTests {
    private func usageError(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
        } catch let error as ImportError {
            #expect(error.exitStatus == .usage, "\(error)")
            return error.description
        } catch {
            Issue.record("unexpected \(error)")
        }
        return nil
    }

    @Test func verifyAndResumeAgainstAnotherProvidersAccountAreRefused() async throws {
        let telegent = try await ImportHarness.start(.telegent)
        defer { Task { await telegent.stop() } }
        let flowroute = try await ImportHarness.start(.flowrouteV2)
        defer { Task { await flowroute.stop() } }
        let path = try telegent.write("r.csv", "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1\nr1,Trunk,10.0.0.1,5060,UDP\n")
        _ = try await telegent.importFile(path)

        let verifying = Importer(inputPath: path, dialect: .flowrouteV2, options: ImportOptions(), service: flowroute.service)
        let verifyError = await usageError { _ = try await verifying.verify() }
        #expect(verifyError?.contains("is the journal of a telegent import; this one is flowroute-v2") == true)

        var resuming = ImportOptions()
        resuming.resume = true
        resuming.from = .telegent
        let resumeError = await usageError {
            _ = try await Importer(inputPath: path, dialect: .flowrouteV2, options: resuming, service: flowroute.service).run()
        }
        #expect(resumeError?.contains("is the journal of a telegent import; this one is flowroute-v2") == true)
        #expect(try await flowroute.serverRoutes().keys.filter { $0 != "sip-reg" }.isEmpty, "nothing sent to the other account")
    }

    @Test func verifyOfAnUndoJournalOrAnotherInputsJournalIsRefused() async throws {
        let harness = try await ImportHarness.start(.telegent)
        defer { Task { await harness.stop() } }
        let a = try harness.write("a.csv", trunkCSV(0..<3, prefix: "a"))
        let b = try harness.write("b.csv", trunkCSV(0..<3, prefix: "b"))
        _ = try await harness.importFile(a)
        let aResults = harness.directory + "/a.results.csv"
        _ = try await harness.undo(aResults)

        func verify(_ input: String, results: String) async throws -> Verification {
            var options = ImportOptions()
            options.resultsPath = results
            return try await Importer(inputPath: input, dialect: .telegent, options: options, service: harness.service).verify()
        }
        let undoJournal = await usageError { _ = try await verify(a, results: harness.directory + "/a.results.undo.csv") }
        #expect(undoJournal?.contains("is the journal of an undo: --verify checks an import") == true)
        let otherInput = await usageError { _ = try await verify(b, results: aResults) }
        #expect(otherInput?.contains("row 1 is \"b-0\" now but was \"a-0\" then") == true)
        let otherColumns = try harness.write("c.csv", "RouteName,RouteType,TrunkIp1,TrunkPort1\na-0,Trunk,10.0.0.1,5061\n")
        let columns = await usageError { _ = try await verify(otherColumns, results: aResults) }
        #expect(columns?.contains("is the journal of an input with other columns") == true)
        #expect(try await verify(a, results: aResults).rows == 3, "the import's own journal still verifies")
    }

    @Test func resumeWithoutTheIncludeInputOrFromOfTheFirstRunIsRefused() async throws {
        let harness = try await ImportHarness.start(.telegent)
        defer { Task { await harness.stop() } }
        let path = try harness.write("r.csv", "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1\nr1,Trunk,10.0.0.1,5060,UDP\n")
        _ = try await harness.importFile(path) { $0.includeInput = true }
        let written = try String(contentsOfFile: harness.directory + "/r.results.csv", encoding: .utf8)
        let withoutInput = await usageError { _ = try await harness.importFile(path) { $0.resume = true } }
        #expect(withoutInput?.contains("run with --include-input, which decides the result file's columns") == true)
        #expect(try String(contentsOfFile: harness.directory + "/r.results.csv", encoding: .utf8) == written,
                "the refused run leaves the result file as it was")
        // The same again with it goes ahead.
        let resumed = try await harness.importFile(path) { $0.resume = true; $0.includeInput = true }
        #expect(resumed.counts == [.created: 1])

        let flowroute = try harness.write("f.csv", "alias,route_type,value\nf1,host,10.0.0.2:5060\n")
        _ = try await harness.importFile(flowroute) { $0.from = .flowroute }
        let withoutFrom = await usageError { _ = try await harness.importFile(flowroute) { $0.resume = true } }
        #expect(withoutFrom == harness.directory + "/f.results.csv.journal is the journal of an import run with --from flowroute: "
            + "resume it the same way")
    }

    @Test func headerProblemsNameTheFile() async throws {
        let harness = try await ImportHarness.start(.telegent)
        defer { Task { await harness.stop() } }
        let twice = try harness.write("twice.csv", "alias,alias,route_type,value\na,b,host,10.0.0.1:5060\n")
        let error = await usageError { _ = try await harness.importFile(twice) { $0.from = .flowroute } }
        #expect(error == "\(twice): header: columns 1 and 2 are both alias")
        let unknown = try harness.write("unknown.csv", "RouteName,Notes\na,b\n")
        let unknownError = await usageError { _ = try await harness.importFile(unknown) }
        #expect(unknownError?.hasPrefix("\(unknown): header: unknown field \"Notes\"") == true)
    }
}
