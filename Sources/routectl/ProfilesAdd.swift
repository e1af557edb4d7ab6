import ArgumentParser
import Foundation
import RouteClient

struct ProfilesAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Save a profile (replacing one of the same name).",
        discussion: """
            Without --account-secret or --account-secret-file, the secret comes from \
            ROUTECTL_ACCOUNT_SECRET, or is asked for with echo off on a terminal, so it need not \
            appear on the command line or in the shell's history. The first profile saved becomes \
            the active one.
            """
    )

    @Argument(help: "The profile's name.")
    var name: String

    @Option(help: ArgumentHelp("telegent, flowroute, flowroute-v1 or flowroute-v2 (default: flowroute when the base URL ends in /v1 or /v2, else telegent).", valueName: "provider"))
    var provider: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("e.g. https://api.telegent.com/v1.0 or https://api.flowroute.com/v2", valueName: "url"))
    var baseURL: String

    @Option(name: .customLong("account-key"), help: ArgumentHelp("The account key (Flowroute: access key).", valueName: "key"))
    var accountKey: String

    @Option(name: .customLong("account-secret"), help: ArgumentHelp("The account secret (Flowroute: secret key).", valueName: "secret"))
    var accountSecret: String?

    @Option(name: .customLong("account-secret-file"), help: ArgumentHelp("Read the secret from this file's first line.", valueName: "file"))
    var accountSecretFile: String?

    func validate() throws {
        if let refusal = ProfileConfig.nameRefusal(name) { throw ValidationError(refusal) }
        if accountSecret != nil && accountSecretFile != nil {
            throw ValidationError("give --account-secret or --account-secret-file, not both")
        }
        if let provider, Provider.parse(provider) == nil {
            throw ValidationError("--provider must be telegent, flowroute, flowroute-v1 or flowroute-v2, not \"\(provider)\"")
        }
        if let problem = Endpoint.problem(withBaseURL: baseURL) { throw ValidationError("--base-url: " + problem) }
    }

    func run() async throws {
        try await reportingFailures {
            let secret = try readSecret()
            var config = try profileStore.load()
            config.save(Profile(name: name, provider: provider ?? Self.guessProvider(baseURL), baseURL: baseURL,
                                accountKey: accountKey, accountSecret: secret))
            if config.active == nil { config.active = name }
            try profileStore.save(config)
            Terminal.printError("routectl: saved profile \(name)\(config.active == name ? " (active)" : "")")
        }
    }

    private func readSecret() throws -> String {
        if let accountSecret { return accountSecret }
        if let accountSecretFile {
            guard let text = try? String(contentsOfFile: accountSecretFile, encoding: .utf8) else {
                throw CommandFailure(.fatal, "cannot read \(accountSecretFile)")
            }
            let secret = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            guard !secret.isEmpty else { throw CommandFailure(.usage, "\(accountSecretFile) holds no secret") }
            return secret
        }
        if let secret = Environment.value("ROUTECTL_ACCOUNT_SECRET") { return secret }
        if Terminal.stdinIsTerminal, let secret = Terminal.readSecret(prompt: "Account secret for \(name): "), !secret.isEmpty {
            return secret
        }
        throw CommandFailure(.usage, "no account secret: use --account-secret-file, ROUTECTL_ACCOUNT_SECRET or a terminal")
    }

    /// Flowroute's base URLs end in their API version; Telegent's in `/v1.0`.
    static func guessProvider(_ baseURL: String) -> String {
        var base = baseURL.lowercased()
        while base.hasSuffix("/") { base.removeLast() }
        return base.hasSuffix("/v1") || base.hasSuffix("/v2") ? Provider.flowroute.rawValue : Provider.telegent.rawValue
    }
}
