import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Parses one part of a workbook as it is unzipped: a thread inflates the entry into a channel
/// of a few chunks, and `XMLParser` reads them through an input stream. Neither the compressed
/// nor the inflated part is ever held whole.
///
/// ZIPFoundation hands out inflated data by calling us (push) and `XMLParser` asks for it (pull):
/// the thread and the bounded channel between them are what let the two meet.
enum EntryXML {
    /// Why a part could not be read.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses `path` inside `archive`, calling `delegate` for its events, on this thread.
    /// - Throws: `Failure` when the entry is missing, cannot be inflated or is not well-formed XML
    ///   (or the delegate aborted the parse).
    static func parse(_ path: String, in archive: Archive, delegate: any XMLParserDelegate) throws(Failure) {
        guard let entry = archive[path] else { throw Failure(description: "the workbook has no part \(path)") }
        let chunks = BoundedChannel<Data>(capacity: 4)
        let job = Unzip(archive: archive, entry: entry, chunks: chunks)
        let thread = Thread { job.run() }
        thread.name = "routectl unzip"
        thread.start()
        let parser = XMLParser(stream: ChannelInputStream(chunks))
        parser.delegate = delegate
        let parsed = parser.parse()
        // The parser may have stopped early (an error, or the delegate aborted): release the thread.
        chunks.cancel()
        job.done.wait()
        if let error = job.failure { throw Failure(description: "\(path) cannot be unzipped: \(error)") }
        if !parsed {
            let reason = parser.parserError.map { ": \($0.localizedDescription)" } ?? ""
            throw Failure(description: "\(path) is not well-formed XML (line \(parser.lineNumber))\(reason)")
        }
    }

    /// The unzip thread's work and what it leaves behind.
    private final class Unzip: @unchecked Sendable {
        // @unchecked: the archive is used only by this thread until `done` is signalled, and
        // `failure` is written before it and read after it.
        let archive: Archive
        let entry: Entry
        let chunks: BoundedChannel<Data>
        let done = DispatchSemaphore(value: 0)
        var failure: (any Error)?

        init(archive: Archive, entry: Entry, chunks: BoundedChannel<Data>) {
            self.archive = archive
            self.entry = entry
            self.chunks = chunks
        }

        func run() {
            do {
                _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { data in
                    guard chunks.put(data) else { throw CancellationError() }
                }
                chunks.finish()
            } catch is CancellationError {
                chunks.finish()
            } catch {
                failure = error
                chunks.finish(throwing: error)
            }
            done.signal()
        }
    }
}

/// The input stream `XMLParser` pulls from: the chunks of a channel, in order.
private final class ChannelInputStream: InputStream {
    private let chunks: BoundedChannel<Data>
    private var chunk = Data()
    private var offset = 0
    private var failure: (any Error)?

    init(_ chunks: BoundedChannel<Data>) {
        self.chunks = chunks
        super.init(data: Data())
    }

    override func open() {}
    override func close() {}
    override var hasBytesAvailable: Bool { true }
    override var streamError: (any Error)? { failure }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        while offset == chunk.count {
            do {
                guard let next = try chunks.take() else { return 0 }
                chunk = next
                offset = 0
            } catch {
                failure = error
                return -1
            }
        }
        let count = min(length, chunk.count - offset)
        chunk.withUnsafeBytes { bytes in
            buffer.update(from: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset, count: count)
        }
        offset += count
        return count
    }
}
