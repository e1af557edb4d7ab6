@testable import RouteImport
import RouteModel
import Testing

@Suite("undo's decisions, without I/O")
struct UndoStepTests {
    private func route(_ assignments: String...) throws -> Route {
        try Route.parse(assignments: assignments, dialect: .telegent)
    }

    private func listed(_ id: String, _ assignments: String...) throws -> Route {
        var route = try Route.parse(assignments: assignments, dialect: .telegent)
        route["CallRouteId"] = .string(id)
        return route
    }

    @Test("a created route as the import left it is deleted; text that types the same is the same")
    func createdUnchanged() throws {
        let sent = try route("RouteName=a", "RouteType=Trunk", "TrunkIp1=10.0.0.1", "TrunkPort1=5061", "TrunkTransport1=udp")
        let current = try listed("CRID-1", "RouteName=a", "RouteType=Trunk", "TrunkIp1=10.0.0.1", "TrunkPort1=5061",
                                 "TrunkTransport1=UDP", "RouteEnabled=true")
        let step = UndoStep.decide(.init(status: .created, id: "CRID-1", sent: sent), current: current)
        #expect(step.action == .delete(id: "CRID-1"))
        #expect(step.doneStatus == .deleted)
    }

    @Test("a created route changed since is left alone, with what differs")
    func createdDrifted() throws {
        let sent = try route("RouteName=a", "RouteType=Trunk", "TrunkIp1=10.0.0.1", "TrunkPort1=5061", "TrunkTransport1=UDP")
        let current = try listed("CRID-1", "RouteName=a", "RouteType=Trunk", "TrunkIp1=10.0.0.1", "TrunkPort1=5070", "TrunkTransport1=UDP")
        let step = UndoStep.decide(.init(status: .created, id: "CRID-1", sent: sent), current: current)
        #expect(step.action == .leave(.drifted))
        #expect(step.note == "changed since the import, left alone: TrunkPort1 5061 imported, 5070 now")
    }

    @Test("a route no longer listed is gone, created or updated")
    func gone() throws {
        let sent = try route("RouteName=a", "TrunkPort1=5061")
        #expect(UndoStep.decide(.init(status: .created, id: "CRID-1", sent: sent), current: nil).action == .leave(.gone))
        let updated = UndoStep.decide(.init(status: .updated, id: "CRID-1", sent: sent, before: sent), current: nil)
        #expect(updated.action == .leave(.gone))
        #expect(updated.note.contains("nothing to restore"))
    }

    @Test("an updated route as the import left it gets its earlier values back on the fields changed")
    func restore() throws {
        let before = try listed("CRID-2", "RouteName=b", "RouteType=Trunk", "TrunkIp1=10.0.0.2", "TrunkPort1=5060", "TrunkTransport1=UDP")
        let sent = try route("TrunkPort1=5062", "TrunkTransport1=TCP")
        let current = before.merging(sent)
        let step = UndoStep.decide(.init(status: .updated, id: "CRID-2", sent: sent, before: before), current: current)
        #expect(step.action == .restore(id: "CRID-2", changes: try route("TrunkPort1=5060", "TrunkTransport1=UDP")))
        #expect(step.doneStatus == .restored)
        #expect(step.note.isEmpty)
    }

    @Test("an updated route changed again since, or given a field since, is drifted")
    func updatedDrifted() throws {
        let before = try listed("CRID-2", "RouteName=b", "RouteType=Trunk", "TrunkIp1=10.0.0.2", "TrunkPort1=5060", "TrunkTransport1=UDP")
        let sent = try route("TrunkPort1=5062")
        let changed = before.merging(try route("TrunkPort1=5063"))
        let step = UndoStep.decide(.init(status: .updated, id: "CRID-2", sent: sent, before: before), current: changed)
        #expect(step.action == .leave(.drifted))
        #expect(step.note.hasSuffix("TrunkPort1 5062 imported, 5063 now"))
        let added = before.merging(sent).merging(try route("TrunkIp2=10.9.9.9"))
        let other = UndoStep.decide(.init(status: .updated, id: "CRID-2", sent: sent, before: before), current: added)
        #expect(other.action == .leave(.drifted))
        #expect(other.note.hasSuffix("TrunkIp2 (none) imported, 10.9.9.9 now"))
    }

