import Foundation
import Testing
@testable import RouteClient

/// The retry decision without I/O: every outcome class, every budget, and the hostile
/// `Retry-After` values a server may send.
@Suite struct RetryDecisionTests {
    static let policy = RetryPolicy(maxAttempts: 4, maxThrottledAttempts: 6, baseDelay: .milliseconds(100),
                                    maxDelay: .seconds(1), maxRetryAfter: .seconds(30))

    static func error(_ status: Int?, retryAfter: Duration? = nil, kind: ClientError.Kind = .refused) -> ClientError {
        ClientError(kind: kind, status: status, retryAfter: retryAfter, message: "status \(status ?? 0)")
    }

    @Test func successAndRefusalsAreFinal() {
        var decision = RetryDecision(policy: Self.policy, repeatability: .create)
        #expect(decision.next(after: Attempt<Int>.success(1)) == .done)
        for status in [400, 401, 403, 404, 409, 415, 422] {
            var decision = RetryDecision(policy: Self.policy, repeatability: .create)
            #expect(decision.next(after: Attempt<Int>.rejected(Self.error(status))) == .done)
            #expect(!decision.mayHaveApplied)
        }
    }

    @Test func notAppliedIsResentWithBackoffUntilTheBudgetEnds() {
        var decision = RetryDecision(policy: Self.policy, repeatability: .create)
        for _ in 1..<4 {
            guard case .resend(let delay) = decision.next(after: Attempt<Int>.retryable(Self.error(408))) else {
                Issue.record("expected a resend"); return
            }
            #expect(delay <= .seconds(1))
        }
        #expect(decision.next(after: Attempt<Int>.retryable(Self.error(nil, kind: .unreachable))) == .giveUp)
        #expect(decision.attempts == 4)
        #expect(!decision.mayHaveApplied)
    }

    @Test func everyUnknownCreateIsSettledFirst() {
        for error in [Self.error(502), Self.error(503, retryAfter: .seconds(1)), Self.error(504), Self.error(500),
                      Self.error(nil, kind: .timeout), Self.error(nil, kind: .connectionLost), Self.error(200, kind: .unexpectedAnswer)] {
            var decision = RetryDecision(policy: Self.policy, repeatability: .create)
            #expect(decision.next(after: Attempt<Int>.unknown(error)) == .settle)
            #expect(decision.mayHaveApplied)
            #expect(decision.next(afterSettling: false) == .resend(after: .zero))
            #expect(!decision.mayHaveApplied)
        }
        var found = RetryDecision(policy: Self.policy, repeatability: .create)
        _ = found.next(after: Attempt<Int>.unknown(Self.error(504)))
        #expect(found.next(afterSettling: true) == .done)
    }

    @Test func anUnknownIdempotentRequestIsSimplyResent() {
        var decision = RetryDecision(policy: Self.policy, repeatability: .idempotent)
        guard case .resend = decision.next(after: Attempt<Int>.unknown(Self.error(504))) else {
            Issue.record("expected a resend"); return
        }
        #expect(decision.mayHaveApplied)
    }

    @Test func unknownCreatesStillSettleWhenTheBudgetIsSpent() {
        var decision = RetryDecision(policy: Self.policy, repeatability: .create)
        for _ in 1...4 {
            #expect(decision.next(after: Attempt<Int>.unknown(Self.error(504))) == .settle)
            _ = decision.next(afterSettling: false)
        }
        #expect(decision.attempts == 4)
        #expect(decision.next(afterSettling: false) == .giveUp)
    }

    @Test func fourTwentyNineForeverEnds() {
        var decision = RetryDecision(policy: Self.policy, repeatability: .create)
        var actions: [RetryDecision.Action] = []
        for _ in 0..<100 {
            let action = decision.next(after: Attempt<Int>.retryable(Self.error(429, retryAfter: .seconds(2))))
            actions.append(action)
            if action == .giveUp { break }
        }
        #expect(actions.count == 6)
        #expect(actions.dropLast().allSatisfy { $0 == .resend(after: .seconds(2)) })
        #expect(actions.last == .giveUp)
    }

    @Test func aResumedCreateIsLookedUpBeforeAnySend() {
        #expect(RetryDecision(policy: Self.policy, repeatability: .create, mayHaveApplied: true).first == .settle)
        #expect(RetryDecision(policy: Self.policy, repeatability: .idempotent, mayHaveApplied: true).first == .resend(after: .zero))
        #expect(RetryDecision(policy: Self.policy, repeatability: .create).first == .resend(after: .zero))
    }

