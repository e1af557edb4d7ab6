import Foundation
import RouteCSV
import Testing
@testable import RouteXLSX

/// A sheet is read as it is inflated: memory does not grow with the number of rows.
@Suite(.serialized) struct StreamingTests {
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("routexlsx-\(UUID().uuidString)").path

    /// The kernel's count of this process's peak resident memory, reset to the current size.
    static func resetPeak() { try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8) }

    /// A number from `/proc/self/status`: kB for memory, a count for `Threads`.
    static func status(_ field: String) -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
        return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Double($0) } ?? 0
    }

    @Test("200,000 rows (40 MB of sheet XML) read with a flat peak")
    func largeSheet() throws {
        try FileManager.default.createDirectory(atPath: Self.directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: Self.directory) }
        let path = Self.directory + "/large.xlsx"
        let rows = 200_000
        try SheetWriter.write(to: path, header: ["RouteName", "RouteType", "TrunkIp1", "Description"], rows: rows) {
            ["route-\($0)", "Trunk", "10.0.\($0 / 250 % 250).\($0 % 250)", "a description long enough to weigh \($0)"]
        }
        let reader = try XLSXReader(path: path)
        _ = try reader.next()
        // Warm up: the channels fill and the allocator settles.
        for _ in 0..<5_000 { _ = try reader.next() }
        Self.resetPeak()
        let before = Self.status("VmRSS") / 1024
        var count = 5_000
        var last: CSVRecord?
        while let record = try reader.next() {
            count += 1
            last = record
        }
        let growth = Self.status("VmHWM") / 1024 - before
        #expect(count == rows)
        #expect(last?.line == rows + 1)
        #expect(last.map(Array.init) == ["route-\(rows)", "Trunk", "10.0.50.0", "a description long enough to weigh \(rows)"])
        // Holding the sheet's XML alone would take 40 MB, its rows as strings far more.
        #expect(growth < 12, "peak grew \(growth) MiB while reading")
    }

    @Test("a reader let go of before the end stops its threads")
    func abandonedReader() throws {
        try FileManager.default.createDirectory(atPath: Self.directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: Self.directory) }
        let path = Self.directory + "/abandoned.xlsx"
        try SheetWriter.write(to: path, header: ["RouteName"], rows: 20_000) { ["route-\($0)"] }
        let threadsBefore = Self.status("Threads")
        for _ in 0..<20 {
            let reader = try XLSXReader(path: path)
            _ = try reader.next()
            _ = try reader.next()
        }
        // Each reader's two threads end once it is gone; give them a moment on a loaded machine.
        var threads = Self.status("Threads")
        for _ in 0..<100 where threads > threadsBefore + 4 {
            Thread.sleep(forTimeInterval: 0.05)
            threads = Self.status("Threads")
        }
        #expect(threads <= threadsBefore + 4, "\(threads) threads, \(threadsBefore) before")
    }
}
