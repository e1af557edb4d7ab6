/// The bytes and field ends of one record, shared by the reader and the records it hands out.
///
/// The reader parses straight into a storage and hands it out inside a `CSVRecord`; if the
/// caller has let go of that record by the next `next()`, the reader reuses the storage, so a
/// loop over a file allocates nothing per record. A storage the caller kept is never written
/// again (the reader takes a fresh one), which is what makes sharing it across threads safe.
final class RecordStorage: @unchecked Sendable {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var byteCapacity: Int
    private(set) var ends: UnsafeMutablePointer<Int>
    private(set) var endCapacity: Int

    /// Small, so that records a caller keeps stay small; it doubles for longer records.
    init(byteCapacity: Int = 1024, endCapacity: Int = 64) {
        self.byteCapacity = byteCapacity
        self.endCapacity = endCapacity
        bytes = .allocate(capacity: byteCapacity)
        ends = .allocate(capacity: endCapacity)
    }

    var byteBuffer: UnsafeMutableBufferPointer<UInt8> { UnsafeMutableBufferPointer(start: bytes, count: byteCapacity) }
    var endBuffer: UnsafeMutableBufferPointer<Int> { UnsafeMutableBufferPointer(start: ends, count: endCapacity) }

    deinit {
        bytes.deallocate()
        ends.deallocate()
    }

    func growBytes(keeping count: Int) {
        byteCapacity *= 2
        bytes = Self.move(bytes, count: count, to: byteCapacity)
    }

    func growEnds(keeping count: Int) {
        endCapacity *= 2
        ends = Self.move(ends, count: count, to: endCapacity)
    }

    private static func move<T>(_ buffer: UnsafeMutablePointer<T>, count: Int, to capacity: Int) -> UnsafeMutablePointer<T> {
        let moved = UnsafeMutablePointer<T>.allocate(capacity: capacity)
        moved.moveInitialize(from: buffer, count: count)
        buffer.deallocate()
        return moved
    }
}
