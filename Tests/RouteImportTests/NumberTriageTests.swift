import Foundation
import Testing
@testable import RouteImport
import RouteModel

/// A numbers file decided against an account as listed into a journal, with no I/O but files:
/// which rows are invalid and why, which are unchanged, and what an assignment sends.
@Suite struct NumberTriageTests {
    private final class Fixture {
        let directory: String
        let journal: Journal

        init(dialect: Dialect) throws {
            directory = NSTemporaryDirectory() + "numbers-triage-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            journal = try Journal.create(path: directory + "/j", identity: .numbers(dialect: dialect.rawValue, inputHeader: []))
            try journal.clearAccount()
            try journal.addToAccount([("ID-old", "old", nil), ("ID-new", "new", nil), ("ID-x", "twin", nil), ("ID-y", "twin", nil),
                                      ("ID-f", "backup", nil)])
            try journal.indexAccount()
            try journal.addNumbers([
                (try PhoneNumber(parsing: "+12065550100"), NumberRouting(primary: "ID-old", failover: "ID-f")),
                (try PhoneNumber(parsing: "+12065550101"), NumberRouting(primary: "ID-new")),
                (try PhoneNumber(parsing: "+12065550102"), .none),
            ])
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        func decide(_ csv: String, dialect: Dialect, planning: Bool = false) throws -> [RowTriage.Decision] {
            let path = directory + "/numbers.csv"
            try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
            var rows = NumberRows(source: try NumberRowSource(path: path, dialect: dialect, options: ImportOptions()),
                                  triage: NumberTriage(journal: journal, dialect: dialect, planning: planning),
                                  previous: PreviousRows(journal: nil))
            var decisions: [RowTriage.Decision] = []
            while let decision = try rows.next() { decisions.append(decision) }
            return decisions
        }
    }

    private func error(_ decision: RowTriage.Decision) -> String? {
        if case .done(let result) = decision, result.status == .invalid { return result.error }
        return nil
    }

    private func assignment(_ decision: RowTriage.Decision) -> NumberAssignment? {
        if case .send(let row) = decision, case .assign(let assignment) = row.action { return assignment }
        return nil
    }

