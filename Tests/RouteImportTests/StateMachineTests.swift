import Testing
@testable import RouteImport

/// The settler's timing and the journal's row states, without I/O or a clock.
@Suite struct SettlerStateTests {
    typealias State = SettlerState<Int>

    @Test func aRowIsNotLookedUpBeforeItsSettleTime() {
        var state = State()
        #expect(state.enqueue(.init(id: 1, key: "a", due: 30), now: 0) == .wake(at: 30))
        #expect(state.woke(now: 10) == .wake(at: 30))
        #expect(state.woke(now: 30) == .lookUp([.init(id: 1, key: "a", due: 30)]))
    }

    @Test func oneLookupSettlesEveryRowThatIsDue() {
        var state = State()
        _ = state.enqueue(.init(id: 1, key: "a", due: 10), now: 0)
        _ = state.enqueue(.init(id: 2, key: "b", due: 12), now: 0)
        _ = state.enqueue(.init(id: 3, key: "c", due: 50), now: 0)
        #expect(state.woke(now: 20) == .lookUp([.init(id: 1, key: "a", due: 10), .init(id: 2, key: "b", due: 12)]))
        // Due during the lookup: waits for the next one, which must start after its settle time.
        #expect(state.enqueue(.init(id: 4, key: "d", due: 21), now: 22) == .none)
        #expect(state.lookupFinished(now: 25) == .lookUp([.init(id: 4, key: "d", due: 21)]))
        #expect(state.lookupFinished(now: 26) == .wake(at: 50))
    }

    @Test func aCancelledRowLeavesTheQueueUnlessItIsBeingLookedUp() {
        var state = State()
        _ = state.enqueue(.init(id: 1, key: "a", due: 10), now: 0)
        _ = state.enqueue(.init(id: 2, key: "b", due: 40), now: 0)
        #expect(state.woke(now: 10) == .lookUp([.init(id: 1, key: "a", due: 10)]))
        let cancelledInLookup = state.cancel(1)
        let cancelledWaiting = state.cancel(2)
        #expect(!cancelledInLookup)
        #expect(cancelledWaiting)
        #expect(state.lookupFinished(now: 11) == .none)
    }
}

@Suite struct JournalRowTests {
    @Test func everyStateHasOneSafeNextStep() {
        for status in RowStatus.allCases where status.isFinal && status != .invalid {
            #expect(JournalRow(status: status, intent: .create, mayHaveApplied: false).plan == .carryOver)
        }
        // An invalid row sent nothing: checked again, so a row fixed in the file goes out.
        #expect(JournalRow(status: .invalid, intent: nil, mayHaveApplied: false).plan == .fresh)
        // Sent, no outcome: may be on the service.
        #expect(JournalRow(status: nil, intent: .create, mayHaveApplied: true).plan == .resume(.create, settleAt: nil))
        #expect(JournalRow(status: nil, intent: .update(id: "X"), mayHaveApplied: true).plan
            == .resume(.update(id: "X"), settleAt: nil))
        // Failed or stopped with the outcome unknown since a known time: the same, from then.
        #expect(JournalRow(status: .failed, intent: .create, mayHaveApplied: true, settleAt: 5).plan
            == .resume(.create, settleAt: 5))
        #expect(JournalRow(status: .unprocessed, intent: .create, mayHaveApplied: true, settleAt: 5).plan
            == .resume(.create, settleAt: 5))
        // Known not to have been applied, or never sent: decided afresh.
        #expect(JournalRow(status: .failed, intent: .create, mayHaveApplied: false).plan == .fresh)
        #expect(JournalRow(status: .unprocessed, intent: nil, mayHaveApplied: false).plan == .fresh)
    }
}

@Suite struct SendGateStateTests {
    let start = ContinuousClock.now

    @Test func aimdHalvesOncePerRoundAndGrowsBack() {
        var gate = SendGateState(concurrency: 8, rate: nil)
        var tickets: [SendGateState.Ticket] = []
        for _ in 0..<8 {
            guard case .granted(let ticket, _) = gate.acquire(now: start) else { Issue.record("expected a slot"); return }
            tickets.append(ticket)
        }
        #expect(gate.acquire(now: start) == .full)
        // A burst of pushbacks from the same round halves the limit once.
        for ticket in tickets.prefix(4) { _ = gate.release(ticket, .throttled(retryAfter: nil), now: start) }
        #expect(gate.limit == 4)
        for ticket in tickets.dropFirst(4) { _ = gate.release(ticket, .success, now: start) }
        #expect(gate.limit == 5)
    }

