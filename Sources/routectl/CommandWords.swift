import ArgumentParser
import RouteModel

/// The words of a command line, put in the order the parser reads: global options may come
/// before the command (`routectl --profile prod routes list`, as kubectl, aws and gh users type
/// it), and a word that names no command is refused with the nearest one (`rutes`).
enum CommandWords {
    static func normalized(_ words: [String]) throws -> [String] {
        let words = movingGlobalOptions(words)
        try checkCommands(words)
        return words
    }

    /// `--profile prod routes list` → `routes list --profile prod`: the leading words that
    /// `GlobalOptions` parses, when a command follows them, go after it, where every command's
    /// options are read. What the options are, and which take a value, only the parser says.
    private static func movingGlobalOptions(_ words: [String]) -> [String] {
        guard words.first?.hasPrefix("-") == true else { return words }
        for split in words.indices.dropFirst() where !words[split].hasPrefix("-") {
            let options = Array(words[..<split])
            guard (try? GlobalOptions.parse(options)) != nil else { continue }
            guard subcommand(named: words[split], of: Routectl.self) != nil else { return words }
            var rest = Array(words[split...])
            let path = rest.prefix { !$0.hasPrefix("-") }.count
            rest.insert(contentsOf: options, at: commandPathLength(rest.prefix(path)))
            return rest
        }
        return words
    }

    /// How many of `words` name a command and its subcommands.
    private static func commandPathLength(_ words: some Collection<String>) -> Int {
        var command: ParsableCommand.Type = Routectl.self
        var length = 0
        for word in words {
            guard let next = subcommand(named: word, of: command) else { break }
            command = next
            length += 1
        }
        return length
    }

    /// Refuses, with a "did you mean", a word where a command takes a subcommand (no command
    /// here has both subcommands and arguments of its own); the parser judges the rest.
    private static func checkCommands(_ words: [String]) throws {
        var command: ParsableCommand.Type = Routectl.self
        for word in words {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return }
            guard let next = subcommand(named: word, of: command) else {
                let names = subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
                let place = command == Routectl.self ? "" : " of '\(command._commandName)'"
                throw ValidationError("unknown command '\(word)'\(place)\(DidYouMean.clause(for: word, among: names))")
            }
            command = next
        }
    }

    private static func subcommand(named word: String, of command: ParsableCommand.Type) -> ParsableCommand.Type? {
        command.configuration.subcommands.first { $0._commandName == word || $0.configuration.aliases.contains(word) }
    }
}
