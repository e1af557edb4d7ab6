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
/// Before the first record, a byte order mark is dropped (a UTF-16 one also sets the encoding),
/// and an Excel `sep=X` first line is consumed and makes `X` the delimiter (it wins over
/// `Options.delimiter`, since the file says so).
///
/// Input in another encoding is decoded to UTF-8 a chunk at a time between the read and the
/// core; UTF-8 input is parsed straight from the read buffer, with no decoding or copy.
public final class CSVReader: RecordReader {
    public struct Options: Sendable {
        /// An ASCII character other than a quote or a line break: `,`, `;` or tab in practice.
        public var delimiter: Unicode.Scalar
        /// The largest field accepted, in bytes; a larger one is an error, not an out-of-memory.
        public var maxFieldSize: Int
        /// The most fields a record may have; more is an error, not gigabytes of field ends.
        public var maxFieldCount: Int
        /// How many bytes each read asks for.
        public var chunkSize: Int
        /// What the file's bytes are, unless a byte order mark says otherwise.
        public var encoding: TextEncoding

        /// 16,384 columns: the most a spreadsheet can have, and far more than any route file.
        public static let defaultMaxFieldCount = 1 << 14

        public init(
            delimiter: Unicode.Scalar = ",", encoding: TextEncoding = .utf8, maxFieldSize: Int = 1 << 20,
            maxFieldCount: Int = defaultMaxFieldCount, chunkSize: Int = 1 << 16
        ) {
            precondition(Self.isValidDelimiter(delimiter), "a CSV delimiter is one ASCII character other than a quote or a line break")
            precondition(maxFieldSize > 0 && maxFieldCount > 0 && chunkSize > 0)
            self.delimiter = delimiter
            self.encoding = encoding
            self.maxFieldSize = maxFieldSize
            self.maxFieldCount = maxFieldCount
            self.chunkSize = chunkSize
        }

        public static func isValidDelimiter(_ delimiter: Unicode.Scalar) -> Bool {
            delimiter.isASCII && !"\"\r\n".unicodeScalars.contains(delimiter)
        }
    }

    /// Enough input to see a BOM and a `sep=X` line before parsing starts.
    private static let lookahead = 16

    private let fileDescriptor: Int32
    private let closesFileDescriptor: Bool
    private let name: String
    private let options: Options
    private var core: CSVCore

    /// UTF-8 for the core: read into directly, or decoded into from `raw`.
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity: Int
    private var inputStart = 0
    private var inputEnd = 0
    /// No more input will come.
    private var atEndOfFile = false
    private var started = false

    /// Set when the file is not UTF-8: the bytes read and not yet decoded are `raw[rawStart..<rawEnd]`.
    private var decoder: TextDecoder?
    private var raw: UnsafeMutableRawBufferPointer?
    private var rawStart = 0
    private var rawEnd = 0
    private var descriptorAtEnd = false
    /// Where the descriptor stood before the first read, so that a problem can be read again
    /// with `pread`; -1 when it cannot (a pipe).
    private let startOffset: Int

    /// Where the file first stops being UTF-8 (files read as UTF-8 only), once a record with
    /// invalid UTF-8 has been read.
    public private(set) var invalidUTF8: InvalidUTF8?

