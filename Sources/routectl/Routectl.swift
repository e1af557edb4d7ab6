import ArgumentParser

@main
struct Routectl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routectl",
        abstract: "Explore, change and bulk-import voice routes on Telegent and Flowroute.",
        discussion: """
            With no command, routectl starts an interactive shell when stdin is a terminal, and \
            otherwise runs the commands it reads from stdin. With nothing configured, it works \
            against a local sandbox that speaks both APIs. Global options (--profile, --output, \
            …) may come before or after the command.
            """,
        version: version,
        subcommands: [RoutesCommand.self, NumbersCommand.self, ImportCommand.self, UndoCommand.self, ExportCommand.self, CSVCommand.self, ProfilesCommand.self, ShellCommand.self, RunCommand.self, SandboxCommand.self]
    )

    static let version = "0.15.0"

    static func main() async {
        MemoryArenas.limit()
        let words = CommandWords.normalized(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try await asyncParseAsRoot(words)
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if let message = CommandWords.unknownCommandMessage(for: error, words: words) {
                Terminal.printError(message)
                exit(withError: ExitCode.validationFailure)
            }
            exit(withError: error)
        }
    }

    /// No command: the shell on a terminal, otherwise the commands read from stdin.
    func run() async throws {
        try await ShellCommand().run()
    }
}