    @Test func routesByNameOrIdAndTheNumbersRoutesBefore() throws {
        let fixture = try Fixture(dialect: .telegent)
        let decisions = try fixture.decide("Number,Route\n+12065550100,new\n12065550102,ID-old\n", dialect: .telegent)
        // A Telegent number has one route: the listed failover (which Telegent never lists) is not carried on.
        #expect(assignment(decisions[0]) == NumberAssignment(
            number: try PhoneNumber(parsing: "+12065550100"), to: NumberRouting(primary: "ID-new"),
            from: NumberRouting(primary: "ID-old", failover: "ID-f")))
        #expect(assignment(decisions[1])?.to == NumberRouting(primary: "ID-old"))
        #expect(assignment(decisions[1])?.from == NumberRouting.none)
    }

    @Test func aNumberAlreadyThereIsUnchangedAndAPlanSendsNothing() throws {
        let fixture = try Fixture(dialect: .telegent)
        let decisions = try fixture.decide("Number,Route\n+12065550101,new\n+12065550100,new\n", dialect: .telegent, planning: true)
        guard case .done(let unchanged) = decisions[0], case .done(let planned) = decisions[1] else {
            Issue.record("expected results, got \(decisions)")
            return
        }
        #expect(unchanged.status == .unchanged)
        #expect(planned.status == .toAssign)
    }

    @Test func everyBadRowSaysWhatIsWrong() throws {
        let fixture = try Fixture(dialect: .telegent)
        let decisions = try fixture.decide("""
            Number,Route
            1.2065550100E+10,new
            +12065550199,new
            +12065550100,nowhere
            +12065550100,twin
            +12065550101,
            +12065550101,old
            +12065550101,new
            """, dialect: .telegent)
        #expect(error(decisions[0])?.contains("Number: \"1.2065550100E+10\" is not a phone number: it looks like a spreadsheet") == true)
        #expect(error(decisions[1]) == "the account has no number +12065550199")
        #expect(error(decisions[2]) == "Route: the account has no route named or with the id \"nowhere\"")
        #expect(error(decisions[3]) == "Route: 2 routes are named \"twin\" (ID-x, ID-y): give the id of the one you mean")
        #expect(error(decisions[4])?.hasPrefix("Route: empty") == true)
        #expect(assignment(decisions[5]) != nil)
        #expect(error(decisions[6]) == "+12065550101 is also in row 6: which routes it is to use is unclear")
    }

    @Test func aNameThatIsAnotherRoutesIdOrHidesACharacterIsNeverGuessed() throws {
        let fixture = try Fixture(dialect: .telegent)
        try fixture.journal.clearAccount()
        try fixture.journal.addToAccount([("ID-old", "old", nil), ("ID-new", "new", nil), ("ID-z", "ID-old", nil), ("ID-c", "Caf\u{E9}", nil)])
        try fixture.journal.indexAccount()
        let decisions = try fixture.decide("Number,Route\n+12065550100,ID-old\n+12065550100,\u{FEFF}new\n+12065550101,Cafe\u{301}\n"
            + "+12065550102,ne\u{0}w\n", dialect: .telegent)
        #expect(error(decisions[0]) == "Route: \"ID-old\" is the id of one route and the name of another (ID-z): rename that one, "
            + "or give the other's id")
        #expect(error(decisions[1]) == "Route: the account has no route named or with the id \"\u{FEFF}new\" (it holds the invisible character U+FEFF)")
        #expect(error(decisions[2])?.hasSuffix("(route ID-c has the same name in another Unicode form: its accents are written otherwise)") == true)
        #expect(error(decisions[3]) == "Route: contains a NUL character (\\0), which no number or route name has")
    }

    @Test func aKeptFailoverMayNotBecomeThePrimary() throws {
        let fixture = try Fixture(dialect: .flowrouteV2)
        let decisions = try fixture.decide("Number,Route\n+12065550100,backup\n", dialect: .flowrouteV2)
        #expect(error(decisions[0])?.hasPrefix("Route: backup is the number's failover route, which it keeps without a FailoverRoute column") == true)
    }

    @Test func flowrouteFailoverIsKeptSetOrTakenAway() throws {
        let fixture = try Fixture(dialect: .flowrouteV2)
        let kept = try fixture.decide("Number,Route\n+12065550100,new\n", dialect: .flowrouteV2)
        #expect(assignment(kept[0])?.to == NumberRouting(primary: "ID-new", failover: "ID-f"))
        let set = try fixture.decide("Number,Route,FailoverRoute\n+12065550100,new,old\n+12065550101,new,\n+12065550102,new,new\n",
                                     dialect: .flowrouteV2)
        #expect(assignment(set[0])?.to == NumberRouting(primary: "ID-new", failover: "ID-old"))
        #expect(assignment(set[1]) == nil) // already on ID-new with no failover: unchanged
        #expect(error(set[2]) == "FailoverRoute: new is the same route as Route")
    }

    @Test func headersThatCannotBeReadAreRefusedBeforeAnyRow() throws {
        let fixture = try Fixture(dialect: .telegent)
        let cases: [(String, Dialect, String)] = [
            ("Number,Route,FailoverRoute\n", .telegent, "a Telegent number has one voice route"),
            ("Number,Rout\n", .telegent, "column 2 \"Rout\" is not a numbers column: expected the header Number,Route"),
            ("Number\n", .flowrouteV1, "no Route column: expected the header Number,Route,FailoverRoute"),
            ("Number,Route,TN\n", .telegent, "columns 1 and 3 are both Number"),
            ("Number;Route\n+12065550100;new\n", .telegent, ""),
        ]
        for (csv, dialect, message) in cases {
            if message.isEmpty {
                #expect(try assignment(fixture.decide(csv, dialect: dialect)[0]) != nil, "a ;-separated file is read as one")
                continue
            }
            #expect {
                _ = try fixture.decide(csv, dialect: dialect)
            } throws: { error in
                "\(error)".contains(message)
            }
        }
    }

    @Test func anAssignmentSurvivesTheJournal() throws {
        let assignment = NumberAssignment(number: try PhoneNumber(parsing: "+12065550100"),
                                          to: NumberRouting(primary: "a", failover: nil), from: NumberRouting(primary: nil, failover: "b"))
        #expect(NumberAssignment(json: try JSON(parsing: Array(assignment.json.serialized.utf8))) == assignment)
        #expect(assignment.reversed.reversed == assignment)
    }
}
