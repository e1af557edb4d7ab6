/// The commands the shell itself runs; every other line goes to the command line's parser.
enum Builtin: Equatable {
    case help([String])
    /// With no status, a script ends with its status so far.
    case exit(Int32?)
    case history
    case show
    case set(key: String, value: String)
    case unset(String)
    case source(String)

    /// What the shell's own commands offer to completion, beside the command tree; `help` is
    /// already in the tree. `set` and `unset` take each setting as a subcommand so that values
    /// complete per key: those the setting accepts.
    static func commandTree(settings: ShellSettings) -> [CommandTree] {
        let keys = ShellSettings.keys
        return [
            CommandTree(name: "exit"), CommandTree(name: "quit"), CommandTree(name: "history"),
            CommandTree(name: "set", subcommands: keys.map { key in
                CommandTree(name: key, positionals: [.init(valueName: "value", values: settings.choices(for: key))])
            }),
            CommandTree(name: "unset", subcommands: keys.map { CommandTree(name: $0) }),
            CommandTree(name: "source", positionals: [.init(valueName: "file", takesPath: true)]),
        ]
    }

    /// The built-in `words` call for, nil when they are a command for the parser, or a usage error.
    static func parse(_ words: [String]) throws(UsageError) -> Builtin? {
        guard let name = words.first else { return nil }
        let arguments = Array(words.dropFirst())
        switch (name, arguments.count) {
        case ("help", _): return .help(arguments)
        case ("exit", 0), ("quit", 0): return .exit(nil)
        case ("exit", 1), ("quit", 1):
            guard let code = Int32(arguments[0]) else { throw UsageError("usage: \(name) [STATUS]") }
            return .exit(code)
        case ("history", 0): return .history
        case ("set", 0): return .show
        case ("set", 2): return .set(key: arguments[0], value: arguments[1])
        case ("unset", 1): return .unset(arguments[0])
        case ("source", 1): return .source(arguments[0])
        case ("exit", _), ("quit", _): throw UsageError("usage: \(name) [STATUS]")
        case ("history", _): throw UsageError("usage: history")
        case ("set", _): throw UsageError("usage: set [KEY VALUE]")
        case ("unset", _): throw UsageError("usage: unset KEY")
        case ("source", _): throw UsageError("usage: source FILE")
        default: return nil
        }
    }

    struct UsageError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The shell's part of `help`.
    static let summary = """
        Shell commands:
          help [COMMAND]     help for a command; `help fields` lists the route fields
          set [KEY VALUE]    show the settings, or change one: \(ShellSettings.keys.joined(separator: ", "))
          unset KEY          back to the default
          source FILE        run the commands in FILE
          history            the lines remembered for this profile (each profile has its own)
          exit, quit, ^D     leave the shell
        A line may end in \\ to continue; # starts a comment; $last is the id of the last route created.
        Right or Ctrl-F takes the dimmed suggestion from history; Ctrl-R searches the history.
        """
}