    @Test func aThrottleWithRetryAfterPausesEveryone() {
        var gate = SendGateState(concurrency: 4, rate: nil)
        guard case .granted(let ticket, _) = gate.acquire(now: start) else { Issue.record("expected a slot"); return }
        _ = gate.release(ticket, .throttled(retryAfter: .seconds(2)), now: start)
        #expect(gate.acquire(now: start + .seconds(1)) == .paused(until: start + .seconds(2)))
        guard case .granted = gate.acquire(now: start + .seconds(2)) else { Issue.record("expected a slot after the pause"); return }
    }

    @Test func theRateSpacesRequestsEvenly() {
        var gate = SendGateState(concurrency: 10, rate: 4)
        var times: [ContinuousClock.Instant] = []
        for _ in 0..<3 {
            guard case .granted(_, let at) = gate.acquire(now: start) else { Issue.record("expected a slot"); return }
            times.append(at)
        }
        #expect(times == [start, start + .milliseconds(250), start + .milliseconds(500)])
    }

    @Test func hostileRatesStayFinite() {
        for rate in [0.0, -1, 1e-300, 1e300] {
            var gate = SendGateState(concurrency: 1, rate: rate)
            guard case .granted = gate.acquire(now: start) else { Issue.record("expected a slot"); return }
        }
    }
}

@Suite struct SendQueueStateTests {
    typealias Queue = SendQueueState<Int, String>

    @Test func workersStartOnlyAsQueuedRowsNeedThemUpToTheGatesCeiling() {
        var queue = Queue(sending: 4, most: 100, batch: 8)
        #expect(queue.workersToStart() == 0)
        #expect(queue.push([1, 2]).isEmpty)
        #expect(queue.workersToStart() == 2)
        #expect(queue.push(Array(3...10)).isEmpty)
        #expect(queue.workersToStart() == 2)
        #expect(queue.workersToStart() == 0)
        #expect(queue.workers == 4)
    }

    @Test func aRowWaitingForARetryOrALookupLetsOneMoreWorkerStart() {
        var queue = Queue(sending: 2, most: 3, batch: 8)
        _ = queue.push(Array(1...6))
        #expect(queue.workersToStart() == 2)
        queue.rowWaits(true)
        #expect(queue.workersToStart() == 1)
        queue.rowWaits(true)
        // Never more workers than the window has places.
        #expect(queue.workersToStart() == 0)
        queue.rowWaits(false)
        queue.rowWaits(false)
        #expect(queue.workersToStart() == 0)
        #expect(queue.workers == 3)
    }

    @Test func idleWorkersAreHandedRowsBeforeAnyStarts() {
        var queue = Queue(sending: 2, most: 10, batch: 8)
        _ = queue.push([1])
        #expect(queue.workersToStart() == 1)
        #expect(queue.next("a") == .row(1))
        #expect(queue.next("a") == .wait)
        let handed = queue.push([2, 3])
        #expect(handed.map(\.0) == ["a"] && handed.map(\.1) == [2])
        #expect(queue.queued == 1)
        #expect(queue.workersToStart() == 1)
    }

    @Test func theReaderMayJournalMoreOnlyWhenLessThanABatchWaits() {
        var queue = Queue(sending: 2, most: 10, batch: 3)
        #expect(queue.hasRoom)
        _ = queue.push([1, 2, 3])
        #expect(!queue.hasRoom)
        #expect(queue.take() == 1)
        #expect(queue.hasRoom)
    }

    @Test func afterTheEndQueuedRowsAreStillSentAndThenWorkersEnd() {
        var queue = Queue(sending: 2, most: 10, batch: 8)
        _ = queue.push([1])
        #expect(queue.workersToStart() == 1)
        #expect(queue.next("a") == .row(1))
        #expect(queue.next("a") == .wait)
        #expect(queue.finish() == ["a"])

        var busy = Queue(sending: 1, most: 10, batch: 8)
        _ = busy.push([1, 2, 3])
        #expect(busy.workersToStart() == 1)
        #expect(busy.next("b") == .row(1))
        #expect(busy.finish().isEmpty)
        // A row waiting for a lookup after the input's end still lets a worker start for the rest.
        #expect(!busy.isDrained)
        busy.rowWaits(true)
        #expect(busy.workersToStart() == 1)
        #expect(busy.next("c") == .row(2))
        #expect(busy.next("b") == .row(3))
        #expect(busy.isDrained)
        #expect(busy.next("b") == .end)
    }
}
