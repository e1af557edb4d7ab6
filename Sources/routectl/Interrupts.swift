import Dispatch
import Foundation
import Synchronization

/// Runs `body` in a task that Ctrl-C cancels, instead of Ctrl-C ending the process: the shell
/// keeps running after an interrupted command, and an interrupted import drains its requests and
/// writes its results. With `orTerminated`, SIGTERM and SIGHUP (a service manager, a container
/// stopping, a closed terminal) cancel it the same way instead of killing the process with its
/// requests in flight. Calls nest (the innermost body is the one cancelled), and the signals'
/// previous handlers are back when `body` ends.
///
/// A second interrupt goes to `atOnce`, when given and when this is the process's one command: in
/// the shell it would end the shell too, so there it only cancels again. Such a command keeps its
/// handler after `body` ends: a signal while the summary is printed or the connections close
/// would otherwise end the process with the signal's own status instead of "interrupted".
func withInterruptCancellation<T: Sendable>(
    orTerminated: Bool = false, atOnce: StopAtOnce? = nil, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let task = Task { try await body() }
    let atOnce = Interrupts.shared.isInstalled ? nil : atOnce
    let state = Mutex((interrupts: 0, ended: false))
    let outer = Interrupts.shared.install(orTerminated ? [SIGINT, SIGTERM, SIGHUP] : [SIGINT]) {
        let (count, ended) = state.withLock { state in
            state.interrupts += 1
            return (state.interrupts, state.ended)
        }
        if ended {
            atOnce?.afterTheEnd()
        } else if count == 1 {
            task.cancel()
            atOnce?.stopping()
        } else {
            atOnce?.now()
        }
    }
    defer {
        if atOnce == nil { Interrupts.shared.restore(outer) } else { state.withLock { $0.ended = true } }
    }
    return try await task.value
}

/// SIGINT (and SIGTERM, SIGHUP when asked), turned into a call to the innermost cancellation. The signal handler only writes a
/// byte to a pipe (the one thing a handler may safely do) and a dispatch source reads it.
/// The handler is installed with `signal` on each use, not through a dispatch signal source:
/// on Linux such a source installs its handler once per process, and any later `signal` call
/// (a command of our own, a library) would silently disable it.
private final class Interrupts: @unchecked Sendable {
    static let shared = Interrupts()

    /// What was in place before an `install`, for `restore`.
    struct Saved {
        fileprivate let handlers: [(signal: Int32, handler: sig_t?)]
        fileprivate let cancel: (@Sendable () -> Void)?
    }

    private let lock = NSLock()
    private var cancel: (@Sendable () -> Void)?
    private let reader: DispatchSourceRead

    private init() {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0, "no pipe for Ctrl-C")
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
        interruptPipe = fds[1]
        reader = DispatchSource.makeReadSource(fileDescriptor: fds[0], queue: .global())
        reader.setEventHandler { [unowned self] in
            // One byte per signal: two that land before this wakes are still two.
            var bytes = [UInt8](repeating: 0, count: 64)
            let signals = read(fds[0], &bytes, bytes.count)
            for _ in 0..<max(0, signals) { lock.withLock { cancel }?() }
        }
        reader.resume()
    }

    /// Whether a command is running under an enclosing one (a shell's line).
    var isInstalled: Bool { lock.withLock { cancel != nil } }

    func install(_ signals: [Int32], _ cancel: @escaping @Sendable () -> Void) -> Saved {
        let saved = lock.withLock {
            defer { self.cancel = cancel }
            return self.cancel
        }
        let handlers = signals.map { number in
            (number, signal(number) { _ in
                var byte: UInt8 = 1
                _ = write(interruptPipe, &byte, 1)
            })
        }
        return Saved(handlers: handlers, cancel: saved)
    }

    func restore(_ saved: Saved) {
        for (number, handler) in saved.handlers { signal(number, handler) }
        lock.withLock { cancel = saved.cancel }
    }
}

/// The pipe's write end, set once before the handler is first installed; a global so that the
/// handler, a C function, can reach it without capturing anything.
nonisolated(unsafe) private var interruptPipe: Int32 = -1
