import ArgumentParser
import Foundation
import RouteModel

/// The words of a command line, put in the order the parser reads: global options may come
/// before the command (`routectl --profile prod routes list`, as kubectl, aws and gh users type
/// it); and a word that names no command gets the nearest one in the error (`rutes`).
enum CommandWords {
    /// `--profile prod routes list` or `routes --profile prod list` → `routes list --profile prod`:
    /// the global options among the words that name the command go after it, where every
    /// command's options are read. What the options are, and which take a value, only the parser
    /// says.
    ///
    /// Commands that take no `GlobalOptions` of their own — the shell, `run`, no command at all
    /// (the shell, or commands from stdin) — get them as the environment variables the options
    /// stand for, which every command they run reads: `routectl --profile prod` starts a shell on
    /// `prod`.
    ///
    /// In the shell (`exporting` false) options never go into the environment: `set` does that,
    /// and no command there starts another shell.
    static func normalized(_ words: [String], exporting: Bool = true) -> [String] {
        // The command path (`routes list`) and the global options found among its words.
        var path: [String] = [], leading: [String] = []
        var command: ParsableCommand.Type = Routectl.self
        var index = 0
        while index < words.count, !command.configuration.subcommands.isEmpty {
            let word = words[index]
            if let next = subcommand(named: word, of: command) {
                path.append(word)
                command = next
                index += 1
            } else if word.hasPrefix("-"), (try? GlobalOptions.parse(leading + [word])) != nil {
                leading.append(word)
                index += 1
            } else if word.hasPrefix("-"), index + 1 < words.count,
                      (try? GlobalOptions.parse(leading + [word, words[index + 1]])) != nil {
                leading += [word, words[index + 1]]
                index += 2
            } else {
                break
            }
        }
        guard !leading.isEmpty, let options = try? GlobalOptions.parse(leading) else { return words }
        let rest = Array(words[index...])
        if path.isEmpty {
            // Options alone: the shell or stdin, under them. Options and a word that names no
            // command: the command's own error, which says what was meant.
            if rest.isEmpty { return exporting && exported(options) ? [] : words }
            return rest.first?.hasPrefix("-") == true ? words : rest + leading
        }
        let moved = path + leading + rest
        if takesGlobalOptions(moved) { return moved }
        return exporting && exported(options) ? path + rest : words
    }

    /// Whether the command `words` name reads `GlobalOptions`: it parses with them in place.
    private static func takesGlobalOptions(_ words: [String]) -> Bool {
        do {
            _ = try Routectl.parseAsRoot(words)
            return true
        } catch {
            // Any other complaint (a missing argument) is the command's own, said when it runs.
            return !Routectl.fullMessage(for: error).contains("Unknown option")
        }
    }

    /// Sets the environment variables `options` stand for; `false`, setting none, when one of
    /// them has no variable (`--no-pager`, the timeouts), which the parser then refuses as before.
    private static func exported(_ options: GlobalOptions) -> Bool {
        guard !options.noPager, options.connectTimeout == nil, options.requestTimeout == nil else { return false }
        let variables: [(String, String?)] = [
            ("ROUTECTL_PROFILE", options.profile), ("ROUTECTL_PROVIDER", options.provider),
            ("ROUTECTL_BASE_URL", options.baseURL), ("ROUTECTL_OUTPUT", options.output?.rawValue),
            ("ROUTECTL_VERBOSE", options.verbose ? "1" : nil), ("ROUTECTL_QUIET", options.quiet ? "1" : nil),
        ]
        for case let (name, value?) in variables { setenv(name, value, 1) }
        return true
    }

    /// When a word names no command (`rutes`), the parser's message for `error` with its first
    /// line saying which command was meant; the rest (usage, where to find help) kept.
    static func unknownCommandMessage(for error: Error, words: [String]) -> String? {
        guard let unknown = unknownCommand(in: words) else { return nil }
        let rest = Routectl.fullMessage(for: error).split(separator: "\n", maxSplits: 1).dropFirst()
        return (["Error: " + unknown] + rest.map(String.init)).joined(separator: "\n")
    }

    /// `unknown command 'lst' of 'routes' (did you mean list?)`, for a word where a command takes
    /// a subcommand (no command here has both subcommands and arguments of its own).
    private static func unknownCommand(in words: [String]) -> String? {
        var command: ParsableCommand.Type = Routectl.self
        for word in words {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
            guard let next = subcommand(named: word, of: command) else {
                let names = subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
                let place = command == Routectl.self ? "" : " of '\(command._commandName)'"
                return "unknown command '\(word)'\(place)\(DidYouMean.clause(for: word, among: names))"
            }
            command = next
        }
        return nil
    }

    private static func subcommand(named word: String, of command: ParsableCommand.Type) -> ParsableCommand.Type? {
        command.configuration.subcommands.first { $0._commandName == word || $0.configuration.aliases.contains(word) }
    }
}
