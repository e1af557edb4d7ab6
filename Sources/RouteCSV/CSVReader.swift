#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads CSV records from a file descriptor as a stream.
///
/// The reader owns the I/O and the buffers; `CSVCore` owns the grammar. It reads large chunks,
/// lets records, doubled quotes and CRLFs span chunk boundaries, and keeps one record's worth of
/// bytes: memory is bounded by the longest record (and by `maxFieldSize` per field), whatever
/// the size of the file.
///
/// Call `next()` until it returns `nil`. The first record is the header (number 0). Records with
/// a problem come back like any other, with `error` set; reading always goes on after them. Only
/// a failing read ends the stream, by throwing. `countRecords(reportingErrors:)` counts the rest
/// of the file several times faster, handing out only the records that have an error.
///
/// Before the first record, a UTF-8 byte order mark is dropped, and an Excel `sep=X` first line
/// is consumed and makes `X` the delimiter (it wins over `Options.delimiter`, since the file says so).
public final class CSVReader {
    public struct Options: Sendable {
        /// An ASCII character other than a quote or a line break: `,`, `;` or tab in practice.
        public var delimiter: Unicode.Scalar
        /// The largest field accepted, in bytes; a larger one is an error, not an out-of-memory.
        public var maxFieldSize: Int
        /// How many bytes each read asks for.
        public var chunkSize: Int

        public init(delimiter: Unicode.Scalar = ",", maxFieldSize: Int = 1 << 20, chunkSize: Int = 1 << 16) {
            precondition(Self.isValidDelimiter(delimiter), "a CSV delimiter is one ASCII character other than a quote or a line break")
            precondition(maxFieldSize > 0 && chunkSize > 0)
            self.delimiter = delimiter
            self.maxFieldSize = maxFieldSize
            self.chunkSize = chunkSize
        }

        public static func isValidDelimiter(_ delimiter: Unicode.Scalar) -> Bool {
            delimiter.isASCII && !"\"\r\n".unicodeScalars.contains(delimiter)
        }
    }

    /// Enough input to see a BOM and a `sep=X` line before parsing starts.
    private static let lookahead = 16
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    private let fileDescriptor: Int32
    private let closesFileDescriptor: Bool
    private let name: String
    private let options: Options
    private var core: CSVCore

    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity: Int
    private var inputStart = 0
    private var inputEnd = 0
    private var atEndOfFile = false
    private var started = false

    /// Where the record being read goes; see `RecordStorage` for when it is reused.
    private var storage = RecordStorage()
    private var nextNumber = 0
    /// Records `countRecords` let the core pass over.
    private var skippedCount = 0

    /// Kept apart from `header` so that checking each record does not touch a stored record.
    private var headerCount: Int?

    /// The header (record 0), once `next()` has returned it.
    public private(set) var header: CSVRecord?

    /// The delimiter in use: the option's, or the one a `sep=` line chose (known after the first `next()`).
    public var delimiter: Unicode.Scalar { Unicode.Scalar(core.delimiter) }

    /// Opens `path` for reading; the reader closes it.
    /// - Throws: `cannot open routes.csv: No such file or directory`, and the like.
    public convenience init(path: String, options: Options = Options()) throws(CSVFileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CSVFileError("open", path: path, code: errno) }
        var status = stat()
        if fstat(fd, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR {
            close(fd)
            throw CSVFileError("open", path: path, code: EISDIR)
        }
        self.init(fileDescriptor: fd, name: path, closesFileDescriptor: true, options: options)
    }

    /// Reads from an open descriptor, which stays the caller's to close.
    public convenience init(fileDescriptor: Int32, options: Options = Options()) {
        self.init(fileDescriptor: fileDescriptor, name: "file descriptor \(fileDescriptor)",
                  closesFileDescriptor: false, options: options)
    }

    private init(fileDescriptor: Int32, name: String, closesFileDescriptor: Bool, options: Options) {
        self.fileDescriptor = fileDescriptor
        self.name = name
        self.closesFileDescriptor = closesFileDescriptor
        self.options = options
        self.core = CSVCore(delimiter: UInt8(options.delimiter.value))
        inputCapacity = max(options.chunkSize, Self.lookahead)
        input = .allocate(capacity: inputCapacity)
    }

    deinit {
        input.deallocate()
        if closesFileDescriptor { close(fileDescriptor) }
    }

    /// The next record, or `nil` at the end of the file.
    /// - Throws: only when the file cannot be read; problems with a record are in its `error`.
    public func next() throws(CSVFileError) -> CSVRecord? {
        try advance(skippingCleanRecordsOf: -1)
    }

    /// Counts the data records from here to the end of the file, handing each one that has an
    /// error to `report`. Much faster than a loop over `next()`: records without a problem are
    /// counted inside the parser and never handed out.
    public func countRecords(reportingErrors report: (CSVRecord) -> Void) throws(CSVFileError) -> Int {
        if nextNumber == 0, let header = try next(), header.error != nil { report(header) }
        skippedCount = 0
        var count = 0
        while let record = try advance(skippingCleanRecordsOf: headerCount ?? -1) {
            count += 1
            if record.error != nil { report(record) }
        }
        return count + skippedCount
    }

