import Foundation
import Testing

/// How the command line reads its words: global options on either side of the command,
/// `--version`, "did you mean", and the sandbox as a profile like any other.
@Suite struct CommandLineTests {
    let cli: RoutesCLIHarness

    init() throws { cli = try RoutesCLIHarness() }

    @Test func globalOptionsMayComeBeforeTheCommand() throws {
        let before = try cli.run(["--output", "json", "--quiet", "routes", "list"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout.hasPrefix("["))
        #expect(before.stderr.isEmpty)
        let after = try cli.run(["routes", "list", "--output", "json", "--quiet"])
        #expect(after.stdout == before.stdout)
        let profile = try cli.run(["--profile", "sandbox", "-q", "routes", "list", "--output", "csv"])
        #expect(profile.status == 0, "\(profile.stderr)")
        let between = try cli.run(["routes", "--output", "json", "-q", "list"])
        #expect(between.status == 0, "\(between.stderr)")
        #expect(between.stdout == before.stdout)
        let misspelt = try cli.run(["--profile", "sandbox", "rutes", "list"])
        #expect(misspelt.status == 64 && misspelt.stderr.contains("(did you mean routes?)"), "\(misspelt.stderr)")
    }

    @Test func globalOptionsBeforeTheShellOrStdinApplyToEveryCommandItRuns() throws {
        // No command: the commands come from stdin, with the options in force.
        let stdin = try cli.run(["--output", "json", "--quiet"], input: "routes list\n")
        #expect(stdin.status == 0, "\(stdin.stderr)")
        #expect(stdin.stdout.hasPrefix("["))
        let shell = try cli.run(["--output", "csv", "-q", "shell"], input: "routes list\n")
        #expect(shell.status == 0, "\(shell.stderr)")
        #expect(shell.stdout.hasPrefix("CallRouteId,"))
        let missing = try cli.run(["--profile", "nosuch"], input: "routes list\n")
        #expect(missing.status == 64 && missing.stderr.contains("no profile named \"nosuch\""), "\(missing.stderr)")
        // A line of options alone, in a script, is refused: no command there starts another shell.
        let nested = try cli.run([], input: "--output json\nroutes list\n", timeout: .seconds(60))
        #expect(nested.status == 64 && nested.stderr.contains("--output"), "\(nested.stderr)")
        let inspect = try cli.run(["--output", "json", "csv", "inspect", "/nonexistent.csv"])
        #expect(!inspect.stderr.contains("Unknown option"))
    }

    @Test func aNegativePaceIsRefusedForWhatItIs() throws {
        for (option, value) in [("--rate", "-1"), ("--concurrency", "-5")] {
            let outcome = try cli.run(["import", "/nonexistent.csv", option, value])
            #expect(outcome.status == 64, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("\(option) must be"), "\(outcome.stderr)")
            #expect(!outcome.stderr.contains("Missing value"), "\(outcome.stderr)")
        }
    }

    @Test func printsItsVersion() throws {
        let outcome = try cli.run(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
    }

    @Test func unknownCommandsGetTheNearestOne() throws {
        let top = try cli.run(["rutes", "list"])
        #expect(top.status == 64)
        #expect(top.stderr.contains("unknown command 'rutes' (did you mean routes?)"))
        let nested = try cli.run(["routes", "lst"])
        #expect(nested.status == 64)
        #expect(nested.stderr.contains("unknown command 'lst' of 'routes' (did you mean list?)"))
    }

    @Test func sandboxIsAlwaysAProfile() throws {
        let added = try cli.run(["profiles", "add", "prod", "--base-url", "http://127.0.0.1:9/v1.0",
                                 "--account-key", "K", "--account-secret", "S"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try cli.run(["profiles", "use", "sandbox"]).status == 0)
        let listed = try cli.run(["-q", "routes", "list", "--output", "json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let table = try cli.run(["profiles", "list", "--output", "table"])
        #expect(table.lines.contains { $0.hasPrefix("*") && $0.contains("sandbox") })
        #expect(try cli.run(["profiles", "add", "sandbox", "--base-url", "http://127.0.0.1:9/v1.0",
                             "--account-key", "K", "--account-secret", "S"]).status == 64)
    }

    @Test func aBadSandboxAccountIsRefusedWithoutRepeatingIt() throws {
        let outcome = try cli.run(["sandbox", "serve", "--account", "hunter2-no-colon"])
        #expect(outcome.status == 64)
        #expect(!outcome.stderr.contains("hunter2"))
    }
}
