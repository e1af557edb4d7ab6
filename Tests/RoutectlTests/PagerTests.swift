import Foundation
import Testing

/// The pager on a real controlling terminal: `script` gives routectl one, as a person's shell
/// does. A pager that touches the terminal (as `less` does at once) is stopped by the kernel
/// if it runs outside the terminal's foreground process group, and the table never shows.
@Suite(.serialized) struct PagerTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1)"))
    func aPagerThatTouchesTheTerminalRunsInTheForeground() throws {
        let harness = try RoutesCLIHarness()
        defer { try? FileManager.default.removeItem(at: harness.home) }
        let creates = (1...40).map { "routes create RouteName=paged-\($0) RouteType=Trunk TrunkIp1=10.0.0.1 TrunkPort1=5060 TrunkTransport1=UDP" }
        #expect(try harness.run([], input: creates.joined(separator: "\n") + "\n").status == 0)

        // `stty` sets the terminal: from a background process group that is SIGTTOU, a stop.
        let command = "\(RoutesCLIHarness.binary.path) routes list"
        let outcome = try harness.run(
            ["-qec", command, "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"),
            environment: ["PAGER": "stty -echo </dev/tty && sed s/^/paged:/ && stty echo </dev/tty", "TERM": "xterm"], timeout: .seconds(60))
        #expect(outcome.status == 0)
        let lines = outcome.stdout.split(whereSeparator: \.isNewline)
        #expect(lines.contains { $0.hasPrefix("paged:") && $0.contains(" paged-40 ") }, "\(outcome.stdout.suffix(500))")
        #expect(!outcome.stdout.contains("stty:"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1)"))
    func aPagerThatCannotRunIsSaidSo() throws {
        let harness = try RoutesCLIHarness()
        defer { try? FileManager.default.removeItem(at: harness.home) }
        let creates = (1...40).map { "routes create RouteName=lost-\($0) RouteType=Trunk TrunkIp1=10.0.0.1 TrunkPort1=5060 TrunkTransport1=UDP" }
        #expect(try harness.run([], input: creates.joined(separator: "\n") + "\n").status == 0)
        let outcome = try harness.run(
            ["-qec", "\(RoutesCLIHarness.binary.path) routes list", "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"),
            environment: ["PAGER": "/nonexistent/pager", "TERM": "xterm"], timeout: .seconds(60))
        #expect(outcome.stdout.contains("the pager \"/nonexistent/pager\" could not run (exit 127)"))
    }
}
