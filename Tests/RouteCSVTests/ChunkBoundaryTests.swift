import Testing
@testable import RouteCSV

/// Every rule must hold wherever a read happens to end: inside a CRLF, a doubled quote, a BOM.
@Suite struct ChunkBoundaryTests {
    static let samples: [String] = [
        "a,b\n1,2\n\n\"x,\"\"y\"\"\",\"p\nq\"\n",
        "a,b\r\n1,2\r\n\r\n\"x,\"\"y\"\"\",\"p\r\nq\"\r\n",
        "a,b\r1,2\r\r\"x,\"\"y\"\"\",\"p\rq\"\r",
        "\u{FEFF}sep=;\r\na;b\r\n\"1;\"\"\";\"\"\r\nlast;é\r\n",
        "a,b\n1,x\"y\n\"q\"z,2\n3,4",
    ]

    @Test(arguments: 0..<samples.count)
    func sameRecordsForEveryChunkSize(sample: Int) throws {
        let expected = try readAll(Self.samples[sample])
        for chunkSize in 1...8 {
            #expect(try readAll(Self.samples[sample], chunkSize: chunkSize) == expected, "chunk \(chunkSize)")
        }
    }

    @Test func expectedContentOfTheSamples() throws {
        let lf = try readAll(Self.samples[0])
        #expect(fields(lf) == [["a", "b"], ["1", "2"], ["x,\"y\"", "p\nq"]])
        #expect(lf.map(\.line) == [1, 2, 4])
        let crlf = try readAll(Self.samples[1])
        #expect(fields(crlf) == [["a", "b"], ["1", "2"], ["x,\"y\"", "p\r\nq"]])
        #expect(crlf.map(\.line) == [1, 2, 4])
        let cr = try readAll(Self.samples[2])
        #expect(fields(cr) == [["a", "b"], ["1", "2"], ["x,\"y\"", "p\rq"]])
        #expect(cr.map(\.line) == [1, 2, 4])
        let excel = try readAll(Self.samples[3])
        #expect(fields(excel) == [["a", "b"], ["1;\"", ""], ["last", "é"]])
        #expect(excel.map(\.line) == [2, 3, 4])
        let errors = try readAll(Self.samples[4])
        #expect(errors.map { $0.error?.kind } == [nil, .strayQuote, .strayQuote, nil])
        #expect(errors.map { $0.error?.line } == [nil, 2, 3, nil])
    }

    @Test func eachLineEndingAtEveryOffset() throws {
        for ending in ["\n", "\r\n", "\r"] {
            let text = ["id,name", "1,\"a" + ending + "b\"", "2,plain", "3,\"\"\"q\"\"\""].joined(separator: ending) + ending
            let expected = [["id", "name"], ["1", "a\(ending)b"], ["2", "plain"], ["3", "\"q\""]]
            for chunkSize in [1, 2, 3, 4, 5, 6, 7, 8, 13, 64] {
                let records = try readAll(text, chunkSize: chunkSize)
                #expect(fields(records) == expected, "\(ending.debugDescription) chunk \(chunkSize)")
                #expect(records.map(\.line) == [1, 2, 4, 5], "\(ending.debugDescription) chunk \(chunkSize)")
            }
        }
    }
}
