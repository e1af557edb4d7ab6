import ArgumentParser
import RouteShell

/// `routectl run FILE`: a script of shell commands, as if typed in the shell.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a script of shell commands; stop at the first failing command with its exit status.",
        discussion: "Blank lines and # comments are skipped; a line ending in \\ continues on the next.")

    @Argument(help: "The script to run.", completion: .file())
    var file: String

    @Flag(help: "Go on after a failing command; exit with the first failure's status.")
    var continueOnError = false

    func run() async throws {
        let status = await Shell(.routectl).runScript(path: file, continueOnError: continueOnError)
        if status != 0 { throw ExitCode(status) }
    }
}
