import Foundation
import Testing
@testable import RouteCSV

/// A file read as UTF-8 that is not: every such record has its error, and the reader says once,
/// for the whole file, where the first bad byte is and what the file probably is.
@Suite struct InvalidUTF8Tests {
    func read(_ bytes: [UInt8], chunkSize: Int = 1 << 16) throws -> (path: String, records: [Read], notice: InvalidUTF8?) {
        let file = TemporaryFile(bytes)
        let reader = try CSVReader(path: file.path, options: .init(chunkSize: chunkSize))
        var records: [Read] = []
        while let record = try reader.next() {
            records.append(Read(number: record.number, line: record.line, fields: Array(record), error: record.error))
        }
        return (file.path, records, reader.invalidUTF8)
    }

    @Test func windows1252FileReadAsUTF8() throws {
        // "Montréal" and "Zürich" as Excel on Windows saves them.
        let bytes = Array("RouteName,City\r\nA,Montr".utf8) + [0xE9] + Array("al\r\nB,Z".utf8) + [0xFC] + Array("rich\r\nC,Ottawa\r\n".utf8)
        for chunkSize in [1, 2, 3, 7, 1 << 16] {
            let (path, records, notice) = try read(bytes, chunkSize: chunkSize)
            #expect(records.map { $0.error?.description } == [nil, "line 2: invalid UTF-8 in field 2", "line 3: invalid UTF-8 in field 2", nil])
            #expect(notice?.description == "\(path):2: invalid UTF-8 (byte 0xE9 at offset 23); the file looks like Windows-1252: try --encoding windows-1252")
        }
    }

    @Test func theLineIsTheBadBytesLineInsideAQuotedField() throws {
        let bytes = Array("RouteName,Note\nA,\"first line\nsecond ".utf8) + [0x93] + Array("quoted".utf8) + [0x94] + Array("\"\n".utf8)
        let (path, records, notice) = try read(bytes)
        #expect(records[1].error?.description == "line 2: invalid UTF-8 in field 2")
        #expect(notice?.description == "\(path):3: invalid UTF-8 (byte 0x93 at offset 36); the file looks like Windows-1252: try --encoding windows-1252")
    }

    @Test func utf16WithoutBOMReadAsUTF8() throws {
        // é in UTF-16LE is E9 00: invalid UTF-8, and the zero bytes tell what the file is. (Read
        // as UTF-8, the CR and LF of "\r\0\n\0" are two line breaks: é is on line 3.)
        let bytes = [UInt8]("Name\r\nMontréal\r\n".data(using: .utf16LittleEndian)!)
        let (path, _, notice) = try read(bytes)
        #expect(notice?.description == "\(path):3: invalid UTF-8 (byte 0xE9 at offset 22); the file looks like UTF-16: try --encoding utf-16")
    }

    @Test func neitherGuess() throws {
        let bytes = Array("a\nx".utf8) + [0x81] + Array("\n".utf8)
        let (path, _, notice) = try read(bytes)
        #expect(notice?.description == "\(path):2: invalid UTF-8 (byte 0x81 at offset 3); name the file's encoding with --encoding")
    }

    @Test func aCutSequenceShowsItsBytes() throws {
        let bytes = Array("a,b\nx,".utf8) + [0xE2, 0x82] + Array(",y\n".utf8)
        let (path, _, notice) = try read(bytes)
        #expect(notice?.bytes == [0xE2, 0x82])
        #expect(notice?.description.hasPrefix("\(path):2: invalid UTF-8 (bytes 0xE2 0x82 at offset 6)") == true)
    }

    @Test func countingFindsItToo() throws {
        let file = TemporaryFile(Array("a\nok\nx".utf8) + [0xE9] + Array("\n".utf8))
        let reader = try CSVReader(path: file.path)
        var errors = 0
        #expect(try reader.countRecords { _ in errors += 1 } == 2)
        #expect(errors == 1)
        #expect(reader.invalidUTF8?.line == 3 && reader.invalidUTF8?.offset == 6)
    }

    @Test func validFilesSayNothing() throws {
        let (_, records, notice) = try read(Array("a,b\né,🚀\n".utf8))
        #expect(records.allSatisfy { $0.error == nil })
        #expect(notice == nil)
    }
}
