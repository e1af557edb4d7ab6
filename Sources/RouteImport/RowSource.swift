import RouteCSV
import RouteModel

/// The input file (CSV or an .xlsx sheet) as rows: the header checked against the catalog before anything else, then
/// each record with its route or the reason it cannot be sent. Under `--from` the file is the other
/// provider's: its header and records are read with that provider's catalog, and each route is
/// translated to the account's before anything else sees it.
final class RowSource: RowReading {
    struct Row {
        let number: Int
        let line: Int
        /// The key cell as typed, for the result file.
        let key: String
        let route: Result<Route, RowProblem>
        /// Redacted cells for `--include-input`; empty otherwise.
        let input: [String]
        /// What `--from`'s translation carried over only with a note.
        let note: String
    }

    let columns: ColumnMap
    let header: [String]
    private let reader: any RecordReader
    private let keepsInput: Bool
    private let opened: InputHeader
    private let translation: RouteTranslation?

    /// Said once about the whole input after reading it: a delimiter found, or that it is not UTF-8.
    var notice: String? { opened.notices }

    init(path: String, schema: RouteSchema, options: ImportOptions) throws(ImportError) {
        (opened, header) = try InputHeader.opening(path, options: options)
        reader = opened.reader
        translation = options.from.map { RouteTranslation(from: $0.dialect(baseURL: nil), to: schema.dialect) }
        if let translation {
            columns = try Self.sourceColumns(header, path: path, translation: translation, ignoring: options.ignoredColumns)
        } else {
            do throws(ImportError) {
                columns = try ColumnMap(header: header, schema: schema, ignoring: options.ignoredColumns)
            } catch {
                throw Self.naming(path, error)
            }
        }
        self.keepsInput = options.includeInput
    }

    /// `--from`: the header must be the source provider's, every column it requires there; a file
    /// of the wrong provider is said to be one, with the header expected.
    private static func sourceColumns(
        _ header: [String], path: String, translation: RouteTranslation, ignoring ignored: [String]
    ) throws(ImportError) -> ColumnMap {
        let source = translation.source
        var problem: String
        do throws(ImportError) {
            let columns = try ColumnMap(header: header, schema: source, ignoring: ignored)
            let missing = source.fields.filter { field in
                field.requirement == .always && !columns.fields.contains { $0?.name == field.name }
            }
            if missing.isEmpty { return columns }
            problem = "no " + missing.map(\.name).joined(separator: ", ") + " column"
        } catch {
            switch error {
            case .unknownColumns(let unknown, _): problem = "unknown columns " + unknown.compactMap(\.field).joined(separator: ", ")
            case .missingKeyColumn(let field): problem = "no \(field) column"
            default: throw naming(path, error)
            }
        }
        let provider = translation.sourceProvider
        var message = "\(path): header: not a \(provider) routes CSV (\(problem)): --from \(provider.lowercased()) "
            + "expects \(translation.expectedHeader), as routectl export writes it"
        if (try? ColumnMap(header: header, schema: translation.target, ignoring: ignored)) != nil {
            message += "; the file reads as a \(translation.target.dialect.displayName) routes CSV: import it without --from"
        }
        throw .usage(message)
    }

    /// A header problem with each line naming the file, as every other problem with it does.
    private static func naming(_ path: String, _ error: ImportError) -> ImportError {
        .usage(error.description.split(separator: "\n").map { "\(path): \($0)" }.joined(separator: "\n"))
    }

    /// The input's header as `--include-input` repeats it after the result columns.
    var echoedHeader: [String] { columns.echoedColumns.map { header[$0] } }

    func number(of row: Row) -> Int { row.number }

    /// The next data row, or `nil` at the end of the file.
    func next() throws(ImportError) -> Row? {
        let record: CSVRecord
        do throws(CSVFileError) {
            guard let next = try reader.next() else { return nil }
            record = next
        } catch {
            throw .file(error.description)
        }
        let cells = Array(record)
        var route: Result<Route, RowProblem>
        var note = ""
        if let error = record.error {
            route = .failure(RowProblem(error.description))
        } else {
            route = columns.route(from: cells)
        }
        if let translation, case .success(let parsed) = route {
            switch translation.translate(parsed) {
            case .success(let translated):
                route = .success(translated.route)
                note = translated.notes.joined(separator: "; ")
            case .failure(let refusal):
                route = .failure(RowProblem(refusal.description))
            }
        }
        return Row(number: record.number, line: record.line, key: columns.key(in: cells), route: route,
                   input: keepsInput ? columns.redacted(cells) : [], note: note)
    }

    /// The next data row's number and key cell, without making its route: for checking a file
    /// against a journal.
    func nextKey() throws(ImportError) -> (number: Int, key: String)? {
        do throws(CSVFileError) {
            guard let record = try reader.next() else { return nil }
            return (record.number, columns.key(in: Array(record)))
        } catch {
            throw .file(error.description)
        }
    }

    /// Data records in a CSV file, for the progress line.
    func countRecords(path: String) -> Int? { opened.countRecords(path: path) }
}