    public var notice: String? { invalidUTF8?.description }

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
        startOffset = Int(lseek(fileDescriptor, 0, SEEK_CUR))
    }

    deinit {
        input.deallocate()
        raw?.deallocate()
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
        let passingOver = skippedFieldCount >= 0
        var byteCount = 0
        var endCount = 0
        while true {
            // The core stops when these are full; room for a whole read lets it pass over
            // records through a read in one call.
            if byteCount == storage.byteCapacity || passingOver && storage.byteCapacity < inputCapacity {
                storage.growBytes(keeping: byteCount)
            }
            if endCount + 1 >= storage.endCapacity || passingOver && storage.endCapacity <= inputCapacity {
                storage.growEnds(keeping: endCount)
            }
            let available = inputEnd - inputStart
            if available == 0 && !atEndOfFile {
                inputStart = 0
                inputEnd = 0
                try fill(upTo: options.chunkSize)
                continue
            }
            let stop: CSVCore.Stop
            if available == 0 {
                stop = core.finish(outputCount: byteCount, ends: storage.endBuffer, endCount: &endCount)
                if stop == .inputUsed {
                    takeSkipped(&core)
                    return nil
                }
            } else {
                // Stopping as the open field passes the size limit, or the record the field
                // count limit, finds every oversized one at the same byte, wherever the reads
                // end: each input byte adds at most one byte and one field end.
                let fieldRoom = options.maxFieldSize + 1 - (byteCount - fieldStart(storage, endCount))
                let fieldCountRoom = options.maxFieldCount + 1 - endCount
                let slice = UnsafeRawBufferPointer(start: input + inputStart, count: min(available, fieldRoom, fieldCountRoom))
                let consumed: Int
                (consumed, stop) = core.parse(slice, output: storage.byteBuffer, outputCount: &byteCount,
                                              ends: storage.endBuffer, endCount: &endCount,
                                              skippingCleanRecordsOf: skippedFieldCount)
                inputStart += consumed
            }
            if endCount > options.maxFieldCount {
                // Keep the fields up to the limit; the rest of the line is skipped.
                core.report(.tooManyFields(limit: options.maxFieldCount), field: endCount, line: core.recordLine)
                endCount = options.maxFieldCount
                byteCount = storage.ends[endCount - 1]
                if stop != .recordEnded { core.state = core.state == .quotedAfterCR ? .startRecordAfterCR : .skipLine }
                return takeRecord(&core, byteCount: byteCount, endCount: endCount)
            }
            if stop == .recordEnded { return takeRecord(&core, byteCount: byteCount, endCount: endCount) }
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

    /// Settles the encoding from a byte order mark or the options, drops the mark, and consumes
    /// a `sep=X` line.
    private func start() throws(CSVFileError) {
        started = true
        while inputEnd < Self.lookahead && !atEndOfFile { try fill(upTo: Self.lookahead - inputEnd) }
        let (source, bom) = TextEncoding.resolve(options.encoding, prefix: UnsafeBufferPointer(start: input, count: inputEnd))
        inputStart = bom
        if let source {
            // What was read so far is not UTF-8: it becomes the first undecoded bytes.
            let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: inputCapacity, alignment: 1)
            rawEnd = inputEnd - inputStart
            raw.baseAddress!.copyMemory(from: input + inputStart, byteCount: rawEnd)
            self.raw = raw
            decoder = TextDecoder(source: source)
            descriptorAtEnd = atEndOfFile
            atEndOfFile = false
            inputStart = 0
            inputEnd = 0
            while inputEnd + TextDecoder.maxCharacterBytes <= Self.lookahead && !atEndOfFile {
                try fill(upTo: Self.lookahead - inputEnd)
            }
        }

        let sep = Array("sep=".utf8)
        let rest = UnsafeBufferPointer(start: input, count: inputEnd)[inputStart...]
        if rest.starts(with: sep), rest.count > sep.count {
            let delimiter = rest[rest.startIndex + sep.count]
            let after = rest.startIndex + sep.count + 1
            let endsLine = after == rest.endIndex || rest[after] == CSVCore.cr || rest[after] == CSVCore.lf
            if endsLine, Options.isValidDelimiter(Unicode.Scalar(delimiter)) {
                // The line break is left to the core, which skips it as a blank line and counts it.
                core = CSVCore(delimiter: delimiter)
                inputStart = after
            }
        }
        // File offsets, for finding invalid UTF-8 again (only UTF-8 input is read in place).
        core.position = inputStart
    }

    /// Appends up to `count` bytes of UTF-8 to the input buffer (at least the next character
    /// when decoding): read straight from the descriptor, or decoded from it.
    private func fill(upTo count: Int) throws(CSVFileError) {
        guard let decoder, let raw else {
            let n = try readBytes(into: input + inputEnd, count: min(count, inputCapacity - inputEnd))
            inputEnd += n
            atEndOfFile = n == 0
            return
        }
        let output = UnsafeMutableRawBufferPointer(
            start: input + inputEnd, count: min(max(count, TextDecoder.maxCharacterBytes), inputCapacity - inputEnd))
        while true {
            let (consumed, written) = decoder.decode(UnsafeRawBufferPointer(rebasing: raw[rawStart..<rawEnd]), into: output)
            rawStart += consumed
            inputEnd += written
            if written > 0 { return }
            if descriptorAtEnd {
                let last = decoder.finish(leftover: rawEnd - rawStart, into: output)
                rawStart = rawEnd
                inputEnd += last
                atEndOfFile = last == 0
                return
            }
            // A character cut by the end of the last read: keep its bytes and read on.
            let leftover = rawEnd - rawStart
            raw.baseAddress!.copyMemory(from: raw.baseAddress! + rawStart, byteCount: leftover)
            rawStart = 0
            rawEnd = leftover
            let n = try readBytes(into: raw.baseAddress! + rawEnd, count: min(options.chunkSize, raw.count - rawEnd))
            rawEnd += n
            descriptorAtEnd = n == 0
        }
    }

    /// Reads up to `count` bytes from the descriptor; 0 at the end of the file.
    private func readBytes(into buffer: UnsafeMutableRawPointer, count: Int) throws(CSVFileError) -> Int {
        while true {
            let n = read(fileDescriptor, buffer, count)
            if n >= 0 { return n }
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
            let isUTF16 = decoder?.source == .utf16LE || decoder?.source == .utf16BE
            error = CSVError(isUTF16 ? .invalidUTF16 : .invalidUTF8, line: line, field: field + 1)
            if decoder == nil && invalidUTF8 == nil { invalidUTF8 = locateInvalidUTF8(core, recordBytes: bytes) }
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

    /// Reads the record's raw bytes again to name the line and file offset of its first invalid
    /// byte; from a pipe, which cannot be read again, the line comes from the record's fields.
    private func locateInvalidUTF8(_ core: CSVCore, recordBytes: UnsafeRawBufferPointer) -> InvalidUTF8? {
        if startOffset >= 0 {
            let chunk = 4096
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 1)
            defer { buffer.deallocate() }
            var offset = core.recordOffset, line = core.recordLine
            var progressing = true
            while offset < core.position && progressing {
                let n = pread(fileDescriptor, buffer.baseAddress, min(chunk, core.position - offset), off_t(startOffset + offset))
                guard n > 0 else { break }
                let bytes = UnsafeRawBufferPointer(rebasing: buffer[..<n])
                switch InvalidUTF8.locate(in: bytes, file: name, line: line, offset: offset, isComplete: offset + n == core.position) {
                case .found(let found):
                    return found
                case .valid(let consumed, let reached):
                    progressing = consumed > 0
                    offset += consumed
                    line = reached
                }
            }
        }
        if case .found(let found) = InvalidUTF8.locate(in: recordBytes, file: name, line: core.recordLine, offset: nil, isComplete: true) {
            return found
        }
        return nil
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
