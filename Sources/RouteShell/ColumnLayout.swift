import RouteModel

/// Lays out names in columns across a terminal `width`, filled down then across like `ls`;
/// route ids come from the service, so control characters are shown escaped.
func columns(_ items: [String], width: Int) -> String {
    let items = items.map { TerminalText.escaped($0) }
    guard let widest = items.map(\.count).max() else { return "" }
    let columnWidth = widest + 2
    let columnCount = max(1, width / columnWidth)
    let rowCount = (items.count + columnCount - 1) / columnCount
    return (0..<rowCount).map { row in
        stride(from: row, to: items.count, by: rowCount).map { index in
            let item = items[index]
            let isLast = index + rowCount >= items.count
            return isLast ? item : item + String(repeating: " ", count: columnWidth - item.count)
        }.joined()
    }.joined(separator: "\n")
}

/// Lays out rows of cells as a table, one row a line, each column as wide as its widest cell
/// and two spaces from the next; the last cell is not padded.
func table(_ rows: [[String]]) -> String {
    let columnCount = rows.map(\.count).max() ?? 0
    let widths = (0..<columnCount).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
    return rows.map { cells in
        cells.enumerated().map { column, cell in
            column == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
        }.joined(separator: "  ")
    }.joined(separator: "\n")
}
