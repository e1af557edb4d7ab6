import Foundation
import Testing
@testable import RouteCSV

/// The reader and Python's `csv` module agree on well-formed files. Skipped without python3.
@Suite struct PythonAgreementTests {
    static let python: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin")
        .split(separator: ":").map { "\($0)/python3" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: python != nil), arguments: [UInt64(1), 2, 3, 4, 5])
    func sameRecordsAsPython(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let records = randomRecords(count: 200, fields: 5, using: &rng)
        let file = TemporaryFile([])
        let writer = try CSVWriter(path: file.path, options: .init(lineEnding: seed.isMultiple(of: 2) ? .crlf : .lf))
        for record in records { try writer.write(record) }
        try writer.flush()

        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline="", encoding="utf-8") as f:
                print(json.dumps([r for r in csv.reader(f) if r]))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python!)
        process.arguments = ["-c", script, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let python = try JSONDecoder().decode([[String]].self, from: output)

        #expect(fields(try readAll(file.bytes, chunkSize: 5)) == python)
        #expect(python == records)
    }
}
