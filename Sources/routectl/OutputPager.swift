import Foundation
import RouteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output for tables: text that fits the terminal is printed as is; longer text goes
/// through `$PAGER` (`less -FRX` by default), as psql and git do. Nothing is paged unless stdout
/// is a terminal, and `--no-pager` or an empty `PAGER` turns paging off.
final class PagedOutput {
    /// Lines held back while they may still fit the screen; `nil` once they go straight out.
    private var limit: Int?
    private var buffered: [String] = []
    private var bufferedLines = 0
    private var pager: Pager?

    init(paging: Bool) {
        let wanted = paging && Terminal.stdoutIsTerminal && ProcessInfo.processInfo.environment["PAGER"] != ""
        // A screenful less the prompt's line.
        limit = wanted ? (Terminal.rows ?? 24) - 1 : nil
    }

    /// A command stopped half-way (an error, Ctrl-C) still waits for the person to leave the pager.
    deinit { pager?.finish() }

    /// Adds lines; the first time they outgrow the screen the pager starts and takes them all.
    func write(_ text: String) {
        if let pager {
            pager.write(text + "\n")
            return
        }
        guard let limit else {
            print(text)
            return
        }
        buffered.append(text)
        bufferedLines += text.utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        guard bufferedLines > limit else { return }
        self.limit = nil
        let held = buffered.joined(separator: "\n") + "\n"
        buffered.removeAll()
        if let started = Pager.start() {
            pager = started
            started.write(held)
        } else {
            print(held, terminator: "")
        }
    }

    /// Prints what fitted the screen, or waits for the person to leave the pager.
    func finish() {
        if let pager {
            pager.finish()
            self.pager = nil
        } else if !buffered.isEmpty {
            print(buffered.joined(separator: "\n"))
            buffered.removeAll()
        }
    }
}

/// `$PAGER` run by the shell with its standard input on a pipe. It is spawned in routectl's own
/// process group: `Process` would give it a group of its own, in the background of the terminal,
/// where `less` is stopped the moment it reads a key and the table never shows.
private final class Pager {
    private let pid: pid_t
    private let command: String
    private let input: FileHandle
    private let previousPipeHandler: sig_t?
    private var closed = false

    static func start() -> Pager? {
        let chosen = ProcessInfo.processInfo.environment["PAGER"]
        guard chosen != nil || hasLess else { return nil }
        let command = chosen ?? "less -FRX"
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        posix_spawn_file_actions_addclose(&actions, ends[1])
        let words: [String] = ["/bin/sh", "-c", command]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { word in word.withCString { strdup($0) } } + [nil]
        defer { arguments.forEach { free($0) } }
        fflush(nil)  // what print() buffered goes first
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments, environ)
        close(ends[0])
        guard spawned == 0 else {
            close(ends[1])
            return nil
        }
        return Pager(pid: pid, command: command, input: FileHandle(fileDescriptor: ends[1], closeOnDealloc: true))
    }

    private static var hasLess: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { access("\($0)/less", X_OK) == 0 }
    }

    private init(pid: pid_t, command: String, input: FileHandle) {
        self.pid = pid
        self.command = command
        self.input = input
        // Quitting the pager early closes the pipe: a failed write, not a killed process.
        previousPipeHandler = signal(SIGPIPE, SIG_IGN)
    }

    func write(_ text: String) {
        guard !closed else { return }
        do { try input.write(contentsOf: Data(text.utf8)) } catch { closed = true }
    }

    /// Waits for the person to leave the pager; a pager that could not run at all is said so.
    func finish() {
        try? input.close()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        signal(SIGPIPE, previousPipeHandler)
        // The shell's exit status: 126 and 127 mean the command could not run.
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        if exited && (code == 126 || code == 127) {
            Terminal.printError("routectl: the pager \"\(command)\" could not run (exit \(code)); "
                + "unset PAGER, or give --no-pager, to print the table directly")
        }
    }
}
