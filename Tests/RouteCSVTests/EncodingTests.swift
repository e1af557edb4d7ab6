import Foundation
import Testing
@testable import RouteCSV

/// Files saved in another encoding read to the same records as their UTF-8 twin, wherever the
/// reads end: inside a multi-byte character, a surrogate pair, a CRLF or the byte order mark.
@Suite struct EncodingTests {
    /// Quoted fields, doubled quotes, line breaks and non-ASCII letters each encoding can hold.
    static let latin = "RouteName,City,Note\r\n\"Montréal, QC\",Zürich,\"say \"\"olá\"\"\"\r\n\r\nSão Paulo,Århus,\"two\r\nlines ÿ\"\r\n"
    static let windows = latin + "“Quoted” trunk,€ 5,Œuvre – š\r\n"
    static let unicode = windows + "東京 trunk,🚀 Launch,Ελλάδα\r\n"

    static let chunkSizes = Array(1...9) + [13, 64, 1 << 16]

    func expectSameRecords(_ bytes: [UInt8], as text: String, encoding: TextEncoding, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try readAll(text)
        #expect(expected.allSatisfy { $0.error == nil }, sourceLocation: sourceLocation)
        for chunkSize in Self.chunkSizes {
            let records = try readAll(bytes, chunkSize: chunkSize, encoding: encoding)
            #expect(records == expected, "\(encoding) chunk \(chunkSize)", sourceLocation: sourceLocation)
        }
    }

    func encoded(_ text: String, _ encoding: String.Encoding) -> [UInt8] {
        [UInt8](text.data(using: encoding, allowLossyConversion: false)!)
    }

    @Test func windows1252() throws {
        let bytes = encoded(Self.windows, .windowsCP1252)
        #expect(bytes.contains(0x80) && bytes.contains(0x93), "€ and “ are the bytes Latin-1 does not have")
        try expectSameRecords(bytes, as: Self.windows, encoding: .windows1252)
    }

    @Test func latin1() throws {
        try expectSameRecords(encoded(Self.latin, .isoLatin1), as: Self.latin, encoding: .latin1)
    }

    @Test(arguments: [(String.Encoding.utf16LittleEndian, TextEncoding.utf16LE), (.utf16BigEndian, .utf16BE)])
    func utf16WithoutBOM(_ foundation: String.Encoding, _ encoding: TextEncoding) throws {
        let bytes = encoded(Self.unicode, foundation)
        try expectSameRecords(bytes, as: Self.unicode, encoding: encoding)
        // `utf-16` tells the byte order from the first character.
        try expectSameRecords(bytes, as: Self.unicode, encoding: .utf16)
    }

    @Test(arguments: [(String.Encoding.utf16LittleEndian, [UInt8]([0xFF, 0xFE])), (.utf16BigEndian, [0xFE, 0xFF])])
    func utf16WithBOMWhateverWasAsked(_ foundation: String.Encoding, _ bom: [UInt8]) throws {
        let bytes = bom + encoded(Self.unicode, foundation)
        for asked in [TextEncoding.utf8, .utf16, .windows1252] {
            try expectSameRecords(bytes, as: Self.unicode, encoding: asked)
        }
    }

    @Test func utf8WithBOMIsUTF8WhateverWasAsked() throws {
        try expectSameRecords([0xEF, 0xBB, 0xBF] + Array(Self.unicode.utf8), as: Self.unicode, encoding: .windows1252)
    }

    @Test func excelUnicodeTextIsTabSeparatedUTF16() throws {
        let text = "RouteName\tCity\r\nMontréal\tZürich\r\n"
        let file = TemporaryFile([0xFF, 0xFE] + encoded(text, .utf16LittleEndian))
        let reader = try CSVReader(path: file.path, options: .init(delimiter: "\t", encoding: .utf8))
        #expect(try reader.next().map(Array.init) == ["RouteName", "City"])
        #expect(try reader.next().map(Array.init) == ["Montréal", "Zürich"])
    }

    @Test func everyWindows1252ByteDecodes() throws {
        // The five bytes Windows-1252 leaves undefined come through as the C1 controls of the same value.
        let bytes = Array(UInt8(0x80)...0xFF).filter { $0 != 0x22 }
        let records = try readAll([UInt8(ascii: "x"), UInt8(ascii: "\n")] + bytes + [UInt8(ascii: "\n")], encoding: .windows1252)
        let decoded = try #require(records.last?.fields.first)
        #expect(decoded.unicodeScalars.count == bytes.count)
        #expect(decoded.unicodeScalars.first == "€" && decoded.unicodeScalars.dropFirst().first == "\u{81}")
        #expect(records.last?.error == nil)
    }

    @Test func loneSurrogateIsAnErrorForItsRecordOnly() throws {
        var bytes = encoded("a,b\r\nx,", .utf16LittleEndian)
        bytes += [0x00, 0xD8]  // a high surrogate followed by no low one
        bytes += encoded("y\r\nok,fine\r\n", .utf16LittleEndian)
        for chunkSize in Self.chunkSizes {
            let records = try readAll(bytes, chunkSize: chunkSize, encoding: .utf16LE)
            #expect(records.map { $0.error?.kind } == [nil, .invalidUTF16, nil], "chunk \(chunkSize)")
            #expect(records.map(\.fields) == [["a", "b"], ["x", "\u{FFFD}y"], ["ok", "fine"]], "chunk \(chunkSize)")
            #expect(records[1].error?.description == "line 2: invalid UTF-16 (a lone surrogate or a cut character) in field 2")
        }
    }

    @Test func oddLastByteOfUTF16IsAnError() throws {
        let records = try readAll(encoded("a,b\r\nx,y", .utf16LittleEndian) + [0x41], encoding: .utf16LE)
        #expect(records.map { $0.error?.kind } == [nil, .invalidUTF16])
    }

    @Test func namesAndAliases() {
        let cases: [(String, TextEncoding)] = [
            ("utf-8", .utf8), ("UTF8", .utf8), ("windows-1252", .windows1252), ("cp1252", .windows1252),
            ("latin-1", .latin1), ("ISO-8859-1", .latin1), ("latin1", .latin1), ("utf-16", .utf16),
            ("utf16le", .utf16LE), ("UTF-16BE", .utf16BE),
        ]
        for (name, encoding) in cases { #expect(TextEncoding(name: name) == encoding, "\(name)") }
        #expect(TextEncoding(name: "ebcdic") == nil)
        #expect(TextEncoding(name: "utf-32") == nil)
    }

    /// The decoder alone: it stops before a character it has no room for and never writes past the output.
    @Test func decoderStopsWhenTheOutputIsFull() {
        let input: [UInt8] = [0x41, 0xE9, 0x80, 0x42]  // A é € B → 1 + 2 + 3 + 1 bytes of UTF-8
        let cumulative = [0, 1, 3, 6, 7]
        for room in 0...8 {
            var output = [UInt8](repeating: 0xAA, count: room + 4)
            let (consumed, written) = input.withUnsafeBytes { source in
                output.withUnsafeMutableBytes { TextDecoder(source: .windows1252).decode(source, into: .init(rebasing: $0[..<room])) }
            }
            let fitting = cumulative.lastIndex { $0 <= room }!
            #expect(consumed == fitting && written == cumulative[fitting], "room \(room)")
            #expect(output[room...].allSatisfy { $0 == 0xAA }, "room \(room): nothing written past the output")
        }
    }
}
