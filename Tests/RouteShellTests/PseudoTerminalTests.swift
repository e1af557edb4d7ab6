import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Drives the real `routectl shell` through a pseudo-terminal, the way a person would: types,
/// presses Tab, reads the screen. Skipped when the executable has not been built.
@Suite(.serialized) struct PseudoTerminalTests {
    @Test(.enabled(if: Terminal.executable != nil, "routectl is not built"))
    func completesHintsAndKeepsSecretsOutOfHistory() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("routectl-pty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try Terminal(home: home)
        defer { terminal.close() }

        try terminal.expect("routectl telegent@sandbox>")
        terminal.type("routes cr\t")
        try terminal.expect("> routes create")
        terminal.type("RouteT\t")
        try terminal.expect("RouteType=")
        terminal.type("Tr\t")
        try terminal.expect("RouteType=Trunk")
        try terminal.expect("TrunkTransport1=")  // the hint: required fields still missing

        terminal.type("\u{3}")  // Ctrl-C abandons the line
        try terminal.expect("^C")
        terminal.type("routes list --output \t\t")
        try terminal.expect("table  json   csv")
        terminal.type("\u{3}set output json\r")
        terminal.type(" set hints off\r")
        terminal.type("set account-secret hunter2\r")
        terminal.type("history\r")
        try terminal.expect("    1  set output json")
        terminal.type("exit\r")
        #expect(terminal.waitForExit() == 0)

        let history = home.appendingPathComponent("state/routectl/history.sandbox").path
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains("set\\040output\\040json"))
        #expect(!saved.contains("hunter2"))
        #expect(!saved.contains("hints"))
        let mode = try FileManager.default.attributesOfItem(atPath: history)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test(.enabled(if: Terminal.executable != nil, "routectl is not built"))
    func recallsTheLastSessionsLinesWithUp() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("routectl-pty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let first = try Terminal(home: home)
        try first.expect("routectl telegent@sandbox>")
        first.type("set output csv\r")
        first.type("\u{4}")  // Ctrl-D
        #expect(first.waitForExit() == 0)
        first.close()

        let second = try Terminal(home: home)
        defer { second.close() }
        try second.expect("routectl telegent@sandbox>")
        second.type("\u{1B}[A")  // Up
        try second.expect("set output csv")
        second.type("\u{4}\u{4}")
    }

