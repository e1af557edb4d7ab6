import ArgumentParser
import RouteCSV
import RouteImport
import RouteXLSX

/// How an input file is read, for every command that imports one: its delimiter, encoding and sheet.
struct InputFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The input's field delimiter: one character, or \"tab\" (default , or the ; or tab a one-column header splits on).",
        valueName: "c"))
    var delimiter: String?

    @Option(help: ArgumentHelp("The CSV file's encoding: \(TextEncoding.names) (default utf-8; a byte order mark wins).",
                               valueName: "name"))
    var encoding: String?

    @Option(help: ArgumentHelp("The sheet of an .xlsx workbook to read (default: the first).", valueName: "name"))
    var sheet: String?

    /// Checks what can be checked before the file is opened; `file` is the input's path.
    func check(file: String) throws {
        if delimiter != nil && delimiterByte == nil {
            throw ValidationError("--delimiter must be one ASCII character other than a quote or a line break, or \"tab\"")
        }
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError("--encoding must be one of \(TextEncoding.names), not \"\(encoding)\"")
        }
        if encoding != nil && InputFile.isWorkbook(file) {
            throw ValidationError("--encoding is for CSV files: an .xlsx workbook is always Unicode")
        }
    }

    func apply(to options: inout ImportOptions) {
        options.delimiter = delimiterByte
        options.encoding = encoding.flatMap(TextEncoding.init(name:)) ?? options.encoding
        options.sheet = sheet
    }

    private var delimiterByte: UInt8? {
        guard let delimiter else { return nil }
        let text = ["tab", "\\t"].contains(delimiter.lowercased()) ? "\t" : delimiter
        guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first,
              CSVReader.Options.isValidDelimiter(scalar) else { return nil }
        return UInt8(scalar.value)
    }
}
