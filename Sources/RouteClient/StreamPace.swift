/// The slowest a streamed answer may come, like curl's `--speed-limit`: the request timeout
/// bounds only the wait for each byte, so a server that sends one every few seconds would
/// otherwise hold a listing, and every lookup waiting on it, for ever.
struct StreamPace {
    static let floor = 16 << 10
    static let window: Duration = .seconds(30)

    private var windowStart: ContinuousClock.Instant
    private var bytes = 0

    init(since start: ContinuousClock.Instant) {
        windowStart = start
    }

    /// Counts `count` bytes come at `now`; `false` once a whole window brought less than the floor.
    mutating func add(_ count: Int, at now: ContinuousClock.Instant) -> Bool {
        bytes += count
        guard now - windowStart >= Self.window else { return true }
        defer { (windowStart, bytes) = (now, 0) }
        return bytes >= Self.floor
    }
}
