#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The import's progress on stderr, as `ProgressState` decides: a live line on a terminal, a
/// plain line every 30 s anywhere else.
public final class ProgressLine: Sendable {
    private let clock = ContinuousClock()
    private let live: Bool
    private let start: ContinuousClock.Instant
    private let state: Mutex<(progress: ProgressState<ContinuousClock.Instant>?, drawn: Bool)>

    /// A live line when stderr is a terminal, a line every 30 s when it is not.
    public static func forStandardError() -> ProgressLine {
        ProgressLine(live: isatty(STDERR_FILENO) == 1)
    }

    init(live: Bool) {
        self.live = live
        start = clock.now
        state = Mutex((nil, false))
    }

    /// The number of rows in the file, once known.
    func begin(total: Int?) {
        let interval: Duration = live ? .milliseconds(100) : .seconds(30)
        state.withLock { $0.progress = ProgressState(total: total, interval: interval, start: start, live: live) }
    }

    func update(_ counts: ProgressState<ContinuousClock.Instant>.Counts) {
        let now = clock.now
        let text = state.withLock { state -> String? in
            guard let text = state.progress?.update(counts, now: now) else { return nil }
            state.drawn = true
            return text
        }
        guard let text else { return }
        emit(live ? "\r" + Self.fitted(text) + "\u{1B}[K" : "progress: " + text + "\n")
    }

    /// Clears the live line so the summary starts on a clean one.
    func clear() {
        guard live, state.withLock({ $0.drawn }) else { return }
        emit("\r\u{1B}[K")
    }

    /// Cut to the terminal's width: a live line that wraps is redrawn on a new row every time.
    private static func fitted(_ text: String) -> String {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 1 else { return text }
        let room = Int(size.ws_col) - 1
        return text.count <= room ? text : String(text.prefix(max(0, room - 1))) + "…"
    }

    private func emit(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
    }
}
