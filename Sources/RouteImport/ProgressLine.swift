#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The live line on stderr: rows done of the total, rate, errors and time left. Drawn only when
/// stderr is a terminal, and at most ten times a second however fast rows finish.
public final class ProgressLine: Sendable {
    private struct State {
        var lastDraw: ContinuousClock.Instant?
        var drawn = false
    }

    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let state = Mutex(State())
    private let interval = Duration.milliseconds(100)

    /// `nil` when stderr is not a terminal: nothing to draw.
    public static func forStandardError() -> ProgressLine? {
        isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
    }

    init() {
        start = clock.now
    }

    func update(done: Int, total: Int?, errors: Int) {
        let now = clock.now
        let due = state.withLock { state in
            guard state.lastDraw.map({ now - $0 >= interval }) ?? true else { return false }
            state.lastDraw = now
            state.drawn = true
            return true
        }
        guard due else { return }
        draw(Self.text(done: done, total: total, errors: errors, elapsed: now - start))
    }

    /// Clears the line so the summary starts on a clean one.
    func clear() {
        guard state.withLock({ $0.drawn }) else { return }
        draw("")
    }

    static func text(done: Int, total: Int?, errors: Int, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var text = ImportSummary.grouped(done)
        if let total { text += "/" + ImportSummary.grouped(total) }
        text += " rows · \(ImportSummary.grouped(Int(rate.rounded()))) rows/s · \(ImportSummary.grouped(errors)) errors"
        if let total, rate > 0, total > done {
            text += " · ETA " + ImportSummary.formatSeconds(Double(total - done) / rate)
        }
        return text
    }

    private func draw(_ text: String) {
        let line = "\r" + text + "\u{1B}[K"
        _ = line.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
    }
}
