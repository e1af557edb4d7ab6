import Synchronization

/// A token bucket per account holding one second's worth of requests (`--rate-limit`), shared
/// by all the APIs an account uses.
final class RateLimiter: Sendable {
    let perSecond: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    init(requestsPerSecond: Int) {
        perSecond = Double(max(1, requestsPerSecond))
    }

    /// Takes a token from `account`'s bucket; when it is empty, the seconds until it is not.
    func take(for account: String, now: ContinuousClock.Instant = .now) -> Double? {
        buckets.withLock { buckets in
            var bucket = buckets[account] ?? Bucket(tokens: perSecond, updated: now)
            let elapsed = (now - bucket.updated).components
            bucket.tokens = min(perSecond, bucket.tokens + (Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18) * perSecond)
            bucket.updated = now
            defer { buckets[account] = bucket }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / perSecond }
            bucket.tokens -= 1
            return nil
        }
    }
}
