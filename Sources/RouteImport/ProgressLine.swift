#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The import's progress on stderr, as `ProgressState` decides: a live line on a terminal, a
/// plain line every 30 s anywhere else. A live line is also redrawn every second while the
/// server's `Retry-After` pauses the import, when no row moves to redraw it: its countdown and
/// ETA would stand still otherwise.
public final class ProgressLine: Sendable {
    typealias Counts = ProgressState<ContinuousClock.Instant>.Counts

    private struct Drawing {
        var progress: ProgressState<ContinuousClock.Instant>?
        var drawn = false
        /// The counts last drawn or offered, which the pause's ticker draws again.
        var latest = Counts()
        var ticking = false
        /// Cleared for the summary: nothing may be drawn after it.
        var finished = false
    }

    private let clock = ContinuousClock()
    private let live: Bool
    private let start: ContinuousClock.Instant
    private let state = Mutex(Drawing())
    private let emit: @Sendable (String) -> Void

    /// A live line when stderr is a terminal, a line every 30 s when it is not.
    public static func forStandardError() -> ProgressLine {
        ProgressLine(live: isatty(STDERR_FILENO) == 1)
    }

    /// - Parameter emit: where the text goes; stderr unless a test looks at it.
    init(live: Bool, emit: @escaping @Sendable (String) -> Void = ProgressLine.writeToStandardError) {
        self.live = live
        self.emit = emit
        start = clock.now
    }

    /// The number of rows in the file, once known.
    func begin(total: Int?) {
        let interval: Duration = live ? .milliseconds(100) : .seconds(30)
        state.withLock { $0.progress = ProgressState(total: total, interval: interval, start: start, live: live) }
    }

    func update(_ counts: Counts) {
        let startsTicking = state.withLock { drawing in
            drawing.latest = counts
            draw(&drawing)
            guard live, !drawing.ticking, isPaused(counts) else { return false }
            drawing.ticking = true
            return true
        }
        if startsTicking { tickWhilePaused() }
    }

    /// A line of its own, above the live line (which comes back with the next update), or among
    /// the plain ones.
    public func say(_ line: String) {
        state.withLock { drawing in
            emit((live && drawing.drawn ? "\r\u{1B}[K" : "") + line + "\n")
            drawing.drawn = false
        }
    }

    /// Clears the live line so the summary starts on a clean one.
    func clear() {
        state.withLock { drawing in
            drawing.finished = true
            if live && drawing.drawn { emit("\r\u{1B}[K") }
        }
    }

    /// Drawn under the lock, so that a tick never lands after `clear`.
    private func draw(_ drawing: inout Drawing) {
        guard !drawing.finished, let text = drawing.progress?.update(drawing.latest, now: clock.now) else { return }
        drawing.drawn = true
        emit(live ? "\r" + Self.fitted(text) + "\u{1B}[K" : "progress: " + text + "\n")
    }

    private func isPaused(_ counts: Counts) -> Bool {
        counts.pausedUntil.map { $0 > clock.now } ?? false
    }

    private func tickWhilePaused() {
        Task {
            while true {
                try? await clock.sleep(for: .seconds(1))
                let goesOn = state.withLock { drawing in
                    guard !drawing.finished, isPaused(drawing.latest) else {
                        drawing.ticking = false
                        return false
                    }
                    draw(&drawing)
                    return true
                }
                if !goesOn { return }
            }
        }
    }

    /// Cut to the terminal's width: a live line that wraps is redrawn on a new row every time.
    private static func fitted(_ text: String) -> String {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 1 else { return text }
        let room = Int(size.ws_col) - 1
        return text.count <= room ? text : String(text.prefix(max(0, room - 1))) + "…"
    }

    static func writeToStandardError(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
    }
}
