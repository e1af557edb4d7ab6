import ArgumentParser
import Foundation
import RouteClient
import RouteModel
import RouteShell

/// `routectl shell`: the interactive shell, explicitly.
struct ShellCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "Start the interactive shell: line editing, history, Tab completion of commands, fields, routes by name or id, and numbers.")

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
            routes: routes,
            lastCreatedID: { Session.current.lastCreatedID },
            session: session,
            numbers: numbers)
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
        let words = CommandWords.normalized(words, exporting: false)
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

    /// The account's routes, quietly: completion must not write over the line.
    @Sendable private static func routes() async -> [RouteSummary] {
        guard let global = try? GlobalOptions.parse(["--quiet"]) else { return [] }
        let routes = try? await Connection.withService(global) { service in
            var routes: [RouteSummary] = []
            try await service.forEachRoute { route in
                guard let id = route.id else { return }
                routes.append(RouteSummary(id: id, name: route.key ?? "", type: route.routeType ?? ""))
            }
            return routes
        }
        return routes ?? []
    }

    /// The account's numbers, quietly, as `routes()` reads the routes.
    @Sendable private static func numbers() async -> [String] {
        guard let global = try? GlobalOptions.parse(["--quiet"]) else { return [] }
        let numbers = try? await Connection.withService(global) { service in
            var numbers: [String] = []
            try await service.forEachNumber { number, _ in numbers.append(number.e164) }
            return numbers
        }
        return numbers ?? []
    }

    /// Where commands go now: `set` changes the environment between commands.
    private static func currentChoice() -> ConnectionResolver.Choice? {
        try? ConnectionResolver(environment: Environment.all).choose()
    }

    /// The dialect in use: the provider set in this session, else the active profile's, else Telegent.
    private static func currentDialect() -> Dialect {
        currentChoice()?.dialect ?? .telegent
    }

    /// `telegent@sandbox`: the provider and the profile in use, or the sandbox when none is.
    @Sendable private static func target() -> String {
        "\(currentDialect().provider.rawValue)@\(session())"
    }

    /// The profile in use, which has a history of its own: `sandbox` when none is (`custom` with
    /// a base URL set instead).
    @Sendable private static func session() -> String {
        currentChoice()?.place ?? Environment.value("ROUTECTL_PROFILE") ?? ProfileConfig.sandbox
    }
}
