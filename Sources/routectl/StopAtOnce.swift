import Foundation
import RouteImport
import RouteModel

/// How a command that journals its requests answers a second interrupt while the first one's
/// stop is still waiting for the requests in flight (up to `--request-timeout` each): it ends at
/// once, as `kill -9` would. That is safe because every request is journaled before it leaves:
/// `--resume` looks up the rows whose answers never came before it sends anything again.
struct StopAtOnce: Sendable {
    /// Where the first interrupt's note goes; none under `--quiet`.
    let progress: ProgressLine?

    /// The first interrupt: the stop waits, and says how not to.
    func stopping() {
        progress?.say("stopping: requests in flight finish and every row gets its result (Ctrl-C again to stop at once)")
    }

    /// The second: ends the process with the status of an interrupted command.
    func now() -> Never {
        Terminal.printError("stopped at once: requests still in flight were abandoned, and the results file may be missing or out of date. "
            + "Run the same command with --resume: it settles the rows whose requests were in flight (a create is looked up "
            + "by name before it is sent again; an update, delete or assignment is sent again, which is harmless) and writes "
            + "the results. If the stop came before anything was sent, --resume says so, and the command runs again without it.")
        end()
    }

    /// A signal after the command's work has ended (its results are written): nothing is left to
    /// stop, and the process ends as interrupted.
    func afterTheEnd() -> Never {
        end()
    }

    /// `_exit`, not `exit`: the other threads are still sending and committing, and `exit` would
    /// run the process's teardown under them. What stdout holds is written first.
    private func end() -> Never {
        fflush(nil)
        _exit(ExitStatus.interrupted.rawValue)
    }
}
