#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RouteCSV
import RouteModel

/// The result CSV: written from the journal in input order to a temporary file, flushed to disk
/// and renamed into place, so that readers never see half a file.
enum ResultFile {
    static func write(_ path: String, from journal: Journal, columns: ResultColumns) throws(ImportError) {
        let temporary = path + ".tmp"
        do throws(ImportError) {
            let writer: CSVWriter
            do throws(CSVFileError) {
                writer = try CSVWriter(path: temporary)
                try writer.write(columns.header)
            } catch {
                throw .file(error.description)
            }
            try journal.forEachResult { try writer.write(columns.cells(of: $0)) }
            do throws(CSVFileError) { try writer.sync() } catch { throw .file(error.description) }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            throw .file(CSVFileError("rename", path: temporary, code: errno).description)
        }
    }

    /// Every result as JSON (`--plan --output json`), in input order, with its index.
    static func forEachJSON(
        from journal: Journal, columns: ResultColumns, _ body: (_ index: Int, _ result: JSON) -> Void
    ) throws(ImportError) {
        var index = 0
        try journal.forEachResult { result in
            body(index, columns.json(of: result))
            index += 1
        }
    }
}
