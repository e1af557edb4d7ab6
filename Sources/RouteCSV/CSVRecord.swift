/// One record: its fields' bytes back to back in one buffer, and where each field ends.
///
/// Fields become `String`s only when asked for (`record[i]`, iteration), so code that only counts
/// or copies records never decodes text; `withField` lends the raw bytes without copying.
public struct CSVRecord: Sendable, RandomAccessCollection {
    /// The header is record 0; data records are numbered 1, 2, 3… in file order, blank lines not
    /// counted. This is the `row` of a data record.
    public let number: Int
    /// The physical line (1-based) where the record starts, counting every line break in the file,
    /// including blank lines and line breaks inside quoted fields.
    public let line: Int
    /// The first problem with this record, if any. Its fields hold whatever text could be kept.
    public let error: CSVError?
    /// The number of fields.
    public let count: Int
    private let storage: RecordStorage
    private let byteCount: Int

    init(number: Int, line: Int, error: CSVError?, storage: RecordStorage, byteCount: Int, count: Int) {
        self.number = number
        self.line = line
        self.error = error
        self.storage = storage
        self.byteCount = byteCount
        self.count = count
    }

    /// A record made from text, by a reader of another format.
    public init(number: Int, line: Int, fields: [String], error: CSVError? = nil) {
        let byteCount = fields.reduce(0) { $0 + $1.utf8.count }
        let storage = RecordStorage(byteCapacity: Swift.max(byteCount, 1), endCapacity: Swift.max(fields.count, 1))
        var end = 0
        for (index, field) in fields.enumerated() {
            var field = field
            field.withUTF8 { (storage.bytes + end).update(from: $0.baseAddress!, count: $0.count) }
            end += field.utf8.count
            storage.ends[index] = end
        }
        self.init(number: number, line: line, error: error, storage: storage, byteCount: byteCount, count: fields.count)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The field at `index`, decoded as UTF-8 (invalid bytes become U+FFFD; see `error`).
    public subscript(index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Lends the bytes of the field at `index` without copying them.
    public func withField<Result>(
        _ index: Int, _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        precondition(index >= 0 && index < count, "field index out of range")
        return try withExtendedLifetime(storage) {
            let start = index == 0 ? 0 : storage.ends[index - 1]
            return try body(UnsafeRawBufferPointer(start: storage.bytes + start, count: storage.ends[index] - start))
        }
    }

    /// Lends all fields' bytes back to back; field `i` ends at offset `ends[i]`.
    public func withBytes<Result>(
        _ body: (_ bytes: UnsafeRawBufferPointer, _ ends: UnsafeBufferPointer<Int>) throws -> Result
    ) rethrows -> Result {
        try withExtendedLifetime(storage) {
            try body(UnsafeRawBufferPointer(start: storage.bytes, count: byteCount),
                     UnsafeBufferPointer(start: storage.ends, count: count))
        }
    }
}
