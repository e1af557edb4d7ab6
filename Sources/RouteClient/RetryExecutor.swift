/// The one place requests are retried, for every command and the import: a thin async shell
/// that carries out what `RetryDecision` says — sends, waits, lookups — and stops at once when
/// its task is cancelled, saying whether anything sent may have been applied.
public struct RetryExecutor: Sendable {
    /// What a lookup after an unknown create found.
    public enum Settlement<T: Sendable>: Sendable {
        /// The create was applied: this is what it made.
        case applied(T)
        /// Nothing was made: safe to send again.
        case absent
        /// The lookup itself failed: nothing is known.
        case failed(ClientError)
        /// The task was cancelled while the lookup waited.
        case cancelled
    }

    /// How a request ended.
    public struct Outcome<T: Sendable>: Sendable {
        public enum End: Sendable {
            case success(T)
            /// Refused, out of attempts, or a lookup that failed.
            case failure(ClientError)
            /// Cancelled before the next send or during a wait; `lastError` is the last failure seen.
            case cancelled(lastError: ClientError?)
        }

        public var end: End
        /// Requests sent.
        public var attempts: Int
        /// The HTTP status of the last answer, if the last attempt got one.
        public var status: Int?
        /// Whether a request may have been applied although no answer said so (the import
        /// journals this, so that `--resume` looks the row up before sending it again).
        public var mayHaveApplied: Bool
        /// The success was learned by a lookup after an unknown outcome, not from an answer.
        public var settledByLookup: Bool
        /// Attempts whose outcome was unknown when they ended (each may have been applied).
        public var unknownAttempts = 0
    }

    public let policy: RetryPolicy

    public init(policy: RetryPolicy) {
        self.policy = policy
    }

    /// Sends until the decision says stop.
    /// - Parameters:
    ///   - send: one attempt; it is told whether an earlier one may have been applied (a delete
    ///     that then meets 404 did its work). Throwing `CancellationError` means nothing was sent.
    ///   - sentBefore: the instant by which an earlier process had sent this request without
    ///     learning its outcome; a create then starts by settling it.
    ///   - settle: for creates, looks up whether the last attempt, which ended at `endedAt`, was
    ///     applied. Counting the settle delay from the attempt's end rather than from its send
    ///     can only wait longer: a request sent after a wait for the gate or a token is covered.
    ///   - waits: told when a back-off or a lookup starts (`true`) and ends, so that a caller
    ///     running many requests can keep others going meanwhile.
    public func run<T: Sendable>(
        _ repeatability: Repeatability, sentBefore: ContinuousClock.Instant? = nil,
        waits: (_ starts: Bool) -> Void = { _ in },
        send: (_ mayHaveApplied: Bool) async throws(CancellationError) -> Answered<T>,
        settle: ((_ endedAt: ContinuousClock.Instant) async -> Settlement<T>)? = nil
    ) async -> Outcome<T> {
        var decision = RetryDecision(policy: policy, repeatability: repeatability, mayHaveApplied: sentBefore != nil)
        var outcome = Outcome<T>(end: .cancelled(lastError: nil), attempts: 0, status: nil,
                                 mayHaveApplied: sentBefore != nil, settledByLookup: false)
        var endedAt = sentBefore ?? ContinuousClock.now
        var lastError: ClientError?
        var action = decision.first
        while true {
            switch action {
            case .resend(let delay):
                if delay > .zero {
                    waits(true)
                    defer { waits(false) }
                    do { try await Task.sleep(for: delay) } catch { return cancelled(outcome, lastError) }
                }
                let answered: Answered<T>
                do throws(CancellationError) {
                    answered = try await send(decision.mayHaveApplied)
                    endedAt = ContinuousClock.now
                } catch {
                    return cancelled(outcome, lastError)
                }
                action = decision.next(after: answered.attempt)
                outcome.attempts = decision.attempts
                outcome.status = answered.status
                outcome.mayHaveApplied = decision.mayHaveApplied
                switch answered.attempt {
                case .success(let value):
                    outcome.end = .success(value)
                    return outcome
                case .rejected(let error):
                    outcome.end = .failure(error)
                    return outcome
                case .retryable(let error):
                    lastError = error
                case .unknown(let error):
                    lastError = error
                    outcome.unknownAttempts += 1
                }
            case .settle:
                guard let settle else {
                    preconditionFailure("a create was run without a way to settle unknown outcomes")
                }
                waits(true)
                let settlement = await settle(endedAt)
                waits(false)
                switch settlement {
                case .applied(let value):
                    outcome.end = .success(value)
                    outcome.mayHaveApplied = false
                    outcome.settledByLookup = true
                    return outcome
                case .absent:
                    action = decision.next(afterSettling: false)
                    outcome.mayHaveApplied = false
                case .failed(let error):
                    let cause = lastError.map { "\($0.description); " } ?? ""
                    outcome.end = .failure(ClientError(
                        kind: lastError?.kind ?? error.kind, status: lastError?.status, url: lastError?.url,
                        message: cause + "could not look up whether it was applied: \(error)"))
                    return outcome
                case .cancelled:
                    return cancelled(outcome, lastError)
                }
            case .done:
                preconditionFailure("done follows only an answer or a lookup, which return")
            case .giveUp:
                outcome.end = .failure(lastError ?? ClientError(kind: .unexpectedAnswer, message: "no attempt was made"))
                return outcome
            }
        }
    }

    /// `run` for callers that want the value or an error to throw; cancellation becomes a
    /// `ClientError` of kind `.cancelled`.
    public func value<T: Sendable>(
        _ repeatability: Repeatability,
        send: (_ mayHaveApplied: Bool) async throws(CancellationError) -> Answered<T>,
        settle: ((_ endedAt: ContinuousClock.Instant) async -> Settlement<T>)? = nil
    ) async throws(ClientError) -> T {
        let outcome = await run(repeatability, send: send, settle: settle)
        switch outcome.end {
        case .success(let value): return value
        case .failure(let error): throw error
        case .cancelled(let lastError): throw .cancelled(after: lastError, mayHaveApplied: outcome.mayHaveApplied)
        }
    }

    private func cancelled<T>(_ outcome: Outcome<T>, _ lastError: ClientError?) -> Outcome<T> {
        var outcome = outcome
        outcome.end = .cancelled(lastError: lastError)
        return outcome
    }
}

/// One attempt's outcome with the HTTP status of its answer, if there was one.
public struct Answered<T: Sendable>: Sendable {
    public var attempt: Attempt<T>
    public var status: Int?

    public init(_ attempt: Attempt<T>, status: Int?) {
        self.attempt = attempt
        self.status = status
    }
}
