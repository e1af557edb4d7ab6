import Foundation
import RouteCSV
import ZIPFoundation

/// Reads one sheet of an `.xlsx` workbook as records, the way `CSVReader` reads a CSV file: the
/// first row with text is the header (record 0), each later row with text a data record whose
/// `line` is the spreadsheet's row number. Rows are as wide as the header; a row with text
/// beyond the header's last column is a field count error, as in a CSV file.
///
/// The sheet is streamed: its XML is inflated and parsed on a thread that stays a bounded
/// number of rows ahead of `next()`. Only the shared strings table is read whole first.
public final class XLSXReader: RecordReader {
    /// How many parsed rows may wait for `next()`.
    static let rowsAhead = 256

    private let path: String
    /// The sheet being read.
    public let sheetName: String
    private let rows: BoundedChannel<SheetRow>
    private var headerWidth: Int?
    private var nextNumber = 0

    public private(set) var header: CSVRecord?
    public var notice: String? { nil }

    /// Opens `path` and starts reading the sheet named `sheet` (the first one when `nil`).
    /// - Throws: when the file is not a workbook, or has no such sheet (the message lists them).
    public init(path: String, sheet: String? = nil) throws(CSVFileError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CSVFileError("open", path: path, code: errno) }
        close(fd)
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw CSVFileError("read", path: path, reason: "not an .xlsx workbook (it is not a ZIP archive)")
        }
        let workbook: Workbook
        let cellText: CellText
        do throws(EntryXML.Failure) {
            workbook = try Workbook.read(archive)
            cellText = CellText(sharedStrings: try SharedStrings.read(archive), formats: try CellFormats.read(archive),
                                uses1904Dates: workbook.uses1904Dates)
        } catch {
            throw CSVFileError("read", path: path, reason: error.description)
        }
        guard let chosen = Self.choose(sheet, in: workbook.sheets) else {
            let names = workbook.sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
            let reason = sheet.map { "no sheet named \"\($0)\" (the sheets are \(names))" } ?? "the workbook has no sheet"
            throw CSVFileError("read", path: path, reason: reason)
        }
        sheetName = chosen.name
        rows = BoundedChannel(capacity: Self.rowsAhead)
        let job = SheetJob(archive: archive, part: chosen.path, cellText: cellText, rows: rows)
        let thread = Thread { job.run() }
        thread.name = "routectl sheet"
        thread.start()
    }

    deinit {
        rows.cancel()
    }

    /// An exact name first, then one that differs only in case.
    static func choose(_ name: String?, in sheets: [Workbook.Sheet]) -> Workbook.Sheet? {
        guard let name else { return sheets.first }
        return sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() }
    }

    public func next() throws(CSVFileError) -> CSVRecord? {
        let taken: SheetRow?
        do {
            taken = try rows.take()
        } catch {
            throw CSVFileError("read", path: path, reason: "\(error)")
        }
        guard let row = taken else { return nil }
        var fields = row.fields
        var error = row.problem.map { CSVError(.invalidCell($0.reason), line: row.number, field: $0.column + 1) }
        if let width = headerWidth {
            if fields.count > width {
                if error == nil { error = CSVError(.fieldCount(expected: width, found: fields.count), line: row.number, field: nil) }
            } else {
                fields += Array(repeating: "", count: width - fields.count)
            }
        } else {
            headerWidth = fields.count
        }
        let record = CSVRecord(number: nextNumber, line: row.number, fields: fields, error: error)
        if nextNumber == 0 { header = record }
        nextNumber += 1
        return record
    }

    public func countRecords(reportingErrors report: (CSVRecord) -> Void) throws(CSVFileError) -> Int {
        if nextNumber == 0, let header = try next(), header.error != nil { report(header) }
        var count = 0
        while let record = try next() {
            count += 1
            if record.error != nil { report(record) }
        }
        return count
    }

    /// The sheet thread's work: parse the sheet into the channel, then say how it ended.
    private final class SheetJob: @unchecked Sendable {
        // @unchecked: the archive is used only by this job once the reader has started it.
        let archive: Archive
        let part: String
        let cellText: CellText
        let rows: BoundedChannel<SheetRow>

        init(archive: Archive, part: String, cellText: CellText, rows: BoundedChannel<SheetRow>) {
            self.archive = archive
            self.part = part
            self.cellText = cellText
            self.rows = rows
        }

        func run() {
            let rows = self.rows
            let events = SheetEvents(cellText: cellText) { rows.put($0) }
            do throws(EntryXML.Failure) {
                try EntryXML.parse(part, in: archive, delegate: events)
                rows.finish()
            } catch {
                rows.finish(throwing: events.stopped ? nil : error)
            }
        }
    }
}