    @Test func hostileRetryAfterValuesNeverCrashOrHang() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let cases: [(String, Duration?)] = [
            ("1e30", nil), ("inf", nil), ("-inf", nil), ("nan", nil), ("-5", nil), ("soon", nil), ("", nil),
            ("0x10", nil), ("1.", nil), (".5", nil), ("12abc", nil), (String(repeating: "9", count: 400), .seconds(86_400)),
            ("99999999999999999999", .seconds(86_400)), ("0", .zero), ("1.5", .milliseconds(1500)), (" 7 ", .seconds(7)),
            ("Thu, 01 Jan 1970 00:00:00 GMT", .zero), ("Fri, 31 Dec 9999 23:59:59 GMT", .seconds(86_400)),
            (String(repeating: "Sun, ", count: 1000), nil),
        ]
        for (header, expected) in cases {
            #expect(RetryPolicy.retryAfter(header, now: now) == expected, "Retry-After: \(header.prefix(40))")
        }
        // Whatever the header said, the wait is bounded by the policy's cap.
        for header in ["99999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT"] {
            let wait = Self.policy.delay(attempt: 1, retryAfter: RetryPolicy.retryAfter(header, now: now))
            #expect(wait == .seconds(30))
        }
        #expect(Self.policy.delay(attempt: 1, retryAfter: .seconds(-5)) == .zero)
    }

    @Test func userSuppliedSecondsAreChecked() {
        #expect(Duration.checkedSeconds(.infinity, within: 0...86_400) == nil)
        #expect(Duration.checkedSeconds(.nan, within: 0...86_400) == nil)
        #expect(Duration.checkedSeconds(1e30, within: 0...86_400) == nil)
        #expect(Duration.checkedSeconds(-1, within: 0...86_400) == nil)
        #expect(Duration.checkedSeconds(1.5, within: 0...86_400) == .milliseconds(1500))
    }
}

/// The executor's thin shell: it does what the decision says and stops at cancellation.
@Suite struct RetryExecutorTests {
    @Test func cancellationStopsAtTheNextWaitWithoutSending() async {
        let sends = Counter()
        let executor = RetryExecutor(policy: RetryPolicy(maxAttempts: 10, baseDelay: .seconds(5), maxDelay: .seconds(5)))
        let task = Task {
            await executor.run(.idempotent) { _ async throws(CancellationError) -> Answered<Int> in
                // Cancelled while the first attempt is out: with full jitter the wait after it can be
                // any length down to nothing, so a cancel from outside could come after a second send.
                if sends.next() == 1 { withUnsafeCurrentTask { $0?.cancel() } }
                return Answered(.retryable(ClientError(kind: .unreachable, message: "down")), status: nil)
            }
        }
        let outcome = await task.value
        guard case .cancelled = outcome.end else { Issue.record("expected cancelled, got \(outcome.end)"); return }
        #expect(sends.next() == 2)
    }

    @Test func aDeleteThat404sAfterAnUnknownAttemptDidItsWork() async throws {
        let answers = Counter()
        let executor = RetryExecutor(policy: RetryPolicy(baseDelay: .milliseconds(1)))
        let value = try await executor.value(.idempotent) { mayHaveApplied async throws(CancellationError) -> Answered<String> in
            if answers.next() == 1 { return Answered(.unknown(ClientError(kind: .timeout, message: "timeout")), status: nil) }
            return Answered(mayHaveApplied ? .success("deleted") : .rejected(ClientError(kind: .notFound, message: "404")), status: 404)
        }
        #expect(value == "deleted")
    }

    @Test func aDeleteThat404sAfterA429WasNotDeletedByUs() async {
        let answers = Counter()
        let executor = RetryExecutor(policy: RetryPolicy(baseDelay: .milliseconds(1)))
        let outcome = await executor.run(.idempotent) { mayHaveApplied async throws(CancellationError) -> Answered<String> in
            if answers.next() == 1 {
                return Answered(.retryable(ClientError(kind: .refused, status: 429, retryAfter: .milliseconds(1), message: "429")), status: 429)
            }
            return Answered(mayHaveApplied ? .success("deleted") : .rejected(ClientError(kind: .notFound, message: "404")), status: 404)
        }
        guard case .failure(let error) = outcome.end else { Issue.record("expected the 404, got \(outcome.end)"); return }
        #expect(error.kind == .notFound)
    }
}

