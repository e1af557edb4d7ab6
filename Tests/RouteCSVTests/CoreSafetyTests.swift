import Foundation
import Testing
@testable import RouteCSV

/// `CSVCore` writes through raw pointers; it must never write past the buffers it is given,
/// whatever their size, and must say when they are full instead.
@Suite struct CoreSafetyTests {
    /// The reader's own samples (less the one whose BOM and `sep=` line the reader handles), and
    /// records longer than the buffers.
    static let samples = [0, 1, 2, 4].map { ChunkBoundaryTests.samples[$0] } + [
        "id,name\n" + String(repeating: "abcdefgh", count: 40) + ",\"" + String(repeating: "q\"\"", count: 30) + "\"\n",
        String(repeating: "a,", count: 90) + "z\n1,2\n",
    ]
    static let guardBytes = 16

    /// Parses `text` with output and end buffers of exactly `byteRoom` and `endRoom`, growing
    /// them by one each time the core says they are full, and checks the bytes after them.
    func parse(_ text: String, byteRoom: Int, endRoom: Int) -> [[String]] {
        let input = Array(text.utf8)
        var core = CSVCore(delimiter: UInt8(ascii: ","))
        var bytes = [UInt8](repeating: 0xAA, count: byteRoom + Self.guardBytes)
        var ends = [Int](repeating: -7, count: endRoom + Self.guardBytes)
        var byteCapacity = byteRoom, endCapacity = endRoom
        var byteCount = 0, endCount = 0
        var position = 0
        var records: [[String]] = []
        func take() {
            var fields: [String] = []
            var start = 0
            for end in ends[..<endCount] {
                fields.append(String(decoding: bytes[start..<end], as: UTF8.self))
                start = end
            }
            records.append(fields)
            byteCount = 0
            endCount = 0
            core.clearProblem()
        }
        func grow(_ stop: CSVCore.Stop) {
            #expect(bytes[byteCapacity...].allSatisfy { $0 == 0xAA }, "bytes written past \(byteCapacity)")
            #expect(ends[endCapacity...].allSatisfy { $0 == -7 }, "ends written past \(endCapacity)")
            guard stop == .outputFull else { return }
            byteCapacity += 1
            endCapacity += 1
            bytes.insert(0xAA, at: bytes.count - Self.guardBytes)
            ends.insert(-7, at: ends.count - Self.guardBytes)
        }
        var rounds = 0
        while rounds < 100_000 {
            rounds += 1
            let stop: CSVCore.Stop
            if position == input.count {
                stop = ends.withUnsafeMutableBufferPointer {
                    core.finish(outputCount: byteCount, ends: .init(rebasing: $0[..<endCapacity]), endCount: &endCount)
                }
                grow(stop)
                if stop == .recordEnded { take() }
                if stop == .inputUsed { break }
                continue
            }
            let consumed: Int
            (consumed, stop) = input[position...].withUnsafeBytes { slice in
                bytes.withUnsafeMutableBufferPointer { output in
                    ends.withUnsafeMutableBufferPointer { endBuffer in
                        core.parse(slice, output: .init(rebasing: output[..<byteCapacity]), outputCount: &byteCount,
                                   ends: .init(rebasing: endBuffer[..<endCapacity]), endCount: &endCount)
                    }
                }
            }
            position += consumed
            grow(stop)
            if stop == .recordEnded { take() }
        }
        return records
    }

    @Test(arguments: 0..<samples.count)
    func neverWritesPastTheBuffersWhateverTheirSize(sample: Int) throws {
        let text = Self.samples[sample]
        let expected = try readAll(text).map(\.fields)
        for byteRoom in 0...12 {
            for endRoom in 0...4 {
                #expect(parse(text, byteRoom: byteRoom, endRoom: endRoom) == expected, "room \(byteRoom) bytes, \(endRoom) ends")
            }
        }
    }

    @Test func longRecordsThroughTheReaderAtEveryChunkSize() throws {
        // Longer than the reader's first record buffers (1 KiB, 64 ends): they grow on `.outputFull`.
        var rng = SeededGenerator(seed: 12)
        let records = randomRecords(count: 5, fields: 300, using: &rng)
        let text = records.map { record in
            record.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
        let expected = try readAll(text)
        #expect(expected.map(\.fields) == records)
        for chunkSize in [1, 2, 3, 5, 8, 64, 1000] {
            #expect(try readAll(text, chunkSize: chunkSize) == expected, "chunk \(chunkSize)")
        }
    }

    @Test func tooManyFieldsIsAnErrorAndReadingGoesOn() throws {
        let text = "a,b\n1,2,3,4,5,6,7\n\"x\",y\n"
        for chunkSize in [1, 2, 3, 4, 1 << 16] {
            let records = try readAll(text, chunkSize: chunkSize, maxFieldCount: 4)
            #expect(records.map(\.fields) == [["a", "b"], ["1", "2", "3", "4"], ["x", "y"]], "chunk \(chunkSize)")
            #expect(records.map { $0.error?.description } == [nil, "line 2: more than 4 fields", nil], "chunk \(chunkSize)")
        }
    }

    @Test func anAbsurdRecordIsAnErrorNotGigabytes() throws {
        // Eight million empty fields on one line: the record stops at the limit.
        let bytes = Array("a,b\n".utf8) + [UInt8](repeating: UInt8(ascii: ","), count: 8_000_000) + Array("\nc,d\n".utf8)
        let file = TemporaryFile(bytes)
        let reader = try CSVReader(path: file.path)
        _ = try reader.next()
        let absurd = try #require(try reader.next())
        #expect(absurd.count == CSVReader.Options.defaultMaxFieldCount)
        #expect(absurd.error?.kind == .tooManyFields(limit: CSVReader.Options.defaultMaxFieldCount))
        #expect(try reader.next().map(Array.init) == ["c", "d"])
        #expect(try CSVReader(path: file.path).countRecords { _ in } == 2)
    }
}
