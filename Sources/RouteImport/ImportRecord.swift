#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RouteCSV
import RouteModel

/// The import that undo takes back: its journal, beside its result file, checked before anything
/// is sent — that it is there, that the result file is the one it wrote, that it is for this
/// provider and account, and that the import is finished (no row may have been applied without
/// anyone knowing).
enum ImportRecord {
    static func open(resultsPath: String, dialect: Dialect, account: String) throws(ImportError) -> Journal {
        let path = Journal.path(forResults: resultsPath)
        guard access(resultsPath, F_OK) == 0 else {
            // A stopped import writes its results as it stops; only a killed one leaves its journal alone.
            guard access(path, F_OK) == 0 else {
                throw .file("there is no \(resultsPath): undo takes the result file of an import")
            }
            throw .usage("""
                there is no \(resultsPath), only its journal: the import that writes it was stopped before it \
                finished. Finish it first with the same import command and --resume --results \(resultsPath), then undo it
                """)
        }
        guard access(path, F_OK) == 0 else {
            throw .usage("""
                there is no journal beside \(resultsPath) (\(path)): undo takes an import back from the journal \
                the import keeps beside its results, and without it nothing says what the routes were before
                """)
        }
        let journal = try Journal.openExisting(path: path, identity: nil)
        let identity = try journal.identity()
        if identity.isUndo {
            throw .usage("\(resultsPath) holds the results of an undo, not of an import: undo takes back an import")
        }
        if identity.dialect != dialect.rawValue {
            throw .usage("""
                \(resultsPath) is the result of a \(identity.dialect) import, and this connection is \(dialect.rawValue): \
                give the --profile or --provider the import used
                """)
        }
        if let recorded = try journal.recordedAccount(), recorded != account {
            throw .usage("""
                \(resultsPath) is the result of an import into \(recorded), and this connection is \(account): \
                give the --profile the import used
                """)
        }
        let unfinished = try journal.unfinishedRows(naming: 5)
        if unfinished.count > 0 {
            let rows = unfinished.first.map { "row \($0.row) \"\($0.key)\"" }.joined(separator: ", ")
            throw .usage("""
                the import that wrote \(resultsPath) is unfinished: \(unfinished.count == 1 ? "a row" : "\(unfinished.count) rows") \
                may have been applied without an answer (\(rows)\(unfinished.count > unfinished.first.count ? ", …" : "")). \
                Finish it first with the same import command and --resume --results \(resultsPath), then undo it
                """)
        }
        try checkSameRows(resultsPath, journal: journal, dialect: dialect, numbers: identity.isNumbers)
        return journal
    }

    /// The result file must say, row by row, what the journal says: a result file from another
    /// run beside this journal would have undo take back what the file does not show.
    private static func checkSameRows(_ resultsPath: String, journal: Journal, dialect: Dialect, numbers: Bool) throws(ImportError) {
        // A numbers import's rows are told apart by their number; a route import's by the route's id.
        let idColumn = numbers ? NumberColumn.number.rawValue : ResultColumns(schema: .forDialect(dialect), inputHeader: nil).header[4]
        do {
            let reader = try CSVReader(path: resultsPath)
            let header = try reader.next().map(Array.init) ?? []
            guard let rowAt = header.firstIndex(of: "row"), let statusAt = header.firstIndex(of: "status"),
                  let idAt = header.firstIndex(of: idColumn) else {
                throw ImportError.usage("\(resultsPath) is not an import's result file: its header has no row, status and \(idColumn) columns")
            }
            var journalRows = RecordedRows(journal: journal, dialect: dialect)
            while let record = try reader.next().map(Array.init) {
                guard record.count > max(rowAt, statusAt, idAt) else { continue }
                let recorded = try journalRows.next()
                let inFile = (record[rowAt], record[statusAt], record[idAt])
                guard let recorded, inFile == (String(recorded.row), recorded.status?.rawValue ?? "unprocessed",
                                               numbers ? recorded.key : recorded.id) else {
                    throw ImportError.usage("""
                        \(resultsPath) does not match its journal: the file has row \(record[rowAt]) \(record[statusAt]) \(record[idAt]) \
                        where the journal has \(recorded.map { "row \($0.row) \($0.status?.rawValue ?? "unprocessed") \(numbers ? $0.key : $0.id)" } ?? "no more rows"). \
                        Undo needs the result file the import wrote, with the journal it wrote beside it
                        """)
                }
            }
            if let extra = try journalRows.next() {
                throw ImportError.usage("\(resultsPath) does not match its journal: the journal has row \(extra.row), the file ends before it")
            }
        } catch let error as ImportError {
            throw error
        } catch {
            throw .file("\(resultsPath): \(error)")
        }
    }
}
