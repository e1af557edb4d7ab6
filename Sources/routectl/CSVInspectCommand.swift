import ArgumentParser
import RouteCSV
import RouteClient
import RouteImport
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
/// Exit status: 0 when `import` would take the file's header and every record is well-formed, 1
/// otherwise (each problem reported on stderr as `FILE:LINE: message`), 3 when the file cannot be
/// read, 64 on a usage error.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a CSV file's or .xlsx sheet's header, column mapping, first rows and errors.",
        discussion: """
            With --json, every record (header included) as one JSON array of strings per line, \
            secret columns masked. With --count, the number of data records after the header; \
            blank lines do not count. The header is checked as import checks it, against the \
            provider whose fields it names (Telegent, else Flowroute v1, else v2), in the same \
            words. A header that only splits on ';' or a tab is read with that delimiter unless \
            --delimiter is given. An .xlsx workbook is read like import reads it: the first sheet \
            or --sheet NAME, LINE being the row number. Errors go to stderr as FILE:LINE: message. \
            Exit status: 0 no errors, 1 import would refuse the header or some record had an \
            error, 3 unreadable file, 64 usage error.
            """
    )

    @Argument(help: "The CSV file or .xlsx workbook.")
    var file: String

    @Flag(help: "Print every record, header included, as a JSON array of strings per line.")
    var json = false

    @Flag(help: "Print the number of data records after the header.")
    var count = false

    @Option(help: "The field delimiter: ',', ';', 'tab' (or a tab character). A 'sep=X' first line in the file wins.")
    var delimiter: String?

    @Option(help: "The CSV file's encoding: \(TextEncoding.names). A byte order mark wins.")
    var encoding: String?

    @Option(help: "The sheet of an .xlsx workbook (default: the first).")
    var sheet: String?

    @Option(help: ArgumentHelp("A column import is told to skip (repeatable), as with import --ignore-column.", valueName: "name"))
    var ignoreColumn: [String] = []

    @Flag(help: "Print the overview straight to the terminal rather than through $PAGER.")
    var noPager = false

    /// Errors printed before the rest are only counted, so a broken file cannot flood the terminal.
    private static let errorsShown = 100
    private static let rowsShown = 10
    private static let cellWidth = 30

    func validate() throws {
        if json && count { throw ValidationError("--json and --count cannot be used together.") }
        if delimiter != nil && parsedDelimiter == nil {
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
        guard let delimiter else { return nil }
        let text = delimiter == "tab" || delimiter == "\\t" ? "\t" : delimiter
        guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first,
              CSVReader.Options.isValidDelimiter(scalar) else { return nil }
        return scalar
    }

    func run() throws {
        var errors = ErrorReport(file: file, limit: Self.errorsShown)
        do {
            let options = CSVReader.Options(delimiter: parsedDelimiter ?? ",",
                                            encoding: encoding.flatMap(TextEncoding.init(name:)) ?? .utf8)
            let opened = try InputHeader(path: file, options: options, delimiterGiven: delimiter != nil, sheet: sheet)
            if let notice = opened.notice { Terminal.printError("\(file): \(notice)") }
            defer { errors.notice = opened.reader.notice }
            let check = HeaderCheck(opened.header.map(Array.init), file: file, ignoring: ignoreColumn)
            if let header = opened.header { errors.note(header.error) }
            errors.refuse(check, line: opened.header?.line ?? 1)
            if json {
                try printJSON(opened, check, &errors)
            } else if count {
                print(try opened.reader.countRecords { errors.note($0.error) })
            } else {
                try printOverview(opened, check, &errors)
            }
        } catch {
            Terminal.printError("\(error)")
            throw ExitCode(3)
        }
        errors.finish()
        if errors.count > 0 || errors.refused { throw ExitCode(1) }
    }

    private func printJSON(_ opened: InputHeader, _ check: HeaderCheck, _ errors: inout ErrorReport) throws(CSVFileError) {
        var line: [UInt8] = []
        var output = StandardOutput()
        var record = opened.header
        while let current = record {
            if current.number > 0 { errors.note(current.error) }
            line.removeAll(keepingCapacity: true)
            Self.appendJSONArray(current, masking: current.number > 0 ? check.secretColumns : [], to: &line)
            output.write(line)
            record = try opened.reader.next()
        }
        output.flush()
    }

    private func printOverview(_ opened: InputHeader, _ check: HeaderCheck, _ errors: inout ErrorReport) throws(CSVFileError) {
        guard let header = opened.header else {
            print("\(file): empty file")
            return
        }
        let names = Array(header)
        var lines = ["\(file): \(header.count) columns, \(Self.describe(opened.reader))", ""]
        lines += OutputTable(header: ["#", "Column", check.schemaTitle], rows: names.indices.map { column in
            [String(column + 1), Self.cell(names[column]), check.mapping(of: column)]
        }).lines

        var rows: [[String]] = []
        var records = 0
        while let record = try opened.reader.next() {
            records += 1
            errors.note(record.error)
            if rows.count < Self.rowsShown {
                rows.append(record.enumerated().map { column, text in
                    check.secretColumns.contains(column) && !text.isEmpty ? Secret.mask(text) : Self.cell(text)
                })
            }
        }
        if !rows.isEmpty {
            lines += [""] + OutputTable(header: names.map(Self.cell), rows: rows).lines
            if records > rows.count { lines.append("… \(records - rows.count) more") }
        }
        let refused = check.problem != nil
        let problems = errors.count > 0 ? "\(errors.count) with errors (lines on stderr)" : refused ? "each well-formed" : "no errors"
        let verdict = refused ? "; import would refuse the header (why on stderr)" : ""
        lines += ["", OutputTable.count(records, "data record") + ", " + problems + verdict]
        let output = PagedOutput(paging: !noPager)
        for line in lines { output.write(line) }
        output.finish()
    }

    /// `delimiter ','` for a CSV file, `sheet "Routes"` for a workbook.
    private static func describe(_ reader: any RecordReader) -> String {
        if let sheet = (reader as? XLSXReader)?.sheetName { return "sheet \"\(sheet)\"" }
        guard let delimiter = (reader as? CSVReader)?.delimiter else { return "" }
        return "delimiter " + (delimiter == "\t" ? "tab" : "'\(delimiter)'")
    }

    /// A field as one short cell, long text cut with an ellipsis (the table escapes the rest).
    private static func cell(_ text: String) -> String {
        text.count > cellWidth ? String(text.prefix(cellWidth - 1)) + "…" : text
    }

    /// `["a","b"]` and a line feed, straight from the record's bytes; secret cells masked.
    private static func appendJSONArray(_ record: CSVRecord, masking secrets: Set<Int>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for index in record.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if secrets.contains(index) && !record[index].isEmpty {
                var masked = Secret.mask(record[index])
                masked.withUTF8 { JSON.appendString(utf8: $0, to: &out) }
            } else if record.error?.isInvalidText == true {
                // Show what a String shows: invalid bytes as U+FFFD, so the line stays valid JSON.
                var text = record[index]
                text.withUTF8 { JSON.appendString(utf8: $0, to: &out) }
            } else {
                record.withField(index) { JSON.appendString(utf8: $0.assumingMemoryBound(to: UInt8.self), to: &out) }
            }
        }
        out.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: "\n")])
    }
}

extension InspectCommand {
    /// Record errors as they come: the first ones on stderr, the rest counted.
    fileprivate struct ErrorReport {
        let file: String
        let limit: Int
        private(set) var count = 0
        /// Whether `import` would refuse the header.
        private(set) var refused = false
        /// Said once, after the record errors: why they happened and what to do.
        var notice: String?

        init(file: String, limit: Int) {
            self.file = file
            self.limit = limit
        }

        mutating func note(_ error: CSVError?) {
            guard let error else { return }
            count += 1
            if count <= limit { Terminal.printError("\(file):\(error.line): \(error.message)") }
        }

        /// What `import` would refuse the header for, in its words, one line each.
        mutating func refuse(_ check: HeaderCheck, line: Int) {
            guard let problem = check.problem else { return }
            refused = true
            if case .emptyFile = problem {
                Terminal.printError(problem.description)
                return
            }
            for message in problem.description.split(separator: "\n") { Terminal.printError("\(file):\(line): \(message)") }
        }

        func finish() {
            if count > limit { Terminal.printError("\(file): \(count - limit) more errors not shown") }
            if let notice { Terminal.printError(notice) }
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

    fileprivate static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            done += n
        }
    }
}
