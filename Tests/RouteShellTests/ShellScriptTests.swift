import Foundation
import Testing
import RouteModel
@testable import RouteShell

/// Remembers the command lines a shell hands to the parser.
private actor Recorder {
    var lines: [[String]] = []
    func record(_ words: [String]) { lines.append(words) }
}

@Suite(.serialized) struct ShellScriptTests {
    private let recorder = Recorder()

    /// A shell whose commands are recorded; `fail` fails with status 3.
    private func makeShell(last: String? = nil) -> Shell {
        let recorder = recorder
        return Shell(Shell.Services(
            commands: CommandTree(name: "routectl"),
            execute: { words in
                await recorder.record(words)
                return words.first == "fail" ? CommandOutcome(status: 3, message: "Error: it failed") : CommandOutcome(status: 0)
            },
            schema: { .telegent }, target: { "telegent@sandbox" }, routes: { [] }, lastCreatedID: { last }))
    }

    private func run(_ script: String, continueOnError: Bool = false, last: String? = nil) async -> Int32 {
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return await makeShell(last: last).runScript(lines: lines.makeIterator(), name: "tour.rc", continueOnError: continueOnError)
    }

    @Test func runsEachCommandSkippingBlanksAndComments() async {
        let status = await run("# a tour\nroutes list\n\nroutes create \\\n  RouteName='Main trunk'\n")
        #expect(status == 0)
        #expect(await recorder.lines == [["routes", "list"], ["routes", "create", "RouteName=Main trunk"]])
    }

    @Test func stopsAtTheFirstFailureWithItsStatus() async {
        #expect(await run("routes list\nfail\nroutes list") == 3)
        #expect(await recorder.lines == [["routes", "list"], ["fail"]])
    }

    @Test func goesOnWhenAskedAndReturnsTheFirstFailure() async {
        #expect(await run("fail\nroutes list\nexit", continueOnError: true) == 3)
        #expect(await recorder.lines == [["fail"], ["routes", "list"]])
    }

    @Test func exitEndsTheScriptWithItsStatus() async {
        #expect(await run("exit 2\nroutes list") == 2)
        #expect(await recorder.lines.isEmpty)
    }

    @Test func badLinesAreUsageErrors() async {
        #expect(await run("routes show \"CRID") == ExitStatus.usage.rawValue)
        #expect(await run("routes show $last") == ExitStatus.usage.rawValue)
        #expect(await run("set output") == ExitStatus.usage.rawValue)
        #expect(await recorder.lines.isEmpty)
    }

    @Test func expandsLast() async {
        #expect(await run("routes show $last", last: "CRID-7") == 0)
        #expect(await recorder.lines == [["routes", "show", "CRID-7"]])
    }

    @Test func setAndUnsetChangeTheEnvironmentCommandsRead() async {
        #expect(await run("set output json\nset base-url http://127.0.0.1:9") == 0)
        #expect(ProcessInfo.processInfo.environment["ROUTECTL_OUTPUT"] == "json")
        #expect(ProcessInfo.processInfo.environment["ROUTECTL_BASE_URL"] == "http://127.0.0.1:9")
        #expect(await run("unset output\nunset base-url\nset hints off") == 0)
        #expect(ProcessInfo.processInfo.environment["ROUTECTL_OUTPUT"] == nil)
        #expect(await run("set hints maybe") == ExitStatus.usage.rawValue)
    }

    @Test func sourcesScripts() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inner = directory.appendingPathComponent("inner.rc").path
        try "routes list\nfail\nroutes list\n".write(toFile: inner, atomically: true, encoding: .utf8)
        #expect(await run("source \(inner)\nroutes show x") == 3)
        #expect(await recorder.lines == [["routes", "list"], ["fail"]])
        #expect(await run("source \(directory.path)/missing.rc") == ExitStatus.fatal.rawValue)
    }

    @Test func historyPathFollowsXDG() {
        #expect(historyPath(environment: ["XDG_STATE_HOME": "/tmp/state", "HOME": "/home/a"]) == "/tmp/state/routectl/history")
        #expect(historyPath(environment: ["HOME": "/home/a"]) == "/home/a/.local/state/routectl/history")
        #expect(historyPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/a"]) == "/home/a/.local/state/routectl/history")
    }
}
