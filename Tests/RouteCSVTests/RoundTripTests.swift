import Testing
@testable import RouteCSV

@Suite struct RoundTripTests {
    @Test(arguments: [CSVWriter.LineEnding.lf, .crlf], [",", ";", "\t"] as [Unicode.Scalar])
    func randomRecordsComeBackIdentical(lineEnding: CSVWriter.LineEnding, delimiter: Unicode.Scalar) throws {
        var rng = SeededGenerator(seed: 42)
        for round in 0..<20 {
            let fieldCount = Int.random(in: 1...6, using: &rng)
            let records = randomRecords(count: 40, fields: fieldCount, using: &rng)
            let file = TemporaryFile([])
            let writer = try CSVWriter(path: file.path, options: .init(delimiter: delimiter, lineEnding: lineEnding))
            for record in records { try writer.write(record) }
            try writer.flush()
            for chunkSize in [1, 2, 3, 7, 64, 1 << 16] {
                let read = try readAll(file.bytes, chunkSize: chunkSize, delimiter: delimiter)
                #expect(fields(read) == records, "round \(round), chunk \(chunkSize)")
                #expect(read.allSatisfy { $0.error == nil }, "round \(round), chunk \(chunkSize)")
            }
        }
    }
}