    @Test("a route already back as it was before the import has nothing to undo")
    func alreadyRestored() throws {
        let before = try listed("CRID-2", "RouteName=b", "RouteType=Trunk", "TrunkIp1=10.0.0.2", "TrunkPort1=5060", "TrunkTransport1=UDP")
        let step = UndoStep.decide(.init(status: .updated, id: "CRID-2", sent: try route("TrunkPort1=5062"), before: before),
                                   current: before)
        #expect(step.action == .leave(.nothingToUndo))
    }

    @Test("a field the import added, and a secret it sent, cannot be put back: partly restored, saying which")
    func partlyRestored() throws {
        let before = try listed("CRID-3", "RouteName=c", "RouteType=URL", "VoiceUrl=https://a.example/v", "VoiceUrlMethod=GET")
        let sent = try route("VoiceUrlMethod=POST", "CallbackVoiceUrl=https://a.example/cb")
        let step = UndoStep.decide(
            .init(status: .updated, id: "CRID-3", sent: sent, sentSecrets: ["VoicePasswordToken"], before: before),
            current: before.merging(sent))
        #expect(step.action == .restore(id: "CRID-3", changes: try route("VoiceUrlMethod=GET")))
        #expect(step.doneStatus == .partlyRestored)
        #expect(step.unrestorable.count == 2)
        #expect(step.note.contains("CallbackVoiceUrl: added by the import"))
        #expect(step.note.contains("VoicePasswordToken: a secret"))

        let onlyAdded = UndoStep.decide(.init(status: .updated, id: "CRID-3", sent: try route("CallbackVoiceUrl=https://a.example/cb"),
                                              before: before),
                                        current: before.merging(try route("CallbackVoiceUrl=https://a.example/cb")))
        #expect(onlyAdded.action == .leave(.partlyRestored))
    }

    @Test("rows that changed nothing have nothing to undo; a journal without the records fails the row")
    func nothingToUndo() throws {
        for status in [RowStatus.exists, .invalid, .failed, .unprocessed] {
            let step = UndoStep.decide(.init(status: status, id: ""), current: nil)
            #expect(step.action == .leave(.nothingToUndo))
            #expect(step.note.contains(status.rawValue))
        }
        let current = try listed("CRID-4", "RouteName=d")
        #expect(UndoStep.decide(.init(status: .updated, id: "CRID-4", sent: nil), current: current).action == .leave(.failed))
    }

    @Test("undo asks on a terminal, goes on with --yes or --plan or nothing to send, refuses unasked otherwise")
    func consent() {
        let counts = UndoCounts([.toDelete: 12, .toRestore: 3, .drifted: 1, .nothingToUndo: 4])
        #expect(counts.description == "undo will delete 12 routes and restore 3; 1 drifted route left alone")
        #expect(UndoConsent.decide(counts, plan: false, yes: false, terminal: true)
            == .ask("undo will delete 12 routes and restore 3; 1 drifted route left alone. Proceed?"))
        #expect(UndoConsent.decide(counts, plan: false, yes: true, terminal: false) == .proceed)
        #expect(UndoConsent.decide(counts, plan: true, yes: false, terminal: false) == .proceed)
        #expect(UndoConsent.decide(UndoCounts([.drifted: 2]), plan: false, yes: false, terminal: false) == .proceed)
        guard case .refuse(let reason) = UndoConsent.decide(counts, plan: false, yes: false, terminal: false) else {
            Issue.record("an undo without a terminal and without --yes went ahead")
            return
        }
        #expect(reason.contains("--yes"))
    }

    @Test("RESULTS.csv → RESULTS.undo.csv beside it, and RESULTS.undo-plan.csv for a plan")
    func resultsPath() {
        #expect(UndoOptions.defaultPlanPath(forImportResults: "/d/routes.results.csv") == "/d/routes.results.undo-plan.csv")
        #expect(UndoOptions.defaultResultsPath(forImportResults: "/d/routes.results.csv") == "/d/routes.results.undo.csv")
        #expect(UndoOptions.defaultResultsPath(forImportResults: "out") == "out.undo.csv")
        #expect(UndoOptions.defaultResultsPath(forImportResults: "/a.b/out") == "/a.b/out.undo.csv")
    }
}
