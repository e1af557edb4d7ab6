#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes CSV records to a file descriptor through a buffer.
///
/// Quoting is minimal: a field is quoted only when it holds the delimiter, a quote or a line
/// break, so what it writes looks like what people type. Two more cases are quoted because the
/// reader would otherwise read them differently: a record of one empty field (an empty line would
/// be skipped as blank), and a first field that starts with a byte order mark or `sep=`.
///
/// Bytes reach the file when the buffer fills or on `flush()`; call `flush()` before relying on
/// the file (deinit flushes too, but cannot report a failure).
public final class CSVWriter {
    public enum LineEnding: Sendable {
        case lf
        case crlf
    }

    public struct Options: Sendable {
        public var delimiter: Unicode.Scalar
        public var lineEnding: LineEnding
        /// Bytes kept before a write(2).
        public var bufferSize: Int

        public init(delimiter: Unicode.Scalar = ",", lineEnding: LineEnding = .lf, bufferSize: Int = 1 << 16) {
            precondition(CSVReader.Options.isValidDelimiter(delimiter), "a CSV delimiter is one ASCII character other than a quote or a line break")
            precondition(bufferSize > 0)
            self.delimiter = delimiter
            self.lineEnding = lineEnding
            self.bufferSize = bufferSize
        }
    }

    private static let quote = UInt8(ascii: "\"")

    private let fileDescriptor: Int32
    private let closesFileDescriptor: Bool
    private let name: String
    private let delimiter: UInt8
    private let lineEnding: [UInt8]
    private let bufferSize: Int
    private var buffer: [UInt8] = []
    private var atStart = true

    /// Creates or truncates `path`; the writer closes it.
    public convenience init(path: String, options: Options = Options()) throws(CSVFileError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CSVFileError("open", path: path, code: errno) }
        self.init(fileDescriptor: fd, name: path, closesFileDescriptor: true, options: options)
    }

    /// Writes to an open descriptor, which stays the caller's to close.
    public convenience init(fileDescriptor: Int32, options: Options = Options()) {
        self.init(fileDescriptor: fileDescriptor, name: "file descriptor \(fileDescriptor)",
                  closesFileDescriptor: false, options: options)
    }

    private init(fileDescriptor: Int32, name: String, closesFileDescriptor: Bool, options: Options) {
        self.fileDescriptor = fileDescriptor
        self.name = name
        self.closesFileDescriptor = closesFileDescriptor
        self.delimiter = UInt8(options.delimiter.value)
        self.lineEnding = options.lineEnding == .lf ? [0x0A] : [0x0D, 0x0A]
        self.bufferSize = options.bufferSize
        buffer.reserveCapacity(options.bufferSize + 1024)
    }

    deinit {
        try? flush()
        if closesFileDescriptor { close(fileDescriptor) }
    }

    /// Appends one record.
    public func write<Fields: Sequence>(_ fields: Fields) throws(CSVFileError) where Fields.Element: StringProtocol {
        var count = 0
        var lastIsEmpty = false
        for field in fields {
            if count > 0 { buffer.append(delimiter) }
            lastIsEmpty = field.isEmpty
            let appended: Void? = field.utf8.withContiguousStorageIfAvailable { appendField(UnsafeRawBufferPointer($0), index: count) }
            if appended == nil { Array(field.utf8).withUnsafeBytes { appendField($0, index: count) } }
            count += 1
        }
        try endRecord(isLoneEmptyField: count == 1 && lastIsEmpty)
    }

    /// Appends a record read by `CSVReader`, byte for byte, without decoding it.
    public func write(_ record: CSVRecord) throws(CSVFileError) {
        record.withBytes { bytes, ends in
            var start = 0
            for (index, end) in ends.enumerated() {
                if index > 0 { buffer.append(delimiter) }
                appendField(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), index: index)
                start = end
            }
        }
        try endRecord(isLoneEmptyField: record.count == 1 && record.withField(0) { $0.isEmpty })
    }

    /// Writes everything buffered to the file. After a failure the unwritten bytes stay buffered.
    public func flush() throws(CSVFileError) {
        var written = 0
        defer { buffer.removeFirst(written) }
        while written < buffer.count {
            let n = buffer.withUnsafeBytes { writeBytes(fileDescriptor, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CSVFileError("write", path: name, code: errno)
            }
            written += n
        }
    }

    /// Flushes, then asks the system to put the file on disk (fsync), for files that replace others.
    public func sync() throws(CSVFileError) {
        try flush()
        guard fsync(fileDescriptor) == 0 else { throw CSVFileError("sync", path: name, code: errno) }
    }

    private func endRecord(isLoneEmptyField: Bool) throws(CSVFileError) {
        // A lone empty field would be an empty line, which readers skip.
        if isLoneEmptyField { buffer.append(contentsOf: [Self.quote, Self.quote]) }
        buffer.append(contentsOf: lineEnding)
        atStart = false
        if buffer.count >= bufferSize { try flush() }
    }

    private func appendField(_ field: UnsafeRawBufferPointer, index: Int) {
        if needsQuotes(field, isFirstInFile: atStart && index == 0) {
            buffer.append(Self.quote)
            for byte in field {
                if byte == Self.quote { buffer.append(Self.quote) }
                buffer.append(byte)
            }
            buffer.append(Self.quote)
        } else {
            buffer.append(contentsOf: field)
        }
    }

    private func needsQuotes(_ field: UnsafeRawBufferPointer, isFirstInFile: Bool) -> Bool {
        if isFirstInFile && (field.starts(with: [0xEF, 0xBB, 0xBF]) || field.starts(with: "sep=".utf8)) {
            return true
        }
        let delimiter = self.delimiter
        return field.contains { $0 == delimiter || $0 == Self.quote || $0 == 0x0D || $0 == 0x0A }
    }
}

/// write(2), out of reach of the method of the same name.
private func writeBytes(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
