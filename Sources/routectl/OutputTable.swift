import Foundation
import RouteModel

/// Text laid out in aligned columns, the last one unpadded, the way `kubectl get` prints. Every
/// cell is shown with its control characters escaped (`⏎`, `\e`): cells hold route names and
/// file contents, which must neither split a row nor reach the terminal raw.
struct OutputTable {
    let header: [String]
    var rows: [[String]] = []
    /// Under the table, e.g. `3 routes`.
    var footer: String?

    init(header: [String], rows: [[String]] = [], footer: String? = nil) {
        self.header = header
        self.rows = rows
        self.footer = footer
    }

    /// The lines of the table; the header in bold where colour is allowed.
    var lines: [String] { lines(showingHeader: true) }

    /// The rows, sized as their own block (for tables printed in parts); a header that is not
    /// `bold` can go into a message, which is escaped as a whole.
    func lines(showingHeader: Bool, bold: Bool = true) -> [String] {
        let cells = ([header] + rows).map { $0.map { TerminalText.escaped($0) } }
        let columns = cells.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in cells.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            .joined(separator: "  ")
            .trimmingTrailingSpaces()
        }
        var lines = cells.dropFirst().map(line)
        if showingHeader { lines.insert(bold ? Terminal.bold(line(cells[0])) : line(cells[0]), at: 0) }
        if let footer { lines.append(footer) }
        return lines
    }

    /// Prints the table, through the pager when it is longer than the screen.
    func show(paging: Bool) {
        let output = PagedOutput(paging: paging)
        for line in lines { output.write(line) }
        output.finish()
    }

    /// `1 route`, `3 routes`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
