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
