import ArgumentParser
import Foundation
import RouteClient
import RouteModel
import RouteShell

/// `routectl shell`: the interactive shell, explicitly.
struct ShellCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "Start the interactive shell: line editing, history, Tab completion of commands, fields and route ids.")

    func run() async throws {
        let shell = Shell(.routectl)
        let status = isatty(STDIN_FILENO) == 1
            ? await shell.runInteractive(historyPath: { historyPath(profile: $0) })
            : await shell.runScript(lines: StandardInputLines(), name: "stdin", continueOnError: false)
        if status != 0 { throw ExitCode(status) }
    }
}

extension Shell.Services {
    /// The shell wired to routectl's own commands.
    static var routectl: Shell.Services {
        Shell.Services(
            commands: commandTree(),
            execute: execute,
            schema: { RouteSchema.forDialect(currentDialect()) },
            target: target,
            routeIDs: routeIDs,
            lastCreatedID: { Session.lastCreatedID },
            session: session)
    }

    /// The command tree as the argument parser describes it, so completion knows every command,
    /// flag and argument without a list of its own.
    private static func commandTree() -> CommandTree {
        do {
            _ = try Routectl.parseAsRoot(["--experimental-dump-help"])
        } catch {
            if let tree = try? CommandTree(dumpHelpJSON: Data(Routectl.fullMessage(for: error).utf8)) { return tree }
        }
        return CommandTree(name: "routectl")
    }

    /// Runs one line's words as a routectl command line, Ctrl-C cancelling it. Help goes to
    /// stdout; an error comes back worded for the shell to report.
    @Sendable private static func execute(_ words: [String]) async -> CommandOutcome {
        let words = CommandWords.normalized(words)
        do {
            try await withInterruptCancellation {
                var command = try Routectl.parseAsRoot(words)
                if command is ShellCommand { throw ValidationError("already in the shell") }
                if var command = command as? AsyncParsableCommand {
                    try await command.run()
                } else {
                    try command.run()
                }
            }
            return CommandOutcome(status: 0)
        } catch let status as ExitStatus {
            return CommandOutcome(status: status.rawValue)
        } catch is CancellationError {
            return CommandOutcome(status: ExitStatus.interrupted.rawValue, message: "interrupted")
        } catch {
            let status = Routectl.exitCode(for: error).rawValue
            let message = CommandWords.unknownCommandMessage(for: error, words: words) ?? Routectl.fullMessage(for: error)
            guard status != 0 else {
                if !message.isEmpty { print(message) }
                return CommandOutcome(status: 0)
            }
            return CommandOutcome(status: status, message: message.isEmpty ? nil : message)
        }
    }

    /// The ids of the account's routes, quietly: completion must not write over the line.
    @Sendable private static func routeIDs() async -> [String] {
        guard let global = try? GlobalOptions.parse(["--quiet"]) else { return [] }
        let ids = try? await Connection.withService(global) { service in try await service.list().compactMap(\.id) }
        return ids ?? []
    }

    /// The dialect in use: the provider set in this session, else the active profile's, else Telegent.
    private static func currentDialect() -> Dialect {
        let environment = ProcessInfo.processInfo.environment
        let profile = activeProfile()
        let providerName = environment["ROUTECTL_PROVIDER"] ?? profile?.provider ?? Provider.telegent.rawValue
        guard let (provider, pinned) = Provider.parse(providerName) else { return .telegent }
        return pinned ?? provider.dialect(baseURL: environment["ROUTECTL_BASE_URL"] ?? profile?.baseURL)
    }

    /// `telegent@sandbox`: the provider and the profile in use, or the sandbox when none is.
    @Sendable private static func target() -> String {
        "\(currentDialect().provider.rawValue)@\(session())"
    }

    /// The profile in use: `sandbox` when none is (or `custom` with a base URL set instead).
    @Sendable private static func session() -> String {
        let environment = ProcessInfo.processInfo.environment
        let profile = environment["ROUTECTL_PROFILE"] ?? activeProfile()?.name
        return profile ?? (environment["ROUTECTL_BASE_URL"] == nil ? ProfileConfig.sandbox : "custom")
    }

    private static func activeProfile() -> Profile? {
        let environment = ProcessInfo.processInfo.environment
        guard let config = try? ProfileStore(environment: environment).load() else { return nil }
        let name = environment["ROUTECTL_PROFILE"] ?? config.active
        return name.flatMap { config[$0] }
    }
}
