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
        let routes = CommandTree(name: "routes", subcommands: ["list", "create", "show"].map { CommandTree(name: $0) })
        let tree = CommandTree(
            name: "routectl", subcommands: [routes, CommandTree(name: "fail")],
            options: [.init(names: ["--output"], takesValue: true, values: ["table", "json", "csv"])])
        return Shell(Shell.Services(
            commands: tree,
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

    @Test func historyPathFollowsXDGWithOneFilePerProfile() {
        #expect(historyPath(profile: "sandbox", environment: ["XDG_STATE_HOME": "/tmp/state", "HOME": "/home/a"]) == "/tmp/state/routectl/history.sandbox")
        #expect(historyPath(profile: "prod", environment: ["HOME": "/home/a"]) == "/home/a/.local/state/routectl/history.prod")
        #expect(historyPath(profile: "a/b", environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/a"]) == "/home/a/.local/state/routectl/history.a%2Fb")
    }

    @Test func settingsRefuseUnknownKeysAndBadValues() async {
        #expect(await run("set output yaml") == ExitStatus.usage.rawValue)
        #expect(await run("set outptu table") == ExitStatus.usage.rawValue)
        #expect(await run("unset outptu") == ExitStatus.usage.rawValue)
        #expect(await run("set concurrency 0") == ExitStatus.usage.rawValue)
        #expect(await run("set provider telegnet") == ExitStatus.usage.rawValue)
        #expect(await run("set base-url api.example.com") == ExitStatus.usage.rawValue)
        #expect(await run("set profile nosuch") == ExitStatus.usage.rawValue)
        #expect(ProcessInfo.processInfo.environment["ROUTECTL_OUTPTU"] == nil)
        #expect(await run("set output JSON\nset profile sandbox\nset verbose on") == 0)
        #expect(ProcessInfo.processInfo.environment["ROUTECTL_OUTPUT"] == "json")
        #expect(ProcessInfo.processInfo.environment["ROUTECTL_PROFILE"] == "sandbox")
        #expect(await run("unset output\nunset profile\nunset verbose") == 0)
    }

    @Test func settingErrorsSayWhatWasMeant() {
        var settings = ShellSettings(tree: CommandTree(name: "routectl"))
        #expect(throws: ShellSettings.SettingError.self) { try settings.set("outptu", to: "table") }
        do { try settings.set("outptu", to: "table") } catch { #expect(error.description.contains("did you mean output?")) }
        do { try settings.set("hints", to: "maybe") } catch { #expect(error.description == "hints cannot be 'maybe': expected on or off") }
    }

    @Test func listsEverySettingSecretsMasked() {
        var settings = ShellSettings(tree: CommandTree(name: "routectl"))
        try? settings.set("account-secret", to: "hunter2")
        defer { try? settings.unset("account-secret") }
        let lines = settings.describe()
        #expect(lines.count == ShellSettings.keys.count)
        #expect(lines.contains { $0.hasPrefix("output ") && $0.hasSuffix("(not set)") })
        #expect(lines.contains { $0.hasPrefix("account-secret ") && !$0.contains("hunter2") })
        #expect(lines.contains { $0.hasPrefix("hints ") && $0.hasSuffix("on") })
    }

    @Test func unknownCommandsAreRefusedWithTheNearestOne() async {
        #expect(await run("rutes list") == ExitStatus.usage.rawValue)
        #expect(await recorder.lines.isEmpty)
    }
}
