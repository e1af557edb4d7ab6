/// Records read one at a time from a file: a CSV file (`CSVReader`) or a spreadsheet's sheet.
/// The first record is the header (number 0); `import` and `csv inspect` need nothing else.
public protocol RecordReader: AnyObject {
    /// The next record, or `nil` at the end; problems with a record are in its `error`.
    /// - Throws: only when the file cannot be read on.
    func next() throws(CSVFileError) -> CSVRecord?

    /// Counts the data records from here to the end, handing each one with an error to `report`.
    func countRecords(reportingErrors report: (CSVRecord) -> Void) throws(CSVFileError) -> Int

    /// The header, once `next()` has returned it.
    var header: CSVRecord? { get }

    /// Something to say once about the whole file, after reading it (why its rows have errors
    /// and what to do), or `nil`.
    var notice: String? { get }
}
