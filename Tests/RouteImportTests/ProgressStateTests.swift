import Synchronization
import Testing
@testable import RouteImport

/// What the progress line says and when, on a virtual clock.
@Suite struct ProgressStateTests {
    typealias State = ProgressState<ContinuousClock.Instant>
    let start = ContinuousClock.now

    func at(_ seconds: Double) -> ContinuousClock.Instant { start + .milliseconds(Int(seconds * 1000)) }

    @Test func aLogLineComesEveryThirtySeconds() {
        var state = State(total: 100, interval: .seconds(30), start: start, live: false)
        let counts = State.Counts(done: 1, thisRun: 1)
        #expect(state.update(counts, now: at(0.5)) == nil)  // a short import logs only its summary
        #expect(state.update(counts, now: at(29)) == nil)
        #expect(state.update(counts, now: at(30.5)) == "1/100 rows · 0.0 rows/s · 0 errors · ETA 50m20s")
        #expect(state.update(counts, now: at(45)) == nil)
        #expect(state.update(counts, now: at(61)) != nil)
    }

    @Test func aTerminalLineIsDrawnAtOnceAndAtMostTenTimesASecond() {
        var state = State(total: nil, interval: .milliseconds(100), start: start, live: true)
        let counts = State.Counts(done: 1, thisRun: 1)
        #expect(state.update(counts, now: at(0.01)) != nil)
        #expect(state.update(counts, now: at(0.05)) == nil)
        #expect(state.update(counts, now: at(0.12)) != nil)
    }

    @Test func retriesAndLookupsShowOnlyWhenThereAreSome() {
        let state = State(total: nil, interval: .seconds(30), start: start, live: false)
        let quiet = state.text(State.Counts(done: 5, thisRun: 5), now: at(5))
        #expect(quiet == "5 rows · 1.0 rows/s · 0 errors")
        let one = state.text(State.Counts(done: 5, thisRun: 5, errors: 1, retries: 1), now: at(5))
        #expect(one == "5 rows · 1.0 rows/s · 1 error · 1 retry")
        let busy = state.text(State.Counts(done: 5, thisRun: 5, errors: 1, retries: 3, awaitingLookup: 2), now: at(5))
        #expect(busy == "5 rows · 1.0 rows/s · 1 error · 3 retries · 2 awaiting lookup")
    }

    @Test func aPauseIsShownAtOnceAndGoesWhenItEnds() {
        var state = State(total: nil, interval: .seconds(30), start: start, live: false)
        var counts = State.Counts(done: 5, thisRun: 5)
        #expect(state.update(counts, now: at(31)) != nil)
        counts.pausedUntil = at(151)
        // Within the interval, but nothing else will move for two minutes: shown now.
        #expect(state.update(counts, now: at(31)) == "5 rows · 0.2 rows/s · 0 errors · paused 2m00s (the server's Retry-After)")
        // Lengthened by a later 429, it is shown again only in turn.
        counts.pausedUntil = at(152)
        #expect(state.update(counts, now: at(40)) == nil)
        #expect(state.update(counts, now: at(62))?.hasSuffix("paused 1m30s (the server's Retry-After)") == true)
        counts.done = 6
        counts.thisRun = 6
        #expect(state.text(counts, now: at(153)) == "6 rows · 0.0 rows/s · 0 errors")
        // A pause that ends before the next line is due is not worth one of its own.
        var short = State(total: nil, interval: .seconds(30), start: start, live: false)
        #expect(short.update(State.Counts(done: 1, thisRun: 1), now: at(31)) != nil)
        #expect(short.update(State.Counts(done: 1, thisRun: 1, pausedUntil: at(41)), now: at(40)) == nil)
        // The ETA counts the pause that is left.
        let finite = State(total: 10, interval: .seconds(30), start: start, live: false)
        var paused = State.Counts(done: 5, thisRun: 5)
        paused.pausedUntil = at(65)
        #expect(finite.text(paused, now: at(5)) == "5/10 rows · 1.0 rows/s · 0 errors · paused 1m00s (the server's Retry-After) · ETA 1m05s")
    }

    @Test func theETAFollowsTheRecentRateNotTheRunsAverage() {
        var state = State(total: 20_000, interval: .seconds(30), start: start, live: false)
        // Ten minutes at 10 rows/s, then five at 1 row/s (a provider that started throttling).
        var rows = 0
        for second in stride(from: 10, through: 600, by: 10) {
            rows += 100
            _ = state.update(State.Counts(done: rows, thisRun: rows), now: at(Double(second)))
        }
        for second in stride(from: 610, through: 900, by: 10) {
            rows += 10
            _ = state.update(State.Counts(done: rows, thisRun: rows), now: at(Double(second)))
        }
        let text = state.text(State.Counts(done: rows, thisRun: rows), now: at(900))
        #expect(text.hasPrefix("6,300/20,000 rows · 1.0 rows/s · 0 errors · ETA "))
        // 13,700 rows left at 1 row/s: 3h48m, not the 33 minutes the run's average would give.
        #expect(text.hasSuffix("ETA 3h48m"))
    }

    @Test func rowsCarriedOverFromAnEarlierRunDoNotCountAsSpeed() {
        var state = State(total: 1_000, interval: .seconds(30), start: start, live: false)
        _ = state.update(State.Counts(done: 900, thisRun: 0), now: at(0.1))
        let text = state.text(State.Counts(done: 910, thisRun: 10), now: at(10))
        #expect(text.hasPrefix("910/1,000 rows · 1.0 rows/s"))
    }
}

/// The progress line's shell: a live line keeps counting a pause down when no row moves.
@Suite struct ProgressLineTests {
    @Test func aLiveLineIsRedrawnEverySecondOfAPauseAndNeverAfterItIsCleared() async throws {
        let drawn = Mutex<[String]>([])
        let line = ProgressLine(live: true) { text in drawn.withLock { $0.append(text) } }
        line.begin(total: 10)
        var counts = ProgressLine.Counts(done: 2, thisRun: 2)
        counts.pausedUntil = ContinuousClock.now + .seconds(120)
        line.update(counts)
        // Waits for two redraws, however busy the machine (the suites run side by side).
        let pauses = { drawn.withLock { $0 }.filter { $0.contains("paused ") } }
        let deadline = ContinuousClock.now + .seconds(60)
        while pauses().count < 3, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(pauses().count >= 3, "\(pauses())")
        #expect(Set(pauses()).count == pauses().count, "the countdown moves: \(pauses())")
        line.clear()
        let afterClear = drawn.withLock { $0.count }
        try await Task.sleep(for: .milliseconds(2500))
        #expect(drawn.withLock { $0.count } == afterClear)
    }
}