    @Test(.enabled(if: Terminal.executable != nil, "routectl is not built"))
    func routeNamesWithEscapeCodesAreShownEscaped() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("routectl-pty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        // Made outside the shell, as anyone who can write to the account could.
        let create = Process()
        create.executableURL = Terminal.executable
        create.arguments = ["routes", "create", "RouteName=\u{1B}[2J\u{1B}[31mred", "RouteType=Trunk", "TrunkIp1=2001:db8::1",
                            "TrunkPort1=5061", "TrunkTransport1=TLS", "-q"]
        create.environment = Terminal.environment(home: home)
        create.standardOutput = FileHandle.nullDevice
        try create.run()
        create.waitUntilExit()
        #expect(create.terminationStatus == 0)

        let terminal = try Terminal(home: home)
        defer { terminal.close() }
        try terminal.expect("routectl telegent@sandbox>")
        terminal.type("routes list\r")
        try terminal.expect(#"\e[2J\e[31mred  Trunk      TLS [2001:db8::1]:5061"#)
        try terminal.expect("1 route")
        terminal.type("routes list --output csv --columns RouteName,RouteType\r")
        try terminal.expect("\n\\e[2J\\e[31mred,Trunk")
        terminal.type("routes list --output json --columns RouteName\r")
        try terminal.expect(#""RouteName": "\u001b[2J\u001b[31mred""#)
        terminal.type("exit\r")
        #expect(terminal.waitForExit() == 0)
    }
    @Test(.enabled(if: Terminal.executable != nil, "routectl is not built"))
    func longTablesGoThroughThePagerUnlessToldNot() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("routectl-pty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let file = home.appendingPathComponent("routes.csv")
        let rows = (1...30).map { "route-\($0),URL,https://example.com/\($0),POST" }
        try (["RouteName,RouteType,VoiceUrl,VoiceUrlMethod"] + rows).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let load = Process()
        load.executableURL = Terminal.executable
        load.arguments = ["import", file.path, "-q"]
        load.environment = Terminal.environment(home: home)
        try load.run()
        load.waitUntilExit()
        #expect(load.terminationStatus == 0)

        // A pager that marks what it is given, so the screen tells whether it ran.
        let terminal = try Terminal(home: home, environment: ["PAGER": "sed s/^/paged:/"])
        defer { terminal.close() }
        try terminal.expect("routectl telegent@sandbox>")
        terminal.type("routes list --columns RouteName\r")
        try terminal.expect("paged:30 routes")
        terminal.type("routes list --columns RouteName --no-pager --where RouteName=route-7\r")
        try terminal.expect("\nroute-7\n1 route")
        terminal.type("exit\r")
        #expect(terminal.waitForExit() == 0)
    }
    @Test(.enabled(if: Terminal.executable != nil, "routectl is not built"))
    func tableHeadersAreBoldOnATerminalUnlessNoColor() throws {
        for noColor in [false, true] {
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("routectl-pty-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: home) }
            let terminal = try Terminal(home: home, environment: noColor ? ["NO_COLOR": "1"] : [:])
            defer { terminal.close() }
            try terminal.expect("routectl telegent@sandbox>")
            terminal.type("routes create RouteName=x RouteType=URL VoiceUrl=https://example.com VoiceUrlMethod=GET\r")
            try terminal.expect("CRID-")
            terminal.type("routes list\r")
            try terminal.expect("1 route")
            #expect(terminal.raw.contains("\u{1B}[1m") == !noColor, "\(terminal.raw.debugDescription)")
            terminal.type("exit\r")
            #expect(terminal.waitForExit() == 0)
        }
    }
}

extension PseudoTerminalTests {
    /// A home whose sandbox history holds `lines`, typed in a first session.
    private func home(withHistory lines: [String]) throws -> URL {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("routectl-pty-\(UUID().uuidString)")
        let first = try Terminal(home: home)
        defer { first.close() }
        try first.expect("routectl telegent@sandbox>")
        for line in lines { first.type(line + "\r") }
        first.type("\u{4}")
        #expect(first.waitForExit() == 0)
        return home
    }

    @Test(.enabled(if: Terminal.executable != nil, "routectl is not built"))
    func suggestsTheNewestMatchingHistoryLineAndTakesItWithRight() throws {
        let home = try home(withHistory: ["set output json", "set output csv"])
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try Terminal(home: home)
        defer { terminal.close() }
        try terminal.expect("routectl telegent@sandbox>")
        terminal.type("set ou")
        try terminal.expect("> set output csv")  // the newest line starting so, dimmed after the cursor
        terminal.type("x")
        try terminal.expect("> set oux")
        #expect(terminal.row(containing: "> set oux") == "routectl telegent@sandbox> set oux")  // nothing left behind
        terminal.type("\u{7F}\u{1B}[C\r")  // Backspace, Right, Enter
        terminal.type("set\r")
        try terminal.expect("output" + String(repeating: " ", count: 10) + "csv")
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }

    @Test(.enabled(if: Terminal.executable != nil, "routectl is not built"))
    func hintsLeaveNothingBehindWhenTheyShrink() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("routectl-pty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try Terminal(home: home)
        defer { terminal.close() }
        try terminal.expect("routectl telegent@sandbox>")
        terminal.type("routes create RouteType=Trunk ")
        try terminal.expect("TrunkTransport1=")
        terminal.type("TrunkIp1=")
        try terminal.expect("an IPv4 or IPv6 address")
        #expect(terminal.row(containing: "IPv4") == "routectl telegent@sandbox> routes create RouteType=Trunk TrunkIp1= an IPv4 or IPv6 address")
        terminal.type("\u{3}\u{4}")
    }

    @Test(.enabled(if: Terminal.executable != nil, "routectl is not built"))
    func searchesHistoryBackwardsUnderAReadablePrompt() throws {
        let home = try home(withHistory: ["set output csv", "set hints on"])
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try Terminal(home: home)
        defer { terminal.close() }
        try terminal.expect("routectl telegent@sandbox>")
        terminal.type("\u{12}")  // Ctrl-R
        try terminal.expect("(reverse-i-search)`':")
        terminal.type("outp")
        try terminal.expect("(reverse-i-search)`outp': set output csv")
        terminal.type("\r")
        try terminal.expect("routectl telegent@sandbox> set output csv")
        terminal.type("set\r")
        try terminal.expect("output" + String(repeating: " ", count: 10) + "csv")
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }

    @Test(.enabled(if: Terminal.executable != nil, "routectl is not built"))
    func eachProfileHasItsOwnHistoryAndPrompt() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("routectl-pty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try Terminal(home: home)
        defer { terminal.close() }
        try terminal.expect("routectl telegent@sandbox>")
        terminal.type("set output json\r")
        terminal.type(" profiles add prod --base-url http://127.0.0.1:9/v1.0 --account-key K --account-secret S\r")
        try terminal.expect("routectl telegent@prod>")  // the first profile saved is the active one
        terminal.type("history\r")
        try terminal.expect("    1  history")
        #expect(!terminal.screenText.contains("    1  set output json"))
        terminal.type("profiles use sandbox\r")
        terminal.type("history\r")
        try terminal.expect("    1  set output json")
        terminal.type("set profile prod\r")
        terminal.type("history\r")
        try terminal.expect("    2  profiles use sandbox")
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }

    @Test(.enabled(if: Terminal.executable != nil, "routectl is not built"))
    func redrawsTheLineWhenTheTerminalIsResized() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("routectl-pty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try Terminal(home: home)
        defer { terminal.close() }
        try terminal.expect("routectl telegent@sandbox>")
        let typed = "routes create RouteType=Trunk RouteName=abcdefghij"
        terminal.type(typed)
        try terminal.expect("RouteName=abcdefghij")
        terminal.resize(columns: 50)  // the row is cut at 50 columns: only a redraw shows the rest
        let line = "routectl telegent@sandbox> " + typed
        try terminal.expect("\n" + line.dropFirst(50))
        #expect(terminal.row(containing: "routectl telegent@sandbox>") == String(line.prefix(50)))
        terminal.type("\u{3}\u{4}")
    }
}

/// `routectl shell` on a pseudo-terminal, with its XDG directories under `home`.
final class Terminal {
    /// The built executable, found beside the test bundle.
    static let executable: URL? = {
        let bundle = Bundle.main.bundleURL
        let candidates = [bundle.deletingLastPathComponent(), bundle, bundle.deletingLastPathComponent().deletingLastPathComponent()]
            .map { $0.appendingPathComponent("routectl") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    private let process = Process()
    private let master: Int32
    private var screen = VirtualScreen(rows: 24, columns: 140)
    /// Every byte the shell wrote, escape sequences included.
    private(set) var raw = ""

    init(home: URL, environment extra: [String: String] = [:]) throws {
        var master: Int32 = 0, slave: Int32 = 0
        var size = winsize(ws_row: 24, ws_col: 140, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.ENOTTY) }
        self.master = master
        let tty = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.executableURL = Terminal.executable
        process.arguments = ["shell"]
        process.environment = Self.environment(home: home).merging(extra) { _, new in new }
        process.standardInput = tty
        process.standardOutput = tty
        process.standardError = tty
        try process.run()
    }

    static func environment(home: URL) -> [String: String] {
        [
            "HOME": home.path, "PATH": "/usr/bin:/bin", "TERM": "xterm",
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "XDG_STATE_HOME": home.appendingPathComponent("state").path,
            "XDG_DATA_HOME": home.appendingPathComponent("data").path,
        ]
    }

    /// Runs `lines` as a script piped to `routectl` (no terminal), with the same directories:
    /// how a test fills the sandbox before the shell starts.
    static func runScript(home: URL, _ lines: [String]) throws {
        let process = Process()
        process.executableURL = executable
        process.environment = environment(home: home)
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw POSIXError(.EIO) }
    }

    /// What the screen shows, as far as it has been read.
    var screenText: String { screen.text }

    func type(_ text: String) {
        _ = text.withCString { write(master, $0, strlen($0)) }
        usleep(150_000)
    }

    /// Reads the terminal until `text` is on the screen, or fails after a few seconds.
    func expect(_ text: String, timeout: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !screen.text.contains(text) {
            guard Date() < deadline else {
                Issue.record("never saw \(text.debugDescription) on the screen:\n\(screen.text)")
                throw POSIXError(.ETIMEDOUT)
            }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(master, &buffer, buffer.count)
            if count > 0 {
                let text = String(decoding: buffer[..<count], as: UTF8.self)
                raw += text
                screen.feed(text)
            }
        }
    }

    /// The screen row holding `text`, trailing blanks removed.
    func row(containing text: String) -> String? {
        screen.text.split(separator: "\n").first { $0.contains(text) }.map(String.init)
    }

    /// Makes the terminal `columns` wide, as a person dragging its window would.
    func resize(columns: Int) {
        var size = winsize(ws_row: 24, ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        screen.resize(columns: columns)
    }

    func waitForExit(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            var buffer = [UInt8](repeating: 0, count: 4096)
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 50) > 0 { _ = read(master, &buffer, buffer.count) }
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    func close() {
        if process.isRunning { process.terminate() }
        Glibc.close(master)
    }
}
