import Testing
@testable import RouteCSV

@Suite struct ReaderRulesTests {
    @Test func plainRecordsWithHeaderNumberedFromZero() throws {
        let records = try readAll("a,b\n1,2\n3,4\n")
        #expect(records == [
            Read(number: 0, line: 1, fields: ["a", "b"]),
            Read(number: 1, line: 2, fields: ["1", "2"]),
            Read(number: 2, line: 3, fields: ["3", "4"]),
        ])
    }

    @Test func lastRecordWithoutLineEnd() throws {
        #expect(fields(try readAll("a,b\n1,2")) == [["a", "b"], ["1", "2"]])
    }

    @Test func emptyFieldsAndTrailingDelimiter() throws {
        #expect(fields(try readAll("a,b,c\n,,\n1,,\n")) == [["a", "b", "c"], ["", "", ""], ["1", "", ""]])
    }

    @Test func everyLineEnding() throws {
        for text in ["a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\r1,2\r", "a,b\r\n1,2\n"] {
            let records = try readAll(text)
            #expect(fields(records) == [["a", "b"], ["1", "2"]], "\(text.debugDescription)")
            #expect(records.map(\.line) == [1, 2])
        }
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws {
        let records = try readAll("name,note\n\"Acme, Inc\",\"say \"\"hi\"\"\"\n\"two\r\nlines\",\"\"\nnext,x\n")
        #expect(fields(records) == [["name", "note"], ["Acme, Inc", "say \"hi\""], ["two\r\nlines", ""], ["next", "x"]])
        #expect(records.map(\.line) == [1, 2, 3, 5])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let records = try readAll("\n\na,b\n\n\r\n1,2\r\r3,4\n\n")
        #expect(fields(records) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(records.map(\.number) == [0, 1, 2])
        #expect(records.map(\.line) == [3, 6, 8])
    }

    @Test func byteOrderMarkIsDropped() throws {
        let records = try readAll([0xEF, 0xBB, 0xBF] + Array("RouteName,b\nx,y\n".utf8))
        #expect(records.first?.fields == ["RouteName", "b"])
        #expect(records.first?.line == 1)
    }

    @Test func excelSeparatorLineSetsTheDelimiter() throws {
        let file = TemporaryFile([0xEF, 0xBB, 0xBF] + Array("sep=;\r\na;b\r\n\"1;x\";2\r\n".utf8))
        let reader = try CSVReader(path: file.path, options: .init())
        let header = try #require(try reader.next())
        #expect(Array(header) == ["a", "b"])
        #expect(header.line == 2)
        #expect(reader.delimiter == ";")
        let row = try #require(try reader.next())
        #expect(Array(row) == ["1;x", "2"])
        #expect(row.line == 3)
        #expect(try reader.next() == nil)
    }

    @Test func separatorLikeFirstFieldIsData() throws {
        #expect(fields(try readAll("sep=;x,b\n")) == [["sep=;x", "b"]])
    }

    @Test func semicolonAndTabDelimiters() throws {
        #expect(fields(try readAll("a;b\n\"x;y\";z\n", delimiter: ";")) == [["a", "b"], ["x;y", "z"]])
        #expect(fields(try readAll("a\tb\nx,y\tz\n", delimiter: "\t")) == [["a", "b"], ["x,y", "z"]])
    }

    @Test func fieldCountMismatchIsReportedAndReadingGoesOn() throws {
        let records = try readAll("a,b,c\n1,2\n1,2,3\n1,2,3,4\n")
        #expect(records[1].error == CSVError(.fieldCount(expected: 3, found: 2), line: 2, field: nil))
        #expect(records[2].error == nil)
        #expect(records[3].error == CSVError(.fieldCount(expected: 3, found: 4), line: 4, field: nil))
        #expect(records[3].fields == ["1", "2", "3", "4"])
    }

    @Test func strayQuoteInUnquotedFieldKeepsTheText() throws {
        let records = try readAll("a,b,c\n1,2,x\"y\n3,4,5\n")
        #expect(records[1].fields == ["1", "2", "x\"y"])
        #expect(records[1].error == CSVError(.strayQuote, line: 2, field: 3))
        #expect(records[1].error?.message == "stray quote in field 3")
        #expect(records[2] == Read(number: 2, line: 3, fields: ["3", "4", "5"]))
    }

    @Test func textAfterClosingQuoteIsAStrayQuote() throws {
        let records = try readAll("a,b\n\"multi\nline\"tail,2\n3,4\n")
        #expect(records[1].fields == ["multi\nlinetail", "2"])
        #expect(records[1].error == CSVError(.strayQuote, line: 3, field: 1))
        #expect(records[1].line == 2)
        #expect(records[2] == Read(number: 2, line: 4, fields: ["3", "4"]))
    }

    @Test func unterminatedQuoteAtEndOfFile() throws {
        let records = try readAll("a,b\n1,\"open\n")
        #expect(records[1].fields == ["1", "open\n"])
        #expect(records[1].error == CSVError(.unterminatedQuote, line: 2, field: 2))
    }

    @Test func runawayQuoteHitsTheFieldLimitAndReadingResumes() throws {
        let body = "x,\"never closed " + String(repeating: "y", count: 100) + "\nnext,1\nlast,2\n"
        for chunkSize in [1, 3, 7, 64, 1 << 16] {
            let records = try readAll("a,b\n" + body, chunkSize: chunkSize, maxFieldSize: 32)
            #expect(records[1].error == CSVError(.fieldTooLarge(limit: 32), line: 2, field: 2), "chunk \(chunkSize)")
            #expect(records[1].fields[1].utf8.count == 32)
            #expect(records.dropFirst(2).map(\.fields) == [["next", "1"], ["last", "2"]], "chunk \(chunkSize)")
            #expect(records.dropFirst(2).map(\.line) == [3, 4])
        }
    }

    @Test func invalidUTF8IsReportedWithLineAndField() throws {
        let bytes = Array("a,b\n1,2\nok,".utf8) + [0xC3, 0x28] + Array("\n\"é\",\"\u{1F680}\"\n".utf8)
        let records = try readAll(bytes)
        #expect(records[2].error == CSVError(.invalidUTF8, line: 3, field: 2))
        #expect(records[3].error == nil)
        #expect(records[3].fields == ["é", "🚀"])
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF]] {
            let records = try readAll(Array("a\n".utf8) + bad + [0x0A])
            #expect(records[1].error?.kind == .invalidUTF8, "\(bad)")
        }
    }

    @Test func unreadableFileHasAClearError() {
        #expect(throws: CSVFileError("open", path: "no-such-routes.csv", code: 2)) {
            _ = try CSVReader(path: "no-such-routes.csv", options: .init())
        }
        let error = CSVFileError("open", path: "routes.csv", code: 2)
        #expect(error.description == "cannot open routes.csv: No such file or directory")
    }

    @Test func recordsKeptByTheCallerStayIntact() throws {
        let file = TemporaryFile("a,b\n1,2\n3,4\n")
        let reader = try CSVReader(path: file.path, options: .init(chunkSize: 2))
        var kept: [CSVRecord] = []
        while let record = try reader.next() { kept.append(record) }
        #expect(kept.map { Array($0) } == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(reader.header.map { Array($0) } == ["a", "b"])
    }

    @Test func longRecordsGrowTheBuffers() throws {
        let wide = (0..<500).map { "field\($0)" }
        let text = wide.joined(separator: ",") + "\n" + wide.map { "\"\($0)\n\($0)\"" }.joined(separator: ",") + "\n"
        let records = try readAll(text, chunkSize: 100)
        #expect(records[0].fields == wide)
        #expect(records[1].fields == wide.map { "\($0)\n\($0)" })
        #expect(records[1].error == nil)
    }
}

