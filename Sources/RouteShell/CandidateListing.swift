import Foundation
import RouteModel

/// What a second Tab prints: single names in columns like `ls`, rows of several cells (a route's
/// `id  name  type`) as a table. A listing taller than the terminal is only printed after
/// "Display all N possibilities? (y or n)", as bash and psql ask, so that 3,000 routes do not
/// scroll the line being typed out of sight.
struct CandidateListing {
    let rows: [[String]]

    /// Cells come from the server (route names) and the disk (file names): they are shown
    /// escaped, never as raw escape codes or line breaks.
    init(_ rows: [[String]]) {
        self.rows = rows.map { $0.map { TerminalText.escaped($0) } }
    }

    func text(width: Int) -> String {
        rows.allSatisfy { $0.count == 1 } ? columns(rows.map { $0[0] }, width: width) : table(rows)
    }

    var question: String { "Display all \(rows.count) possibilities? (y or n)" }

    /// Whether `text` needs asking first: it would not fit above the line being typed.
    func needsAsking(_ text: String, terminalRows: Int) -> Bool {
        text.split(separator: "\n", omittingEmptySubsequences: false).count >= terminalRows
    }

    /// Prints the listing below the line, asking first when it is taller than the terminal; the
    /// answer is one key read from `input`, which the line editor keeps in raw mode.
    func present(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        let size = Self.terminalSize(output)
        let text = text(width: size.columns)
        if needsAsking(text, terminalRows: size.rows) {
            print("\n" + question, terminator: "")
            fflush(nil)
            guard Self.readYes(input) else {
                print()
                return
            }
        }
        print("\n" + text)
        fflush(nil)
    }

    /// y, Y or space is yes; n, N, Delete, Ctrl-C, Ctrl-D or the end of input is no, as in bash.
    private static func readYes(_ input: Int32) -> Bool {
        var byte: UInt8 = 0
        while read(input, &byte, 1) == 1 {
            switch byte {
            case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: " "): return true
            case UInt8(ascii: "n"), UInt8(ascii: "N"), 0x7F, 0x03, 0x04: return false
            default: continue
            }
        }
        return false
    }

    private static func terminalSize(_ descriptor: Int32) -> (rows: Int, columns: Int) {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return (24, 80) }
        return (Int(size.ws_row), Int(size.ws_col))
    }
}
