import Foundation
import RouteCSV
import RouteModel

/// Prints a list as it is read, so the first line is out long before a large account's last
/// item has arrived: JSON and CSV one item at a time, a table in blocks of a thousand rows whose
/// columns are sized per block (as psql's `FETCH_COUNT` does), with a count under it.
final class RowPrinter {
    private let format: OutputFormat
    private let header: [String]
    /// What the items are called in the count under a table: `route`, `number`.
    private let noun: String
    private var printed = 0
    private var headerShown = false
    private var block: [[String]] = []
    private let csv: CSVWriter?
    private let table: PagedOutput
    private static let blockSize = 1000

    /// `header` names the table's columns, or the CSV file's.
    init(format: OutputFormat, paging: Bool, header: [String], noun: String) throws {
        self.format = format
        self.header = header
        self.noun = noun
        table = PagedOutput(paging: paging && format == .table)
        guard format == .csv else {
            csv = nil
            return
        }
        fflush(nil)
        csv = CSVWriter(fileDescriptor: STDOUT_FILENO)
        try csv?.write(header)
    }

    /// One item: its cells under `header` (table and CSV), or its JSON; only the one the format
    /// needs is made.
    func add(cells: () -> [String], json: () -> JSON) throws {
        switch format {
        case .table:
            block.append(cells())
            if block.count == Self.blockSize { printBlock() }
        case .json:
            print(printed == 0 ? "[" : ",")
            print(OutputJSON.element(json()), terminator: "")
        case .csv:
            try csv?.write(Terminal.shown(cells()))
        }
        printed += 1
    }

    func finish() throws {
        switch format {
        case .table:
            printBlock()
            table.write(printed == 0 ? "(no \(noun)s)" : OutputTable.count(printed, noun))
            table.finish()
        case .json:
            print(printed == 0 ? "[]" : "\n]")
        case .csv:
            try csv?.flush()
        }
    }

    private func printBlock() {
        guard !block.isEmpty else { return }
        // The header once, above the first block.
        for line in OutputTable(header: header, rows: block).lines(showingHeader: !headerShown) { table.write(line) }
        headerShown = true
        block.removeAll(keepingCapacity: true)
    }
}
