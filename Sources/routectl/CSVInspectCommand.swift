import ArgumentParser
import RouteCSV
import RouteClient
import RouteModel
import RouteXLSX
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `routectl csv …`: how routectl reads a CSV file.
struct CSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Look at a CSV file or an .xlsx sheet the way import reads it.",
        subcommands: [InspectCommand.self]
    )
}

/// `routectl csv inspect FILE [--json | --count] [--delimiter C] [--encoding NAME] [--sheet NAME]`
///
/// Exit status: 0 when every record is well-formed, 1 when any record has an error (each is
/// reported on stderr as `FILE:LINE: message`), 3 when the file cannot be read, 64 on a usage error.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a CSV file's or .xlsx sheet's header, column mapping, first rows and errors.",
        discussion: """
            With --json, every record (header included) as one JSON array of strings per line.
            With --count, the number of data records after the header; blank lines do not count.
            An .xlsx workbook is read like import reads it: the first sheet or --sheet NAME, LINE \
            being the row number. Errors go to stderr as FILE:LINE: message. Exit status: 0 no errors, 1 some record \
            had an error, 3 unreadable file, 64 usage error.
            """
    )

    @Argument(help: "The CSV file or .xlsx workbook.")
    var file: String

    @Flag(help: "Print every record, header included, as a JSON array of strings per line.")
    var json = false

    @Flag(help: "Print the number of data records after the header.")
    var count = false

    @Option(help: "The field delimiter: ',', ';', 'tab' (or a tab character). A 'sep=X' first line in the file wins.")
    var delimiter: String = ","

    @Option(help: "The CSV file's encoding: \(TextEncoding.names). A byte order mark wins.")
    var encoding: String?

    @Option(help: "The sheet of an .xlsx workbook (default: the first).")
    var sheet: String?

    /// Errors printed before the rest are only counted, so a broken file cannot flood the terminal.
    private static let errorsShown = 100
    private static let rowsShown = 10
    private static let cellWidth = 30

    func validate() throws {
        if json && count { throw ValidationError("--json and --count cannot be used together.") }
        if parsedDelimiter == nil {
            throw ValidationError("--delimiter must be one ASCII character other than a quote or a line break, or 'tab'.")
        }
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError("--encoding must be one of \(TextEncoding.names), not '\(encoding)'.")
        }
        if encoding != nil && InputFile.isWorkbook(file) {
            throw ValidationError("--encoding is for CSV files: an .xlsx workbook is always Unicode.")
        }
    }

    private var parsedDelimiter: Unicode.Scalar? {
        let text = delimiter == "tab" || delimiter == "\\t" ? "\t" : delimiter
        guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first,
              CSVReader.Options.isValidDelimiter(scalar) else { return nil }
        return scalar
    }

    func run() throws {
        let name = file
        var errors = ErrorReport(file: name, limit: Self.errorsShown)
        do {
            let options = CSVReader.Options(delimiter: parsedDelimiter ?? ",",
                                            encoding: encoding.flatMap(TextEncoding.init(name:)) ?? .utf8)
            let reader = try InputFile.reader(file, options: options, sheet: sheet)
            defer { errors.notice = reader.notice }
            if json {
                try printJSON(reader, &errors)
            } else if count {
                print(try reader.countRecords { errors.note($0.error) })
            } else {
                try printOverview(reader, &errors)
            }
        } catch {
            Self.printError("\(error)")
            throw ExitCode(3)
        }
        errors.finish()
        if errors.count > 0 { throw ExitCode(1) }
    }

    private func printJSON(_ reader: any RecordReader, _ errors: inout ErrorReport) throws(CSVFileError) {
        var line: [UInt8] = []
        var output = StandardOutput()
        while let record = try reader.next() {
            errors.note(record.error)
            line.removeAll(keepingCapacity: true)
            JSON.appendArray(record, to: &line)
            output.write(line)
        }
        output.flush()
    }

    private func printOverview(_ reader: any RecordReader, _ errors: inout ErrorReport) throws(CSVFileError) {
        guard let header = try reader.next() else {
            print("\(file): empty file")
            return
        }
        errors.note(header.error)
        print("\(file): \(header.count) columns, \(Self.describe(reader))")
        print()
        let names = Array(header)
        let nameWidth = min(names.map(\.count).max() ?? 0, Self.cellWidth)
        for (index, name) in names.enumerated() {
            let shown = Self.cell(name)
            print("  \(Self.padded(String(index + 1), to: 3))  \(Self.padded(shown, to: nameWidth))  \(Self.mapping(of: name))")
        }

        // Secret columns (VoicePasswordToken) are shown masked, as everywhere else.
        let secretColumns = Set(names.indices.filter { Self.isSecret(names[$0]) })
        var rows: [[String]] = []
        var records = 0
        while let record = try reader.next() {
            records += 1
            errors.note(record.error)
            if rows.count < Self.rowsShown {
                rows.append(record.enumerated().map { column, text in
                    secretColumns.contains(column) && !text.isEmpty ? Secret.mask(text) : Self.cell(text)
                })
            }
        }

        if !rows.isEmpty {
            print()
            let table = [names.map(Self.cell)] + rows
            let columns = table.map(\.count).max() ?? 0
            let widths = (0..<columns).map { column in table.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
            for (index, row) in table.enumerated() {
                let cells = row.enumerated().map { $0.offset == row.count - 1 ? $0.element : Self.padded($0.element, to: widths[$0.offset]) }
                print(cells.joined(separator: "  "))
                if index == 0 { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
            }
            if records > rows.count { print("… \(records - rows.count) more") }
        }
        print()
        let errorSummary = errors.count == 0 ? "no errors" : "\(errors.count) with errors (lines on stderr)"
        print("\(records) data record\(records == 1 ? "" : "s"), \(errorSummary)")
    }

    /// Which route field a column feeds, in the first dialect that knows it.
    private static func mapping(of column: String) -> String {
        for schema in [RouteSchema.telegent, RouteSchema.flowrouteV1] {
            if let field = schema.field(named: column) { return "→ \(schema.dialect.displayName) \(field.name)" }
        }
        let suggestions = RouteSchema.telegent.suggestions(for: column)
        if suggestions.isEmpty { return "unknown column" }
        return "unknown column (did you mean \(suggestions.joined(separator: ", "))?)"
    }

    private static func isSecret(_ column: String) -> Bool {
        [RouteSchema.telegent, RouteSchema.flowrouteV1].contains { $0.field(named: column)?.isSecret == true }
    }

    /// `delimiter ','` for a CSV file, `sheet "Routes"` for a workbook.
    private static func describe(_ reader: any RecordReader) -> String {
        if let sheet = (reader as? XLSXReader)?.sheetName { return "sheet \"\(sheet)\"" }
        guard let delimiter = (reader as? CSVReader)?.delimiter else { return "" }
        return "delimiter " + (delimiter == "\t" ? "tab" : "'\(delimiter)'")
    }

    /// A field as one short line: line breaks shown as ⏎, long text cut with an ellipsis.
    private static func cell(_ text: String) -> String {
        let flat = String(text.map { $0.isNewline ? "⏎" : $0 })
        return flat.count > cellWidth ? String(flat.prefix(cellWidth - 1)) + "…" : flat
    }
}

extension InspectCommand {
    /// Record errors as they come: the first ones on stderr, the rest counted.
    fileprivate struct ErrorReport {
        let file: String
        let limit: Int
        private(set) var count = 0
        /// Said once, after the record errors: why they happened and what to do.
        var notice: String?

        init(file: String, limit: Int) {
            self.file = file
            self.limit = limit
        }

        mutating func note(_ error: CSVError?) {
            guard let error else { return }
            count += 1
            if count <= limit { InspectCommand.printError("\(file):\(error.line): \(error.message)") }
        }

        func finish() {
            if count > limit { InspectCommand.printError("\(file): \(count - limit) more errors not shown") }
            if let notice { InspectCommand.printError(notice) }
        }
    }

    /// JSON text for records, written straight from their bytes.
    fileprivate enum JSON {
        private static let hex = Array("0123456789abcdef".utf8)

        /// `["a","b"]` and a line feed.
        static func appendArray(_ record: CSVRecord, to out: inout [UInt8]) {
            out.append(UInt8(ascii: "["))
            for index in record.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if record.error?.isInvalidText == true {
                    // Show what a String shows: invalid bytes as U+FFFD, so the line stays valid JSON.
                    Array(record[index].utf8).withUnsafeBytes { appendString($0, to: &out) }
                } else {
                    record.withField(index) { appendString($0, to: &out) }
                }
            }
            out.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: "\n")])
        }

        /// Copies runs of plain bytes whole; only quotes, backslashes and control bytes are escaped.
        private static func appendString(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
            let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
            out.append(quote)
            var plain = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == quote || byte == backslash {
                out.append(contentsOf: bytes[plain..<index])
                plain = index + 1
                switch byte {
                case quote, backslash: out.append(contentsOf: [backslash, byte])
                case UInt8(ascii: "\n"): out.append(contentsOf: [backslash, UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): out.append(contentsOf: [backslash, UInt8(ascii: "r")])
                case UInt8(ascii: "\t"): out.append(contentsOf: [backslash, UInt8(ascii: "t")])
                default: out.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            out.append(contentsOf: bytes[plain...])
            out.append(quote)
        }
    }

    /// Standard output through a large buffer: one write(2) per 64 KiB, not per line.
    fileprivate struct StandardOutput {
        private var buffer: [UInt8] = []

        mutating func write(_ bytes: [UInt8]) {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 16 { flush() }
        }

        mutating func flush() {
            buffer.withUnsafeBytes { InspectCommand.writeAll(STDOUT_FILENO, $0) }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    fileprivate static func printError(_ message: String) {
        Array((message + "\n").utf8).withUnsafeBytes { writeAll(STDERR_FILENO, $0) }
    }

    fileprivate static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            done += n
        }
    }

    fileprivate static func padded(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
