import Testing
@testable import RouteImport

@Suite struct ChangeThresholdTests {
    @Test func moreThanAQuarterAndAtLeastTenIsRefused() {
        let threshold = ChangeThreshold()
        #expect(!threshold.exceeded(changes: 25, existing: 100))
        #expect(threshold.exceeded(changes: 26, existing: 100))
        #expect(!threshold.exceeded(changes: 9, existing: 9), "fewer than ten changes are never refused by default")
        #expect(threshold.exceeded(changes: 10, existing: 10))
        #expect(!threshold.exceeded(changes: 10, existing: 40))
        #expect(threshold.refusal(changes: 26, existing: 100, verb: "update") ==
            "nothing was sent: this would update 26 of the account's 100 existing routes (26 %), more than the 25 % "
            + "allowed without --force; see them with --plan, then give --force to go ahead, or --max-changes 26 to allow this many")
        #expect(threshold.refusal(changes: 25, existing: 100, verb: "update") == nil)
    }

    @Test func maxChangesReplacesTheDefaultRule() {
        let strict = ChangeThreshold(maxChanges: 3)
        #expect(!strict.exceeded(changes: 3, existing: 3))
        #expect(strict.exceeded(changes: 4, existing: 1000))
        #expect(strict.refusal(changes: 4, existing: 1000, verb: "delete") ==
            "nothing was sent: this would delete 4 routes, more than --max-changes 3; see them with --plan, "
            + "then give --force to go ahead, or --max-changes 4 to allow this many")
        let loose = ChangeThreshold(maxChanges: 500)
        #expect(!loose.exceeded(changes: 500, existing: 500))
        #expect(ChangeThreshold(maxChanges: 0).exceeded(changes: 1, existing: 1))
    }

    @Test func forceAllowsAnythingButTheExcessIsStillKnown() {
        let forced = ChangeThreshold(force: true)
        #expect(forced.refusal(changes: 1000, existing: 1000, verb: "update") == nil)
        #expect(forced.exceeded(changes: 1000, existing: 1000))
        #expect(!forced.stops(changes: 1000, existing: 1000))
        #expect(ChangeThreshold().stops(changes: 1000, existing: 1000))
    }

    @Test func aShareJustOverTheLimitReadsAsMore() {
        #expect(ChangeThreshold.percent(5_001, of: 20_000) == "25.1")
        #expect(ChangeThreshold.percent(5_000, of: 20_000) == "25")
        #expect(ChangeThreshold.percent(5_200, of: 20_000) == "26")
        #expect(ChangeThreshold().warning(changes: 5_001, existing: 20_000, verb: "update").contains("(25.1 %)"))
    }
}
