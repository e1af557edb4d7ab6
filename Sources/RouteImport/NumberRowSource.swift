import RouteCSV
import RouteModel

/// A numbers file (CSV or an .xlsx sheet) as rows: the header `Number,Route[,FailoverRoute]`
/// checked before anything else, then each record with the number and the routes asked for, or
/// the reason it cannot be sent.
final class NumberRowSource: RowReading {
    struct Row {
        let number: Int
        let line: Int
        /// The number in E.164 when it is one, else its cell as typed, for the result file.
        let key: String
        let request: Result<Request, RowProblem>
    }

    /// What a row asks for: routes by name or id, as typed.
    struct Request {
        enum Failover {
            /// The file has no FailoverRoute column: the number keeps its failover.
            case kept
            /// An empty FailoverRoute cell: the number is to have none.
            case removed
            case route(String)
        }

        let number: PhoneNumber
        let route: String
        let failover: Failover
    }

    let header: [String]
    private let reader: any RecordReader
    private let opened: InputHeader
    /// The column of each of the file's columns, by position.
    private let columns: [NumberColumn: Int]

    var notice: String? { opened.notices }

    init(path: String, dialect: Dialect, options: ImportOptions) throws(ImportError) {
        (opened, header) = try InputHeader.opening(path, options: options)
        reader = opened.reader
        columns = try Self.columns(of: header, path: path, dialect: dialect)
    }

    /// Every column must be one of `NumberColumn`, once; Number and Route are required, and a
    /// failover only where the provider has one.
    private static func columns(of header: [String], path: String, dialect: Dialect) throws(ImportError) -> [NumberColumn: Int] {
        let expected = "expected the header \(NumberColumn.expectedHeader(dialect))"
        var columns: [NumberColumn: Int] = [:]
        for (position, cell) in header.enumerated() {
            guard let column = NumberColumn.named(cell) else {
                let hint = ColumnMap.delimiterHint(header).map { "; \($0)" } ?? ""
                throw .usage("\(path): header: column \(position + 1) \"\(cell)\" is not a numbers column: \(expected)\(hint)")
            }
            if let earlier = columns[column] {
                throw .usage("\(path): header: columns \(earlier + 1) and \(position + 1) are both \(column.rawValue)")
            }
            columns[column] = position
        }
        for required in [NumberColumn.number, .route] where columns[required] == nil {
            throw .usage("\(path): header: no \(required.rawValue) column: \(expected)")
        }
        if columns[.failoverRoute] != nil, !dialect.hasFailoverRoutes {
            throw .usage("\(path): header: a \(dialect.displayName) number has one voice route, so there is no "
                + "\(NumberColumn.failoverRoute.rawValue) column to import: \(expected)")
        }
        return columns
    }

    func number(of row: Row) -> Int { row.number }

    /// The next data row, or `nil` at the end of the file.
    func next() throws(ImportError) -> Row? {
        guard let record = try nextRecord() else { return nil }
        let cells = Array(record)
        let key = cell(.number, of: cells)
        let parsed = try? PhoneNumber(parsing: key)
        let request: Result<Request, RowProblem>
        if let error = record.error {
            request = .failure(RowProblem(error.description))
        } else if let column = NumberColumn.allCases.first(where: { cell($0, of: cells).utf8.contains(0) }) {
            // SQLite and the wire would cut the text there: such a cell is refused, as the catalog refuses it.
            request = .failure(RowProblem("\(column.rawValue): contains a NUL character (\\0), which no number or route name has"))
        } else {
            request = Self.request(number: key, route: cell(.route, of: cells),
                                   failover: columns[.failoverRoute] == nil ? nil : cell(.failoverRoute, of: cells))
        }
        return Row(number: record.number, line: record.line, key: parsed?.e164 ?? Self.visible(key), request: request)
    }

    /// The next data row's number and key, for checking a file against a journal.
    func nextKey() throws(ImportError) -> (number: Int, key: String)? {
        guard let record = try nextRecord() else { return nil }
        let key = cell(.number, of: Array(record))
        return (record.number, (try? PhoneNumber(parsing: key))?.e164 ?? Self.visible(key))
    }

    /// A cell as the journal and the result file can hold it whole: a NUL shown as `\0`.
    private static func visible(_ cell: String) -> String {
        cell.replacingOccurrences(of: "\0", with: "\\0")
    }

    /// Data records in a CSV file, for the progress line.
    func countRecords(path: String) -> Int? { opened.countRecords(path: path) }

    private func nextRecord() throws(ImportError) -> CSVRecord? {
        do throws(CSVFileError) { return try reader.next() } catch { throw .file(error.description) }
    }

    private func cell(_ column: NumberColumn, of cells: [String]) -> String {
        guard let position = columns[column], position < cells.count else { return "" }
        return cells[position]
    }

    private static func request(number: String, route: String, failover: String?) -> Result<Request, RowProblem> {
        let parsed: PhoneNumber
        do throws(PhoneNumberError) { parsed = try PhoneNumber(parsing: number) } catch {
            return .failure(RowProblem("\(NumberColumn.number.rawValue): \(error)"))
        }
        guard !route.isEmpty else {
            return .failure(RowProblem("\(NumberColumn.route.rawValue): empty: give the name or the id of the route the number is to use"))
        }
        let wanted: Request.Failover = switch failover {
        case nil: .kept
        case ""?: .removed
        case let name?: .route(name)
        }
        return .success(Request(number: parsed, route: route, failover: wanted))
    }
}
