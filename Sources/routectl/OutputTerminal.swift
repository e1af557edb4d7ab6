import Foundation
import RouteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard streams, and what routectl may ask of a person at a terminal.
enum Terminal {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Colour and bold only for a person at a terminal that can show them, and never with a
    /// non-empty `NO_COLOR` (no-color.org).
    static var usesColour: Bool {
        stdoutIsTerminal && Environment.value("NO_COLOR") == nil && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// `text` in bold where colour is allowed.
    static func bold(_ text: String) -> String {
        usesColour && !text.isEmpty ? "\u{1B}[1m" + text + "\u{1B}[0m" : text
    }

    /// CSV cells as they may reach stdout: escaped when a person reads them on a terminal,
    /// exact when a program or a file takes them.
    static func shown(_ cells: [String]) -> [String] {
        stdoutIsTerminal ? cells.map { TerminalText.escaped($0) } : cells
    }

    /// The terminal's height in lines, when stdout is one.
    static var rows: Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }

    /// A message on stderr, any control character in it made visible: messages quote names and
    /// answers from the service. A stderr that is gone (a closed terminal, a pipe whose reader was
    /// stopped by the same Ctrl-C) loses the message, not the process: the non-throwing `write`
    /// would trap.
    static func printError(_ line: String) {
        try? FileHandle.standardError.write(contentsOf: Data((TerminalText.escaped(line, keepingLineBreaks: true) + "\n").utf8))
    }

    /// Asks a yes/no question on stderr; only "y" or "yes" is yes.
    static func confirm(_ question: String) -> Bool {
        try? FileHandle.standardError.write(contentsOf: Data((TerminalText.escaped(question) + " [y/N] ").utf8))
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// Reads a line with echo off, so a secret typed at the terminal is never shown.
    static func readSecret(prompt: String) -> String? {
        try? FileHandle.standardError.write(contentsOf: Data(prompt.utf8))
        var original = termios()
        let canHide = tcgetattr(STDIN_FILENO, &original) == 0
        if canHide {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        }
        defer {
            if canHide { tcsetattr(STDIN_FILENO, TCSAFLUSH, &original) }
            try? FileHandle.standardError.write(contentsOf: Data("\n".utf8))
        }
        return readLine(strippingNewline: true)
    }
}
