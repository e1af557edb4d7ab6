import Foundation
/// Enough of a terminal to read what a person would see: applies text, carriage returns, line
/// feeds, backspaces and the cursor and erase sequences a line editor sends; colours are ignored.
struct VirtualScreen {
    private(set) var rows: [[Character]]
    private var row = 0
    private var column = 0
    private var width: Int
    private var pending: [Character] = []

    init(rows: Int, columns: Int) {
        self.width = columns
        self.rows = Array(repeating: Array(repeating: " ", count: columns), count: rows)
    }

    /// Cuts or widens every row, as a terminal that does not reflow its text does.
    mutating func resize(columns: Int) {
        rows = rows.map { Array(($0 + Array(repeating: " ", count: max(0, columns - $0.count))).prefix(columns)) }
        width = columns
        column = min(column, columns - 1)
    }

    /// The screen's lines, trailing blanks removed.
    var text: String {
        rows.map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n")
    }

    mutating func feed(_ text: String) {
        for character in text {
            if !pending.isEmpty || character == "\u{1B}" {
                pending.append(character)
                applyEscapeIfComplete()
                continue
            }
            switch character {
            case "\r": column = 0
            case "\n": lineFeed()
            case "\r\n":
                column = 0
                lineFeed()
            case "\u{8}": column = max(0, column - 1)
            case "\u{7}": break
            case "\t": column = min(width - 1, (column / 8 + 1) * 8)
            default:
                if column >= width { column = 0; lineFeed() }
                rows[row][column] = character
                column += 1
            }
        }
    }

    private mutating func lineFeed() {
        if row + 1 < rows.count {
            row += 1
        } else {
            rows.removeFirst()
            rows.append(Array(repeating: " ", count: width))
        }
    }

    private mutating func applyEscapeIfComplete() {
        guard pending.count >= 2 else { return }
        guard pending[1] == "[" else {
            pending = []
            return
        }
        guard let final = pending.last, pending.count > 2, final.isLetter || final == "@" else { return }
        let parameters = String(pending.dropFirst(2).dropLast()).split(separator: ";").map { Int($0) ?? 0 }
        let n = max(1, parameters.first ?? 1)
        pending = []
        switch final {
        case "G": column = min(width - 1, n - 1)
        case "C": column = min(width - 1, column + n)
        case "D": column = max(0, column - n)
        case "A": row = max(0, row - n)
        case "B": row = min(rows.count - 1, row + n)
        case "H": row = min(rows.count - 1, n - 1); column = min(width - 1, max(1, parameters.count > 1 ? parameters[1] : 1) - 1)
        case "K": for index in column..<width { rows[row][index] = " " }
        case "J": for index in row..<rows.count { rows[index] = Array(repeating: " ", count: width) }
        case "P": rows[row].removeSubrange(column..<min(width, column + n)); rows[row] += Array(repeating: " ", count: width - rows[row].count)
        case "@": rows[row].insert(contentsOf: Array(repeating: " ", count: n), at: column); rows[row].removeLast(n)
        default: break
        }
    }
}
