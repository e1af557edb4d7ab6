import Foundation
import RouteModel
import Testing
@testable import RouteClient

/// Flags, then the environment, then the profile, then the embedded sandbox; with the config
/// file in a temporary directory.
@Suite struct ConnectionResolverTests {
    private let configHome = FileManager.default.temporaryDirectory.appendingPathComponent("routectl-connection-\(UUID().uuidString)")

    private func resolver(_ environment: [String: String] = [:], profiles: [Profile] = [], active: String? = nil) throws -> ConnectionResolver {
        let environment = environment.merging(["XDG_CONFIG_HOME": configHome.path]) { old, _ in old }
        try ProfileStore(environment: environment).save(ProfileConfig(active: active, profiles: profiles))
        return ConnectionResolver(environment: environment)
    }

    private let flowroute = Profile(name: "fr", provider: "flowroute", baseURL: "https://api.flowroute.com/v1",
                                    accountKey: "KEY", accountSecret: "SECRET")

    @Test func nothingConfiguredIsTheSandbox() throws {
        let choice = try resolver().choose()
        #expect(choice.dialect == .telegent && choice.baseURL == nil && choice.place == "sandbox")
        #expect(try choice.endpoint() == nil)
        #expect(try resolver(["ROUTECTL_PROVIDER": "flowroute"]).choose().dialect == .flowrouteV2)
    }

    @Test func theActiveProfileAppliesUnlessAnotherProviderIsAsked() throws {
        let resolver = try resolver(profiles: [flowroute], active: "fr")
        let choice = try resolver.choose()
        #expect(choice.dialect == .flowrouteV1 && choice.place == "fr")
        #expect(try choice.endpoint() == Endpoint(dialect: .flowrouteV1, baseURL: "https://api.flowroute.com/v1", accountKey: "KEY", accountSecret: "SECRET"))
        let telegent = try resolver.choose(.init(provider: "telegent"))
        #expect(telegent.dialect == .telegent && telegent.place == "sandbox")
    }

    @Test func flagsBeatTheEnvironmentWhichBeatsTheProfile() throws {
        let resolver = try resolver(["ROUTECTL_BASE_URL": "https://api.flowroute.com/v2", "ROUTECTL_ACCOUNT_SECRET": "ENV"],
                                    profiles: [flowroute], active: "fr")
        let environment = try resolver.choose()
        #expect(environment.dialect == .flowrouteV2)
        #expect(try environment.endpoint()?.accountSecret == "ENV")
        let flags = try resolver.choose(.init(baseURL: "http://127.0.0.1:9/v1"))
        #expect(try flags.endpoint()?.baseURL == "http://127.0.0.1:9/v1")
    }

    @Test func mistakesAreUsageErrorsSayingWhatToDo() throws {
        let resolver = try resolver(profiles: [flowroute])
        #expect(throws: ConnectionError(.usage, "no profile named \"prod\" (saved: fr)")) { try resolver.choose(.init(profile: "prod")) }
        #expect(throws: ConnectionError(.usage, "unknown provider \"twilio\" (telegent, flowroute, flowroute-v1 or flowroute-v2)")) {
            try resolver.choose(.init(provider: "twilio"))
        }
        #expect(throws: ConnectionError(.usage, "the base URL must start with http:// or https://, not \"api.telegent.com\"")) {
            try resolver.choose(.init(baseURL: "api.telegent.com"))
        }
        // A base URL that would split the request line and add a header of its own.
        let injecting = "http://127.0.0.1:8080/v1.0\r\nX-Injected: yes\r\nZ: /v1.0"
        for (url, reason) in [(injecting, "a control character"), ("http://h/v 1.0", "a space"),
                              ("http://h/v\u{E9}", "a character outside ASCII"), ("http://h/v1.0?x=1", "a query or a fragment"),
                              ("http://h:99999/v1.0", "no valid host and port")] {
            #expect {
                try resolver.choose(.init(baseURL: url))
            } throws: { ($0 as? ConnectionError)?.description.contains(reason) == true }
        }
        let keyless = try resolver.choose(.init(baseURL: "https://api.telegent.com/v1.0"))
        #expect(throws: ConnectionError.self) { try keyless.endpoint() }
    }

    @Test func concurrencyComesFromTheFlagThenTheEnvironment() throws {
        #expect(try resolver().concurrency() == nil)
        #expect(try resolver(["ROUTECTL_CONCURRENCY": "4"]).concurrency() == 4)
        #expect(try resolver(["ROUTECTL_CONCURRENCY": "4"]).concurrency(8) == 8)
        #expect(throws: ConnectionError(.usage, "ROUTECTL_CONCURRENCY must be a whole number from 1 to 1024, not \"lots\"")) {
            try resolver(["ROUTECTL_CONCURRENCY": "lots"]).concurrency()
        }
    }

    @Test func anUnreadableConfigFileIsFatal() throws {
        let resolver = try resolver()
        try Data("{not json".utf8).write(to: ProfileStore(environment: resolver.environment).url)
        do {
            _ = try resolver.choose()
            Issue.record("a broken config file was read")
        } catch {
            #expect(error.exitStatus == .fatal)
        }
    }
}
