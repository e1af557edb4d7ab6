import Testing
import RouteModel

/// The list answer read as a stream: each element handed out whole, whatever the chunking, in the
/// memory of one element.
@Suite struct JSONArrayScannerTests {
    static let document = #"""
        {"AccountId":"DID-1","Note":"a \"Results\": [ string","TotalRoutes":3,"Nested":{"Results":[1,2]},
         "Results":[ {"RouteName":"a]}","X":{"Y":[1,{"z":"}"}]}} , {"RouteName":"b\\"}, {"Q":"\"}]\\\"{"}, {} ]}
        """#

    static func elements(_ text: String, chunk: Int, member: String = "Results") throws -> [String] {
        var scanner = JSONArrayScanner(member: member)
        var found: [String] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            try bytes[start..<end].withUnsafeBytes { buffer in
                try scanner.feed(buffer) { found.append(String(decoding: $0, as: UTF8.self)) }
            }
            start = end
        }
        try scanner.finish()
        return found
    }

    @Test func everyElementWholeAtEveryChunkSize() throws {
        let expected = [#"{"RouteName":"a]}","X":{"Y":[1,{"z":"}"}]}}"#, #"{"RouteName":"b\\"}"#, #"{"Q":"\"}]\\\"{"}"#, "{}"]
        for chunk in 1...Self.document.utf8.count {
            #expect(try Self.elements(Self.document, chunk: chunk) == expected, "chunk \(chunk)")
        }
    }

    @Test func aListLargerThanAnyBufferIsReadInTheMemoryOfOneElement() throws {
        // 70 MB, more than the 64 MiB an ordinary answer may have, generated as it is fed.
        var scanner = JSONArrayScanner(member: "results")
        let element = Array(#"{"CallRouteId":"CRID-00000000-0000-0000-0000-000000000000","RouteName":"route","RouteType":"Trunk","TrunkIp1":"10.0.0.1"}"#.utf8)
        var block: [UInt8] = []
        for _ in 0..<1000 { block += element + [UInt8(ascii: ",")] }
        var count = 0
        try Array(#"{"Results":["#.utf8).withUnsafeBytes { try scanner.feed($0) { _ in } }
        let blocks = 70_000_000 / block.count
        for _ in 0..<blocks {
            try block.withUnsafeBytes { try scanner.feed($0) { _ in count += 1 } }
        }
        try (element + Array("]}".utf8)).withUnsafeBytes { try scanner.feed($0) { _ in count += 1 } }
        try scanner.finish()
        #expect(count == blocks * 1000 + 1)
    }

    @Test func badDocumentsAreNamed() throws {
        let cases: [(String, JSONArrayScanner.Failure)] = [
            ("[1,2]", .notAnObject),
            (#"{"Results":[1]}"#, .elementNotAnObject),
            (#"{"Results":[{}]"#, .incomplete),
            (#"{"Other":[]}"#, .missingMember("Results")),
            (#"{"Results":[]}}"#, .unbalanced),
            (#"{"Results":[]} {"#, .textAfterDocument),
            // A hostile server's near misses: none may pass for a list of routes.
            (#"{"Re\"sults":[{"RouteName":"fake"}]}"#, .missingMember("Results")),
            (#"{"x":"Results":[{"RouteName":"fake"}]}"#, .missingMember("Results")),
            (#"{"Results":["garbage",{}]}"#, .elementNotAnObject),
            (#"{"Results":[{}{}]}"#, .missingComma),
            (#"{"Results":[{}}}"#, .unbalanced),
            (#"{"Results":[],"results":[{}]}"#, .repeatedMember("Results")),
            (#""x"{"Results":[]}"#, .notAnObject),
            (#"{"Results":[]}"x""#, .textAfterDocument),
            (#"{"a":"# + String(repeating: "[", count: 2000), .tooDeep(JSONArrayScanner.maximumDepth)),
        ]
        for (text, failure) in cases {
            #expect(throws: failure, "\(text)") { _ = try Self.elements(text, chunk: 3) }
        }
        var scanner = JSONArrayScanner(member: "Results", maximumElementSize: 16)
        #expect(throws: JSONArrayScanner.Failure.elementTooLarge(16)) {
            try Array(#"{"Results":[{"RouteName":"a long name"}]}"#.utf8).withUnsafeBytes { try scanner.feed($0) { _ in } }
        }
        // An element that never closes is refused once it passes the limit, whatever the chunks.
        var unending = JSONArrayScanner(member: "Results", maximumElementSize: 16)
        try Array(#"{"Results":[{"RouteName":""#.utf8).withUnsafeBytes { try unending.feed($0) { _ in } }
        #expect(throws: JSONArrayScanner.Failure.elementTooLarge(16)) {
            for _ in 0..<100 { try Array("abc".utf8).withUnsafeBytes { try unending.feed($0) { _ in } } }
        }
    }
}
