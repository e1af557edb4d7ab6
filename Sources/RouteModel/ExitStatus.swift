/// The process exit codes of product.md, shared by every command, the importer and the shell's
/// `run`, so a script can tell "some rows failed" from "could not start".
public enum ExitStatus: Int32, Sendable, Error {
    case success = 0
    /// Finished, but some rows failed or were invalid.
    case partialFailure = 1
    /// Stopped early by `--max-errors`.
    case aborted = 2
    /// Unreadable file, refused credentials, unreachable server.
    case fatal = 3
    /// Ctrl-C.
    case interrupted = 4
    /// The command line itself was wrong.
    case usage = 64
}
