import Foundation

/// The commands, flags and arguments of the command line, read from the argument parser's own
/// JSON description of itself (`--experimental-dump-help`), so that the shell never keeps a
/// second list of commands that could drift from the real one.
public struct CommandTree: Sendable, Equatable {
    public var name: String
    public var aliases: [String]
    public var subcommands: [CommandTree]
    public var options: [Option]
    public var positionals: [Positional]
    /// Hidden commands still run but are not offered.
    public var isListed: Bool

    /// A flag (`--yes`) or an option that takes a value (`--output json`).
    public struct Option: Sendable, Equatable {
        /// With dashes: `--output`, `-o`.
        public var names: [String]
        public var takesValue: Bool
        public var values: [String]
        public var takesPath: Bool
        /// What the value is called in help (`field`, `fields`, `field=value`).
        public var valueName: String

        public init(
            names: [String], takesValue: Bool = false, values: [String] = [], takesPath: Bool = false, valueName: String = ""
        ) {
            self.names = names
            self.takesValue = takesValue
            self.values = values
            self.takesPath = takesPath
            self.valueName = valueName
        }
    }

    public struct Positional: Sendable, Equatable {
        public var valueName: String
        public var isRepeating: Bool
        /// The only values it accepts, when they are few.
        public var values: [String]
        public var takesPath: Bool

        public init(valueName: String, isRepeating: Bool = false, values: [String] = [], takesPath: Bool = false) {
            self.valueName = valueName
            self.isRepeating = isRepeating
            self.values = values
            self.takesPath = takesPath
        }
    }

    public init(
        name: String, aliases: [String] = [], subcommands: [CommandTree] = [], options: [Option] = [],
        positionals: [Positional] = [], isListed: Bool = true
    ) {
        self.name = name
        self.aliases = aliases
        self.subcommands = subcommands
        self.options = options
        self.positionals = positionals
        self.isListed = isListed
    }

    /// Reads the JSON the argument parser prints for `--experimental-dump-help`.
    public init(dumpHelpJSON: Data) throws {
        let info = try JSONDecoder().decode(ToolInfo.self, from: dumpHelpJSON)
        self.init(info.command)
    }

    /// The subcommand called `word` (or one of its aliases).
    public func subcommand(_ word: String) -> CommandTree? {
        subcommands.first { $0.name == word || $0.aliases.contains(word) }
    }

    /// The option called `name` (`--output`, or `--output=json` up to its `=`).
    public func option(_ word: String) -> Option? {
        let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
        return options.first { $0.names.contains(name) }
    }

    /// The command reached by following `path` from here, if every word names a subcommand.
    public func descendant(_ path: some Sequence<String>) -> CommandTree? {
        path.reduce(self) { node, word in node?.subcommand(word) }
    }

    /// Every option anywhere in the tree called `name`, for settings that mirror a global option.
    public func options(named name: String) -> [Option] {
        options.filter { $0.names.contains(name) } + subcommands.flatMap { $0.options(named: name) }
    }
}

// The subset of the argument parser's tool-info format (serialization version 0) that completion reads.
private struct ToolInfo: Decodable {
    var command: CommandInfo

    struct CommandInfo: Decodable {
        var commandName: String
        var aliases: [String]?
        var shouldDisplay: Bool?
        var subcommands: [CommandInfo]?
        var arguments: [ArgumentInfo]?
    }

    struct ArgumentInfo: Decodable {
        var kind: String
        var shouldDisplay: Bool?
        var isRepeating: Bool?
        var names: [Name]?
        var valueName: String?
        var allValues: [String]?
        var completionKind: [String: AnyCodable]?

        struct Name: Decodable {
            var kind: String
            var name: String
            var spelled: String { kind == "short" || kind == "longWithSingleDash" ? "-" + name : "--" + name }
        }

        /// Marked as a file or directory, or named like one (`FILE`, `--results-file`, `path`).
        var takesPath: Bool {
            if let kind = completionKind, kind["file"] != nil || kind["directory"] != nil { return true }
            let names = [valueName ?? ""] + (names ?? []).map(\.name)
            return names.contains { $0.lowercased().contains("file") || $0.lowercased().contains("path") }
        }
    }

    /// Decodes and ignores any JSON value: only the completion kind's name matters.
    struct AnyCodable: Decodable {
        init(from decoder: Decoder) throws {}
    }
}

extension CommandTree {
    fileprivate init(_ info: ToolInfo.CommandInfo) {
        let arguments = (info.arguments ?? []).filter { $0.shouldDisplay ?? true }
        self.init(
            name: info.commandName,
            aliases: info.aliases ?? [],
            subcommands: (info.subcommands ?? []).map(CommandTree.init),
            options: arguments.filter { $0.kind != "positional" }.map { argument in
                Option(
                    names: (argument.names ?? []).map(\.spelled), takesValue: argument.kind == "option",
                    values: argument.allValues ?? [], takesPath: argument.kind == "option" && argument.takesPath,
                    valueName: argument.valueName ?? "")
            },
            positionals: arguments.filter { $0.kind == "positional" }.map { argument in
                Positional(
                    valueName: argument.valueName ?? "", isRepeating: argument.isRepeating ?? false,
                    values: argument.allValues ?? [], takesPath: argument.takesPath)
            },
            isListed: info.shouldDisplay ?? true)
    }
}
