import Foundation
import Testing
import XLSXTestSupport

/// An .xlsx sheet streams: reading ten times the rows takes no more memory. Measured on the built
/// binary, each run in a process of its own, with the kernel's count of its peak.
@Suite struct SheetMemoryTests {
    @Test("200,000 rows (40 MB of sheet XML) read with the peak memory of 20,000")
    func flatPeak() throws {
        let cli = try RoutesCLIHarness()
        defer { try? FileManager.default.removeItem(at: cli.home) }
        func sheet(_ rows: Int) throws -> String {
            let path = cli.home.appendingPathComponent("routes-\(rows).xlsx").path
            try SheetWriter.write(to: path, header: ["RouteName", "RouteType", "TrunkIp1", "Description"], rows: rows) {
                ["route-\($0)", "Trunk", "10.0.\($0 / 250 % 250).\($0 % 250)", "a description long enough to weigh \($0)"]
            }
            return path
        }
        let small = try peakMiB(["csv", "inspect", try sheet(20_000), "--count"])
        let large = try peakMiB(["csv", "inspect", try sheet(200_000), "--count"])
        #expect(small.output == "20000\n" && large.output == "200000\n")
        // Holding the large sheet's XML alone would take 40 MB more, its rows as strings far more.
        #expect(large.peak - small.peak < 8, "peak \(small.peak) MiB for 20,000 rows, \(large.peak) MiB for 200,000")
    }

    /// Runs routectl with `arguments`; its standard output and its peak resident memory.
    ///
    /// Through python3, a small parent: a child's peak counts the memory of the process it was
    /// spawned from until it starts routectl, and this test process is large.
    private func peakMiB(_ arguments: [String]) throws -> (output: String, peak: Double) {
        let script = """
            import resource, subprocess, sys
            out = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode()
            print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            print(out, end="")
            """
        let process = try SpawnedProcess("/usr/bin/env", ["python3", "-c", script, RoutesCLIHarness.binary.path] + arguments,
                                         environment: ProcessInfo.processInfo.environment,
                                         directory: FileManager.default.currentDirectoryPath, input: false)
        let text = String(decoding: process.standardOutput.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let firstLine = text.prefix { $0 != "\n" }
        let kilobytes = try #require(Double(firstLine), "python3 said: \(text)")
        return (String(text.dropFirst(firstLine.count + 1)), kilobytes / 1024)
    }
}
