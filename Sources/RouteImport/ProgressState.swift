/// What the progress line says and when, as a plain value that takes counts and instants: no
/// clock and no terminal, so it is tested without either.
///
/// On a terminal the line is redrawn at most ten times a second. Anywhere else (`nohup`, CI, a
/// log file) a whole line is written every 30 s, as a long import at a provider's 50 requests
/// a minute runs for hours. The ETA comes from the rate of the last five minutes, so a slowdown
/// (a 429 pause, a slower provider) shows within minutes instead of hiding in the run's average.
struct ProgressState<Instant: InstantProtocol>: Sendable where Instant.Duration == Swift.Duration {
    struct Counts: Sendable, Equatable {
        /// Rows with a result, this run's and those carried over from an earlier one.
        var done = 0
        /// Of `done`, those this run settled: the rate counts only these.
        var thisRun = 0
        var errors = 0
        var retries = 0
        /// Rows whose last answer was lost, waiting to be looked up by name.
        var awaitingLookup = 0
        /// Until when the server's `Retry-After` holds every request back.
        var pausedUntil: Instant?
    }

    let total: Int?
    let interval: Duration
    private var lastDraw: Instant?
    /// The pause last shown: a new one is shown at once, since nothing else moves while it lasts.
    private var pauseShown: Instant?
    /// (when, rows this run) at most every 10 s, over the last five minutes and a bit.
    private var samples: [(at: Instant, rows: Int)] = []
    private static var window: Duration { .seconds(300) }

    /// - Parameter live: a terminal's line, drawn at once; otherwise the first line comes after
    ///   one interval, so a short import logs nothing but its summary.
    init(total: Int?, interval: Duration, start: Instant, live: Bool) {
        self.total = total
        self.interval = interval
        lastDraw = live ? nil : start
        samples = [(start, 0)]
    }

    /// The text to show now, or `nil` when the last one is recent enough.
    mutating func update(_ counts: Counts, now: Instant) -> String? {
        if samples.last.map({ $0.at.duration(to: now) >= .seconds(10) }) ?? true {
            samples.append((now, counts.thisRun))
            while samples.count > 2, samples[1].at.duration(to: now) >= Self.window { samples.removeFirst() }
        }
        guard showsPause(counts.pausedUntil, now: now) || lastDraw.map({ $0.duration(to: now) >= interval }) ?? true
        else { return nil }
        lastDraw = now
        pauseShown = counts.pausedUntil
        return text(counts, now: now)
    }

    /// Whether a pause must be shown out of turn: one that outlasts the next regular line, while
    /// none is shown (a 429 in a pause lengthens it a little; that is not news).
    private func showsPause(_ until: Instant?, now: Instant) -> Bool {
        guard let until, until > now, pauseShown.map({ $0 <= now }) ?? true else { return false }
        return lastDraw.map { until > $0.advanced(by: interval) } ?? true
    }

    /// `1,200/5,000 rows · 48 rows/s · 2 errors · 3 retries · 1 awaiting lookup · ETA 1m19s`, and
    /// `paused 2m00s (the server's Retry-After)` while one holds
    func text(_ counts: Counts, now: Instant) -> String {
        let rate = recentRate(counts.thisRun, now: now)
        var text = ImportSummary.grouped(counts.done)
        if let total { text += "/" + ImportSummary.grouped(total) }
        text += " rows · \(Self.rate(rate)) rows/s · " + Self.count(counts.errors, "error", "errors")
        if counts.retries > 0 { text += " · " + Self.count(counts.retries, "retry", "retries") }
        if counts.awaitingLookup > 0 { text += " · \(ImportSummary.grouped(counts.awaitingLookup)) awaiting lookup" }
        let pause = counts.pausedUntil.map { max(0, now.duration(to: $0).inSeconds) } ?? 0
        if pause > 0 { text += " · paused " + ImportSummary.formatSeconds(pause) + " (the server's Retry-After)" }
        if let total, rate > 0, total > counts.done {
            text += " · ETA " + ImportSummary.formatSeconds(pause + Double(total - counts.done) / rate)
        }
        return text
    }

    /// Rows per second over the last five minutes (the whole run, while it is younger).
    private func recentRate(_ rows: Int, now: Instant) -> Double {
        let (since, rowsThen) = samples.first(where: { $0.at.duration(to: now) <= Self.window })
            .map { ($0.at, $0.rows) } ?? (samples[0].at, samples[0].rows)
        let seconds = since.duration(to: now).inSeconds
        return seconds > 0 ? Double(rows - rowsThen) / seconds : 0
    }

    private static func count(_ number: Int, _ one: String, _ many: String) -> String {
        "\(ImportSummary.grouped(number)) \(number == 1 ? one : many)"
    }

    /// Whole rows per second, or one decimal below ten (a provider's 50 a minute is 0.8).
    private static func rate(_ rate: Double) -> String {
        rate < 10 ? String((rate * 10).rounded() / 10) : ImportSummary.grouped(Int(rate.rounded()))
    }
}
