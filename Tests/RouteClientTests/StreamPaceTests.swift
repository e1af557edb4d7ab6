import Testing
@testable import RouteClient

@Suite struct StreamPaceTests {
    let start = ContinuousClock.now

    @Test func aTrickleIsGivenUpAfterAWholeWindowAndAFastStreamNever() {
        var trickle = StreamPace(since: start)
        // One byte every half second: the request timeout between bytes never fires.
        var kept = true
        for tick in 1...61 where kept { kept = trickle.add(1, at: start + .milliseconds(500 * tick)) }
        #expect(!kept)

        var fast = StreamPace(since: start)
        var fastKept = true
        for tick in 1...200 { fastKept = fastKept && fast.add(64 << 10, at: start + .seconds(tick)) }
        #expect(fastKept)
    }

    @Test func aSlowStartIsJudgedOverTheWholeWindowNotItsFirstBytes() {
        var pace = StreamPace(since: start)
        let early = pace.add(10, at: start + .seconds(29))
        let enough = pace.add(StreamPace.floor, at: start + .seconds(30))
        // The next window starts empty.
        let late = pace.add(1, at: start + .seconds(61))
        #expect(early && enough && !late)
    }
}
