/// Whether a request whose outcome is unknown may simply be sent again.
public enum Repeatability: Sendable {
    /// Reads, updates that set fields to values, deletes: sending twice does no harm.
    case idempotent
    /// A create: sent twice it may make two routes, so an unknown outcome is looked up first.
    case create
}

/// The retry decision as a state machine: it is told the outcome of each attempt (and of each
/// lookup after an unknown create) and answers what to do next. No I/O, no clock: the
/// `RetryExecutor` carries its actions out.
///
/// Every outcome spends a budget, so nothing is retried forever: failures (timeouts, lost
/// connections, 5xx, 408) spend `maxAttempts`, throttling (429) spends `maxThrottledAttempts`.
public struct RetryDecision: Sendable {
    public enum Action: Sendable, Equatable {
        /// Wait this long, then send again.
        case resend(after: Duration)
        /// A create may have been applied: find out by looking it up before anything else.
        case settle
        /// The last outcome is final: a success, a refusal, or a create found by the lookup.
        case done
        /// Out of attempts: the last error stands.
        case giveUp
    }

    public let policy: RetryPolicy
    public let repeatability: Repeatability
    /// Requests sent so far.
    public private(set) var attempts = 0
    /// Whether an attempt may have been applied without any answer saying so, and no lookup has
    /// since shown that it was not.
    public private(set) var mayHaveApplied: Bool
    private var failures = 0
    private var throttles = 0

    /// - Parameter mayHaveApplied: a create sent by an earlier run whose outcome was never
    ///   learned (`--resume`): the first action is then `settle`, not a send.
    public init(policy: RetryPolicy, repeatability: Repeatability, mayHaveApplied: Bool = false) {
        self.policy = policy
        self.repeatability = repeatability
        self.mayHaveApplied = mayHaveApplied
    }

    /// What to do first: send, or for a create that may already exist, look it up.
    public var first: Action {
        mayHaveApplied && repeatability == .create ? .settle : .resend(after: .zero)
    }

    public mutating func next<T>(after attempt: Attempt<T>) -> Action {
        var generator = SystemRandomNumberGenerator()
        return next(after: attempt, using: &generator)
    }

    public mutating func next<T>(after attempt: Attempt<T>, using generator: inout some RandomNumberGenerator) -> Action {
        attempts += 1
        switch attempt {
        case .success, .rejected:
            return .done
        case .retryable(let error) where error.status == 429:
            throttles += 1
            guard throttles < policy.maxThrottledAttempts else { return .giveUp }
            return .resend(after: policy.delay(attempt: throttles, retryAfter: error.retryAfter, using: &generator))
        case .retryable(let error):
            failures += 1
            guard failures < policy.maxAttempts else { return .giveUp }
            return .resend(after: policy.delay(attempt: failures, retryAfter: error.retryAfter, using: &generator))
        case .unknown(let error):
            failures += 1
            mayHaveApplied = true
            if repeatability == .create { return .settle }
            guard failures < policy.maxAttempts else { return .giveUp }
            return .resend(after: policy.delay(attempt: failures, retryAfter: error.retryAfter, using: &generator))
        }
    }

    /// After the lookup of an unknown create: found means done; absent means it was not applied
    /// and may be sent again, budget allowing. (A lookup that failed ends the request with
    /// `mayHaveApplied` still set.)
    public mutating func next(afterSettling found: Bool) -> Action {
        if found { return .done }
        mayHaveApplied = false
        // The settle delay has already spaced this attempt from the last: no backoff on top.
        return failures < policy.maxAttempts ? .resend(after: .zero) : .giveUp
    }
}
