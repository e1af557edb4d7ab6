import Testing
@testable import RouteCSV

@Suite struct WriterTests {
    private func written(_ records: [[String]], options: CSVWriter.Options = .init()) throws -> String {
        let file = TemporaryFile([])
        let writer = try CSVWriter(path: file.path, options: options)
        for record in records { try writer.write(record) }
        try writer.flush()
        return String(decoding: file.bytes, as: UTF8.self)
    }

    @Test func quotesOnlyWhatNeedsIt() throws {
        let text = try written([["RouteName", "note"], ["Acme, Inc", " spaced "], ["say \"hi\"", "a\nb"], ["cr\r", "plain"]])
        #expect(text == "RouteName,note\n\"Acme, Inc\", spaced \n\"say \"\"hi\"\"\",\"a\nb\"\n\"cr\r\",plain\n")
    }

    @Test func crlfAndSemicolon() throws {
        let text = try written([["a;b", "c,d"]], options: .init(delimiter: ";", lineEnding: .crlf))
        #expect(text == "\"a;b\";c,d\r\n")
    }

    @Test func recordsTheReaderWouldMisreadAreQuoted() throws {
        #expect(try written([["x"], [""], ["y"]]) == "x\n\"\"\ny\n")
        #expect(try written([["sep=;"]]) == "\"sep=;\"\n")
        #expect(try written([["\u{FEFF}a", "b"]]) == "\"\u{FEFF}a\",b\n")
    }

    @Test func copiesReadRecordsByteForByte() throws {
        let source = TemporaryFile("a,b\n\"x,y\",\"q\"\"\"\n")
        let reader = try CSVReader(path: source.path, options: .init())
        let target = TemporaryFile([])
        let writer = try CSVWriter(path: target.path, options: .init(delimiter: ";"))
        while let record = try reader.next() { try writer.write(record) }
        try writer.flush()
        #expect(String(decoding: target.bytes, as: UTF8.self) == "a;b\nx,y;\"q\"\"\"\n")
    }

    @Test func flushesWhenTheBufferFills() throws {
        let file = TemporaryFile([])
        let writer = try CSVWriter(path: file.path, options: .init(bufferSize: 16))
        try writer.write(["0123456789", "0123456789"])
        #expect(file.bytes.count == 22)
    }
}