    private func advance(skippingCleanRecordsOf skippedFieldCount: Int) throws(CSVFileError) -> CSVRecord? {
        if !started { try start() }
        if !isKnownUniquelyReferenced(&storage) { storage = RecordStorage() }
        // Locals, not properties, in the loop: no exclusivity checks, no reloads.
        let storage = self.storage
        var core = self.core
        defer { self.core = core }
        var byteCount = 0
        var endCount = 0
        while true {
            let available = inputEnd - inputStart
            if available == 0 {
                if atEndOfFile {
                    if endCount + 1 > storage.endCapacity { storage.growEnds(keeping: endCount) }
                    guard core.finish(outputCount: byteCount, ends: storage.ends, endCount: &endCount) else {
                        takeSkipped(&core)
                        return nil
                    }
                    return takeRecord(&core, byteCount: byteCount, endCount: endCount)
                }
                inputStart = 0
                inputEnd = 0
                try fill(upTo: options.chunkSize)
                continue
            }
            // The core needs room for one output byte and one field end per input byte. When it
            // passes over records, room for a whole read lets it go through the read in one call.
            let passingOver = skippedFieldCount >= 0
            if byteCount == storage.byteCapacity || passingOver && storage.byteCapacity < inputCapacity {
                storage.growBytes(keeping: byteCount)
            }
            if endCount + 1 == storage.endCapacity || passingOver && storage.endCapacity <= inputCapacity {
                storage.growEnds(keeping: endCount)
            }
            // Stopping as the open field passes the limit finds every oversized field at the
            // same byte, wherever the reads end: a field that ends within the slice fits.
            let fieldRoom = options.maxFieldSize + 1 - (byteCount - fieldStart(storage, endCount))
            let room = min(available, storage.byteCapacity - byteCount, storage.endCapacity - endCount - 1, fieldRoom)
            let (consumed, recordEnded) = core.parse(
                UnsafeRawBufferPointer(start: input + inputStart, count: room),
                output: storage.bytes, outputCount: &byteCount, ends: storage.ends, endCount: &endCount,
                skippingCleanRecordsOf: skippedFieldCount)
            inputStart += consumed
            if recordEnded { return takeRecord(&core, byteCount: byteCount, endCount: endCount) }
            let fieldStart = fieldStart(storage, endCount)
            if byteCount - fieldStart > options.maxFieldSize {
                // Cut the field at the limit, end the record there and skip the rest of its line
                // (after a CR inside the field, the line has already ended).
                core.report(.fieldTooLarge(limit: options.maxFieldSize), field: endCount + 1, line: core.recordLine)
                byteCount = fieldStart + options.maxFieldSize
                storage.ends[endCount] = byteCount
                endCount += 1
                core.state = core.state == .quotedAfterCR ? .startRecordAfterCR : .skipLine
                return takeRecord(&core, byteCount: byteCount, endCount: endCount)
            }
        }
    }

    @inline(__always)
    private func fieldStart(_ storage: RecordStorage, _ endCount: Int) -> Int {
        endCount == 0 ? 0 : storage.ends[endCount - 1]
    }

    /// Drops a BOM and consumes a `sep=X` line.
    private func start() throws(CSVFileError) {
        started = true
        while inputEnd < Self.lookahead && !atEndOfFile { try fill(upTo: Self.lookahead - inputEnd) }
        let buffer = UnsafeBufferPointer(start: input, count: inputEnd)
        if buffer.starts(with: Self.bom) { inputStart = Self.bom.count }

        let sep = Array("sep=".utf8)
        let rest = buffer[inputStart...]
        guard rest.starts(with: sep), rest.count > sep.count else { return }
        let delimiter = rest[rest.startIndex + sep.count]
        let after = rest.startIndex + sep.count + 1
        let endsLine = after == rest.endIndex || rest[after] == CSVCore.cr || rest[after] == CSVCore.lf
        guard endsLine, Options.isValidDelimiter(Unicode.Scalar(delimiter)) else { return }
        // The line break is left to the core, which skips it as a blank line and counts it.
        core = CSVCore(delimiter: delimiter)
        inputStart = after
    }

    /// Appends up to `count` bytes from the descriptor to the input buffer.
    private func fill(upTo count: Int) throws(CSVFileError) {
        while true {
            let n = read(fileDescriptor, input + inputEnd, min(count, inputCapacity - inputEnd))
            if n > 0 {
                inputEnd += n
                return
            }
            if n == 0 {
                atEndOfFile = true
                return
            }
            if errno != EINTR { throw CSVFileError("read", path: name, code: errno) }
        }
    }

    /// Numbers and counts the records the core passed over.
    private func takeSkipped(_ core: inout CSVCore) {
        nextNumber += core.skippedRecords
        skippedCount += core.skippedRecords
        core.skippedRecords = 0
    }

    /// Hands out the record the core has just finished, with its first problem if it has one.
    private func takeRecord(_ core: inout CSVCore, byteCount: Int, endCount: Int) -> CSVRecord {
        takeSkipped(&core)
        let bytes = UnsafeRawBufferPointer(start: storage.bytes, count: byteCount)
        let ends = UnsafeBufferPointer(start: storage.ends, count: endCount)
        let line = core.recordLine
        var error = core.problem.map { CSVError($0.kind, line: $0.line, field: $0.field) }
        if error == nil, core.highBits & CSVCore.highMask != 0, let field = Self.invalidUTF8Field(bytes, ends) {
            error = CSVError(.invalidUTF8, line: line, field: field + 1)
        }
        if error == nil, let expected = headerCount, expected != endCount {
            error = CSVError(.fieldCount(expected: expected, found: endCount), line: line, field: nil)
        }
        core.clearProblem()

        let record = CSVRecord(number: nextNumber, line: line, error: error, storage: storage,
                               byteCount: byteCount, count: endCount)
        if nextNumber == 0 {
            header = record
            headerCount = endCount
        }
        nextNumber += 1
        return record
    }

    private static func invalidUTF8Field(_ bytes: UnsafeRawBufferPointer, _ ends: UnsafeBufferPointer<Int>) -> Int? {
        var start = 0
        for (index, end) in ends.enumerated() {
            if !UTF8Validation.isValid(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) { return index }
            start = end
        }
        return nil
    }
}
