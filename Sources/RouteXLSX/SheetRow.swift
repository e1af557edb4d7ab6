/// One row of a sheet with something in it, as the sheet parser hands it to the reader.
struct SheetRow: Sendable {
    /// The spreadsheet's row number (1-based): the `line` of the record.
    let number: Int
    /// The cells' text from column A to the last cell with text; empty cells are "".
    let fields: [String]
    /// The first cell that could not be read, with its column (from 0).
    let problem: (column: Int, reason: String)?
}
