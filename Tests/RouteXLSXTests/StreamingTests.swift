import Foundation
import RouteCSV
import Testing
import XLSXTestSupport
@testable import RouteXLSX

/// A sheet is read as it is inflated, to its last row, and a reader let go of early stops its
/// threads. (Its flat memory is measured in a process of its own: RoutectlTests' `SheetMemoryTests`.)
@Suite(.serialized) struct StreamingTests {
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("routexlsx-\(UUID().uuidString)").path

    @Test("20,000 rows read to the last one")
    func largeSheet() throws {
        try FileManager.default.createDirectory(atPath: Self.directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: Self.directory) }
        let path = Self.directory + "/large.xlsx"
        let rows = 20_000
        try SheetWriter.write(to: path, header: ["RouteName", "RouteType", "TrunkIp1", "Description"], rows: rows) {
            ["route-\($0)", "Trunk", "10.0.\($0 / 250 % 250).\($0 % 250)", "a description long enough to weigh \($0)"]
        }
        let reader = try XLSXReader(path: path)
        _ = try reader.next()
        var count = 0
        var last: CSVRecord?
        while let record = try reader.next() {
            count += 1
            last = record
        }
        #expect(count == rows)
        #expect(last?.line == rows + 1)
        #expect(last.map(Array.init) == ["route-\(rows)", "Trunk", "10.0.80.0", "a description long enough to weigh \(rows)"])
    }

    @Test("a reader let go of before the end stops its threads")
    func abandonedReader() throws {
        try FileManager.default.createDirectory(atPath: Self.directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: Self.directory) }
        let path = Self.directory + "/abandoned.xlsx"
        try SheetWriter.write(to: path, header: ["RouteName"], rows: 20_000) { ["route-\($0)"] }
        for _ in 0..<20 {
            let reader = try XLSXReader(path: path)
            _ = try reader.next()
            _ = try reader.next()
        }
        // The archive (an open file) is let go of only when both threads of its reader have
        // ended; they were waiting on a full hand-off. Give them a moment on a loaded machine.
        var open = Self.descriptors(to: path)
        for _ in 0..<200 where open > 0 {
            Thread.sleep(forTimeInterval: 0.05)
            open = Self.descriptors(to: path)
        }
        #expect(open == 0, "\(open) descriptors still open on the workbook")
    }

    /// How many of this process's file descriptors are open on `path`.
    static func descriptors(to path: String) -> Int {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return descriptors.filter { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)) == path }.count
    }
}
