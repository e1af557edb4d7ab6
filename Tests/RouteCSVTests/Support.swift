import Foundation
@testable import RouteCSV

/// Bytes in a temporary file, removed when the test is done with it.
struct TemporaryFile: ~Copyable {
    let path: String

    init(_ bytes: [UInt8]) {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("routecsv-\(UUID().uuidString).csv").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    init(_ text: String) { self.init(Array(text.utf8)) }

    var bytes: [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// What a test wants to see of a record.
struct Read: Equatable, CustomStringConvertible {
    var number: Int
    var line: Int
    var fields: [String]
    var error: CSVError?

    var description: String { "#\(number)@\(line) \(fields) \(error.map(String.init(describing:)) ?? "")" }
}

func readAll(
    _ bytes: [UInt8], chunkSize: Int = 1 << 16, delimiter: Unicode.Scalar = ",", maxFieldSize: Int = 1 << 20,
    maxFieldCount: Int = CSVReader.Options.defaultMaxFieldCount, encoding: TextEncoding = .utf8
) throws -> [Read] {
    let file = TemporaryFile(bytes)
    let reader = try CSVReader(path: file.path, options: .init(
        delimiter: delimiter, encoding: encoding, maxFieldSize: maxFieldSize, maxFieldCount: maxFieldCount, chunkSize: chunkSize))
    var records: [Read] = []
    while let record = try reader.next() {
        records.append(Read(number: record.number, line: record.line, fields: Array(record), error: record.error))
    }
    return records
}

func readAll(
    _ text: String, chunkSize: Int = 1 << 16, delimiter: Unicode.Scalar = ",", maxFieldSize: Int = 1 << 20,
    maxFieldCount: Int = CSVReader.Options.defaultMaxFieldCount
) throws -> [Read] {
    try readAll(Array(text.utf8), chunkSize: chunkSize, delimiter: delimiter, maxFieldSize: maxFieldSize, maxFieldCount: maxFieldCount)
}

func fields(_ records: [Read]) -> [[String]] { records.map(\.fields) }

/// A small deterministic generator (SplitMix64), so random tests fail the same way every time.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random records rich in what CSV must get right: delimiters, quotes, line breaks, spaces, non-ASCII.
func randomRecords(count: Int, fields: Int, using rng: inout SeededGenerator) -> [[String]] {
    let pieces = ["a", "Acme", ",", ";", "\"", "\"\"", "\n", "\r\n", "\r", " ", "é", "日本", "🚀", "x y", "\t", "1.2.3.4"]
    return (0..<count).map { _ in
        (0..<fields).map { _ in
            (0..<Int.random(in: 0...4, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
        }
    }
}
