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

/// `$PAGER` run by the shell with its standard input on a pipe.
private final class Pager {
    private let process: Process
    private let input: FileHandle
    private let previousPipeHandler: sig_t?
    private var closed = false

    static func start() -> Pager? {
        let chosen = ProcessInfo.processInfo.environment["PAGER"]
        guard chosen != nil || hasLess else { return nil }
        let command = chosen ?? "less -FRX"
        let pipe = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardInput = pipe
        fflush(nil)  // what print() buffered goes first
        do { try process.run() } catch { return nil }
        return Pager(process: process, input: pipe.fileHandleForWriting)
    }

    private static var hasLess: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { access("\($0)/less", X_OK) == 0 }
    }

    private init(process: Process, input: FileHandle) {
        self.process = process
        self.input = input
        // Quitting the pager early closes the pipe: a failed write, not a killed process.
        previousPipeHandler = signal(SIGPIPE, SIG_IGN)
    }

    func write(_ text: String) {
        guard !closed else { return }
        do { try input.write(contentsOf: Data(text.utf8)) } catch { closed = true }
    }

    func finish() {
        try? input.close()
        process.waitUntilExit()
        signal(SIGPIPE, previousPipeHandler)
    }
}
