import Foundation
import Testing

@Suite struct ProfilesCommandTests {
    let cli: RoutesCLIHarness

    init() throws { cli = try RoutesCLIHarness() }

    @Test func profilesAreSavedPrivatelyAndShownMasked() throws {
        let added = try cli.run(["profiles", "add", "prod", "--base-url", "https://api.telegent.com/v1.0",
                                 "--account-key", "DID-1"], environment: ["ROUTECTL_ACCOUNT_SECRET": "a-very-secret-value"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stderr == "routectl: saved profile prod (active)\n")
        let file = cli.home.appendingPathComponent("config/routectl/config.json").path
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let shown = try cli.run(["profiles", "show", "--output", "table"])
        #expect(shown.stdout.contains("DID-1"))
        #expect(!shown.stdout.contains("a-very-secret-value"))

        _ = try cli.run(["profiles", "add", "fr", "--base-url", "https://api.flowroute.com/v2", "--account-key", "AK",
                         "--account-secret", "s"])
        let listed = try cli.run(["profiles", "list", "--output", "json"])
        #expect(listed.stdout.contains(#""name":"fr","provider":"flowroute""#))
        #expect(try cli.run(["profiles", "use", "fr"]).status == 0)
        #expect(try cli.run(["profiles", "show", "--output", "json"]).stdout.contains(#""name":"fr""#))
        #expect(try cli.run(["profiles", "remove", "fr"]).status == 0)
        let missing = try cli.run(["profiles", "use", "fr"])
        #expect(missing.status == 64)
        #expect(missing.stderr == "routectl: no profile named \"fr\" (profiles: sandbox, prod)\n")
    }

    @Test func unsafeOrSandboxLikeNamesAreRefused() throws {
        let refusals = [
            "": "a profile's name cannot be empty",
            "a/b": "a profile's name cannot hold a / (\"a/b\")",
            "../x": "a profile's name cannot hold a / (\"../x\")",
            ".x": "a profile's name cannot start with a . (\".x\")",
            "e\u{1B}[31mx": "a profile's name cannot hold control characters (\"e\\e[31mx\")",
            "SandBox": "\"SandBox\" is the local sandbox's name (in any case); choose another",
        ]
        for (name, refusal) in refusals {
            let added = try cli.run(["profiles", "add", name, "--base-url", "https://api.telegent.com/v1.0",
                                     "--account-key", "k", "--account-secret", "s"])
            #expect(added.status == 64, "\(name)")
            #expect(added.stderr.contains(refusal), "\(added.stderr)")
            #expect(!added.stderr.contains("\u{1B}"))
        }
        #expect(!FileManager.default.fileExists(atPath: cli.home.appendingPathComponent("config/routectl/config.json").path))
    }

    @Test func withoutASecretOrTerminalAddIsAUsageError() throws {
        let outcome = try cli.run(["profiles", "add", "x", "--base-url", "https://api.telegent.com/v1.0", "--account-key", "k"])
        #expect(outcome.status == 64)
    }
}
