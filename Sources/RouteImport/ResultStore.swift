#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RouteCSV

/// Where results go as rows finish, and how they end up in input order.
///
/// Every result is appended to a journal (`NAME.results.csv.partial`) and written through to the
/// file at once, so a crash loses none that finished. The store remembers only where each row's
/// latest line sits in the journal (a few bytes per row), so at the end it can copy the lines into
/// the result file in input order without holding them in memory, then rename it into place.
actor ResultStore {
    /// Where a row's latest result line is in the journal, and its status: 16 bytes a row.
    private struct Slot {
        var offset: UInt64 = 0
        var length: UInt32 = 0
        var status: RowStatus?
    }

    let path: String
    let journalPath: String
    private let columns: ResultColumns
    private let journal: Int32
    private let writer: CSVWriter
    private var journalSize = 0
    /// The header line is the journal's first bytes.
    private var headerLength = 0
    /// Indexed by row - 1.
    private var slots: [Slot] = []
    private(set) var counts: [RowStatus: Int] = [:]

    /// Starts a journal for `path`. When `carryingOver` previous results (`--resume`), the old
    /// result file and journal are copied into the new journal first, later lines winning.
    /// - Parameter expectedRows: the input's row count, so the index is allocated once.
    init(path: String, columns: ResultColumns, carryingOver: Bool, expectedRows: Int) async throws(ImportError) {
        self.path = path
        self.journalPath = path + ".partial"
        self.columns = columns
        let fresh = journalPath + ".new"
        let fd = open(fresh, O_RDWR | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .file(CSVFileError("create", path: fresh, code: errno).description) }
        journal = fd
        writer = CSVWriter(fileDescriptor: fd)
        slots.reserveCapacity(expectedRows)
        do throws(ImportError) {
            do throws(CSVFileError) {
                try writer.write(columns.header)
                try writer.flush()
            } catch {
                throw .file(error.description)
            }
            journalSize = Int(lseek(fd, 0, SEEK_CUR))
            headerLength = journalSize
            if carryingOver {
                try carryOver(from: path)
                try carryOver(from: journalPath)
            }
            guard rename(fresh, journalPath) == 0 else {
                throw .file(CSVFileError("rename", path: fresh, code: errno).description)
            }
        } catch {
            unlink(fresh)
            throw error
        }
    }

    deinit { close(journal) }

    /// Whether an earlier run's results were found and carried over.
    var hasCarriedOver: Bool { !slots.isEmpty }

    /// The status a row had before this run (or has now), `nil` if it has none.
    func status(ofRow row: Int) -> RowStatus? {
        row <= slots.count ? slots[row - 1].status : nil
    }

    /// Appends `result` and returns the counts per status so far.
    @discardableResult
    func record(_ result: RowResult) throws(ImportError) -> [RowStatus: Int] {
        do throws(CSVFileError) {
            try writer.write(columns.cells(of: result))
            try writer.flush()
        } catch {
            throw .file(error.description)
        }
        let end = Int(lseek(journal, 0, SEEK_CUR))
        remember(row: result.row, status: result.status, offset: journalSize, length: end - journalSize)
        journalSize = end
        return counts
    }

    /// Writes the result file in input order, replaces the old one atomically and removes the journal.
    func finish() throws(ImportError) {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .file(CSVFileError("create", path: temporary, code: errno).description) }
        defer { close(fd) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 17)
        do throws(CSVFileError) {
            try copy(offset: 0, length: headerLength, into: &buffer, fd: fd)
            for slot in slots where slot.status != nil {
                try copy(offset: Int(slot.offset), length: Int(slot.length), into: &buffer, fd: fd)
            }
            try drain(&buffer, to: fd, path: temporary)
            guard fsync(fd) == 0 else { throw CSVFileError("write", path: temporary, code: errno) }
        } catch {
            throw .file(error.description)
        }
        guard rename(temporary, path) == 0 else {
            throw .file(CSVFileError("rename", path: temporary, code: errno).description)
        }
        unlink(journalPath)
    }

    // MARK: - Private

    private func remember(row: Int, status: RowStatus, offset: Int, length: Int) {
        if row > slots.count { slots.append(contentsOf: repeatElement(Slot(), count: row - slots.count)) }
        if let old = slots[row - 1].status { counts[old, default: 0] -= 1 }
        slots[row - 1] = Slot(offset: UInt64(offset), length: UInt32(length), status: status)
        counts[status, default: 0] += 1
    }

    /// Copies the rows of an earlier result file or journal, if there is one, into the new journal.
    private func carryOver(from source: String) throws(ImportError) {
        guard access(source, F_OK) == 0 else { return }
        let fixed = Array(columns.header.prefix(ResultColumns.fixedCount))
        let reader: CSVReader
        let header: CSVRecord?
        do throws(CSVFileError) {
            reader = try CSVReader(path: source)
            header = try reader.next()
        } catch {
            throw .file(error.description)
        }
        guard let header, Array(header.prefix(ResultColumns.fixedCount)) == fixed else {
            throw .unusableResults("\(source) is not a result file of this import: its header does not start with "
                + fixed.joined(separator: ","))
        }
        do throws(CSVFileError) {
            while let record = try reader.next() {
                guard record.error == nil, let row = Int(record[0]), row > 0,
                      let status = RowStatus(rawValue: record[3]) else { continue }
                try writer.write(record)
                try writer.flush()
                let end = Int(lseek(journal, 0, SEEK_CUR))
                remember(row: row, status: status, offset: journalSize, length: end - journalSize)
                journalSize = end
            }
        } catch {
            throw .file(error.description)
        }
    }

    private func copy(offset: Int, length: Int, into buffer: inout [UInt8], fd: Int32) throws(CSVFileError) {
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: length))
        var done = 0
        while done < length {
            let n = buffer.withUnsafeMutableBytes { pread(journal, $0.baseAddress! + start + done, length - done, off_t(offset + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw CSVFileError("read", path: journalPath, code: n < 0 ? errno : EIO) }
            done += n
        }
        if buffer.count >= 1 << 16 { try drain(&buffer, to: fd, path: path + ".tmp") }
    }

    private func drain(_ buffer: inout [UInt8], to fd: Int32, path: String) throws(CSVFileError) {
        var written = 0
        while written < buffer.count {
            let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw CSVFileError("write", path: path, code: errno) }
            written += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
