import Foundation

/// When to try again: a bounded number of attempts, waits growing exponentially up to a cap with
/// full jitter (so that many clients pushed back at once do not return at once), and the
/// server's `Retry-After` honoured, within a cap, when it gives one.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included, counting every failure but throttling (429).
    public var maxAttempts: Int
    /// 429 answers one request may get before it gives up: a service that answers nothing but
    /// 429 ends the request instead of holding it forever.
    public var maxThrottledAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// The longest `Retry-After` obeyed; a server asking for more is waited for this long.
    public var maxRetryAfter: Duration

    public init(
        maxAttempts: Int = 5, maxThrottledAttempts: Int = 20, baseDelay: Duration = .milliseconds(250),
        maxDelay: Duration = .seconds(20), maxRetryAfter: Duration = .seconds(120)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.maxThrottledAttempts = max(1, maxThrottledAttempts)
        self.baseDelay = max(.zero, baseDelay)
        self.maxDelay = max(.zero, maxDelay)
        self.maxRetryAfter = max(.zero, maxRetryAfter)
    }

    /// No retries: every attempt is final.
    public static let none = RetryPolicy(maxAttempts: 1, maxThrottledAttempts: 1)

    /// The wait before attempt `attempt + 1`, after attempt `attempt` (1-based) failed.
    public func delay(attempt: Int, retryAfter: Duration?) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(attempt: attempt, retryAfter: retryAfter, using: &generator)
    }

    /// As `delay(attempt:retryAfter:)`, with the jitter drawn from `generator`.
    public func delay(attempt: Int, retryAfter: Duration?, using generator: inout some RandomNumberGenerator) -> Duration {
        if let retryAfter { return min(max(retryAfter, .zero), maxRetryAfter) }
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(baseDelay * (1 << exponent), maxDelay)
        let milliseconds = ceiling.milliseconds
        guard milliseconds > 0 else { return .zero }
        return .milliseconds(Int64.random(in: 0...milliseconds, using: &generator))
    }

    /// Reads a `Retry-After` header: delay-seconds (digits, a fraction tolerated) or an HTTP date.
    /// Anything else (`soon`, `-5`, `1e30`, `inf`) is `nil`, so the caller backs off as usual; a
    /// number or date beyond a day is read as a day, which the policy's cap then cuts.
    public static func retryAfter(_ header: String, now: Date = Date()) -> Duration? {
        let text = header.trimmingCharacters(in: .whitespaces)
        let day = 86_400.0
        if let seconds = delaySeconds(text) { return .milliseconds(Int64(min(seconds, day) * 1000)) }
        guard let date = httpDate(text) else { return nil }
        let seconds = date.timeIntervalSince(now)
        guard seconds.isFinite else { return nil }
        return .milliseconds(Int64(min(max(0, seconds), day) * 1000))
    }

    /// `120` or `1.5`: digits only, so that no exponent, sign or `inf` gets through.
    private static func delaySeconds(_ text: String) -> Double? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              parts.count == 1 || !parts[1].isEmpty else { return nil }
        return Double(text)
    }

    /// RFC 9110's preferred IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and the two obsolete forms.
    static func httpDate(_ text: String) -> Date? {
        guard text.utf8.count <= 64 else { return nil }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