@Suite struct CountTests {
    @Test func countingAgreesWithReadingAndReportsTheSameErrors() throws {
        let text = "a,b\n1,2\n\n3,x\"y\n\"é\",5\n6\n\"7\r\n8\",9\n" + String(repeating: "p,q\n", count: 1000) + "z"
        for chunkSize in [1, 2, 5, 64, 1 << 16] {
            let read = try readAll(text, chunkSize: chunkSize)
            let file = TemporaryFile(text)
            let reader = try CSVReader(path: file.path, options: .init(chunkSize: chunkSize))
            var reported: [Read] = []
            let count = try reader.countRecords { record in
                reported.append(Read(number: record.number, line: record.line, fields: Array(record), error: record.error))
            }
            #expect(count == read.count - 1, "chunk \(chunkSize)")
            #expect(reported == read.filter { $0.error != nil }, "chunk \(chunkSize)")
            #expect(reported.map(\.number) == [2, 4, 1006], "chunk \(chunkSize)")
        }
    }

    @Test func emptyAndHeaderOnlyFiles() throws {
        for (text, expected) in [("", 0), ("a,b\n", 0), ("\n\n", 0), ("a\n\n1\n", 1)] {
            let file = TemporaryFile(text)
            let reader = try CSVReader(path: file.path, options: .init())
            #expect(try reader.countRecords { _ in } == expected, "\(text.debugDescription)")
        }
    }
}
