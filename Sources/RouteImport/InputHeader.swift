import RouteCSV
import RouteXLSX

/// An input file opened and its header read, the way `import` and `csv inspect` both do. A CSV
/// file read with the default `,` whose header is one column that `;` or a tab would split is
/// read again with that delimiter: Excel saves `;` where the decimal separator is a comma, and
/// tabs as "Unicode text". A delimiter given explicitly is never second-guessed.
public struct InputHeader {
    public let reader: any RecordReader
    /// `nil` for an empty file.
    public let header: CSVRecord?
    /// The delimiter found this way, to be said to the person.
    public let detectedDelimiter: Unicode.Scalar?
    /// The options the reader was opened with, for reading the file again.
    public let options: CSVReader.Options

    public init(path: String, options: CSVReader.Options, delimiterGiven: Bool, sheet: String?) throws(CSVFileError) {
        var options = options
        var reader = try InputFile.reader(path, options: options, sheet: sheet)
        var header = try reader.next()
        var detected: Unicode.Scalar?
        if !delimiterGiven, let csv = reader as? CSVReader, csv.delimiter == ",", let first = header, first.count == 1,
           let delimiter = Self.likelyDelimiter(first[0]) {
            options.delimiter = delimiter
            reader = try InputFile.reader(path, options: options, sheet: sheet)
            header = try reader.next()
            detected = delimiter
        }
        self.reader = reader
        self.header = header
        self.detectedDelimiter = detected
        self.options = options
    }

    /// `;` or tab, whichever splits a one-column header into more parts.
    static func likelyDelimiter(_ cell: String) -> Unicode.Scalar? {
        let candidates: [Unicode.Scalar] = [";", "\t"]
        let counts = candidates.map { delimiter in (delimiter, cell.unicodeScalars.filter { $0 == delimiter }.count) }
        guard let best = counts.max(by: { $0.1 < $1.1 }), best.1 > 0 else { return nil }
        return best.0
    }

    /// `reading it with --delimiter ';'`, said once on stderr.
    public var notice: String? {
        detectedDelimiter.map { "the header is separated by \($0 == "\t" ? "tabs" : "'\($0)'"): reading the file with --delimiter "
            + ($0 == "\t" ? "tab" : "'\($0)'") }
    }
}
