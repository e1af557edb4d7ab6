import Foundation
import RouteModel

/// The result of running one command line through the command-line parser.
public struct CommandOutcome: Sendable, Equatable {
    public var status: Int32
    /// The error to report, already worded; the shell prefixes it with the script position.
    public var message: String?

    public init(status: Int32, message: String? = nil) {
        self.status = status
        self.message = message
    }
}

/// The routectl shell: reads command lines from the terminal (with editing, history, completion
/// and hints) or from a script, runs the shell's own commands, and hands every other line to the
/// command line's parser. A bad line is reported and never ends the shell.
public final class Shell {
    /// What the shell needs from the rest of the program.
    public struct Services: Sendable {
        /// The command line's command tree; the shell adds its own commands.
        public var commands: CommandTree
        /// Runs the words of one line as a command.
        public var execute: @Sendable ([String]) async -> CommandOutcome
        /// The field catalog of the provider in use.
        public var schema: @Sendable () -> RouteSchema
        /// Names the provider and profile in use, for the prompt: `telegent@sandbox`.
        public var target: @Sendable () -> String
        /// The account's routes, for completion by id or name.
        public var routes: @Sendable () async -> [RouteSummary]
        /// The account's phone numbers (E.164), for completion.
        public var numbers: @Sendable () async -> [String]
        /// The id of the last route created in this process: `$last`.
        public var lastCreatedID: @Sendable () -> String?
        /// The profile in use (`sandbox` for the embedded one), which has a history of its own.
        public var session: @Sendable () -> String

        public init(
            commands: CommandTree, execute: @escaping @Sendable ([String]) async -> CommandOutcome,
            schema: @escaping @Sendable () -> RouteSchema, target: @escaping @Sendable () -> String,
            routes: @escaping @Sendable () async -> [RouteSummary], lastCreatedID: @escaping @Sendable () -> String?,
            session: @escaping @Sendable () -> String = { "sandbox" },
            numbers: @escaping @Sendable () async -> [String] = { [] }
        ) {
            self.commands = commands
            self.execute = execute
            self.schema = schema
            self.target = target
            self.routes = routes
            self.lastCreatedID = lastCreatedID
            self.session = session
            self.numbers = numbers
        }
    }

    private let services: Services
    private let routes: AccountCache<RouteSummary>
    private let numbers: AccountCache<String>
    private let filter = HistoryFilter()
    private var settings: ShellSettings
    private var editor: LineEditor?
    /// How deep `source` is nested, to stop a script that sources itself.
    private var sourceDepth = 0

    public init(_ services: Services) {
        self.services = services
        self.routes = AccountCache(fetch: services.routes)
        self.numbers = AccountCache(fetch: services.numbers)
        self.settings = ShellSettings(tree: services.commands)
    }

    /// Completion over the command tree plus the shell's own commands.
    var completionEngine: CompletionEngine {
        var tree = services.commands
        tree.subcommands += Builtin.commandTree(settings: settings)
        return CompletionEngine(
            tree: tree, schema: services.schema, routes: { [routes] in routes.items() }, paths: pathCandidates,
            numbers: { [numbers] in numbers.items() })
    }

    // MARK: Interactive

    /// Runs the interactive shell on the terminal until `exit` or Ctrl-D; returns the exit status.
    /// `historyPath` gives the history file of a profile: each has its own, switched with it.
    public func runInteractive(historyPath: @escaping (_ profile: String) -> String?) async -> Int32 {
        var session = services.session()
        guard let editor = LineEditor(name: "routectl", historyPath: historyPath(session)) else {
            return await runScript(lines: StandardInputLines(), name: "stdin", continueOnError: true)
        }
        self.editor = editor
        let engine = completionEngine
        let hints = Hints(engine: engine)
        editor.complete = engine.complete
        editor.hint = { [unowned self] line in settings.hints ? hints.hint(for: line) : nil }
        editor.showsDimmedText = ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        var pending = ""
        while true {
            if services.session() != session {
                session = services.session()
                editor.historyPath = historyPath(session)
            }
            let prompt = "routectl \(services.target())> "
            editor.prompt = pending.isEmpty ? prompt : String(repeating: " ", count: prompt.count - 2) + "> "
            switch await read(editor) {
            case .end:
                print()
                return 0
            case .interrupted:
                pending = ""
            case .line(let text):
                if Tokenizer.continues(text) {
                    pending += text.dropLast()
                    continue
                }
                let line = pending + text
                pending = ""
                if filter.allows(line) { editor.addToHistory(line.trimmingTrailingBlanks) }
                if case .exit(let status) = await run(line, location: nil) { return status ?? 0 }
            }
        }
    }

    /// Reads on a thread of its own: the editor blocks, and completion may wait for the account.
    private func read(_ editor: LineEditor) async -> LineEditor.Input {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: editor.readLine()) }.start()
        }
    }

    // MARK: Scripts

    /// Runs the lines of a script; stops at the first failing command and returns its status,
    /// unless `continueOnError`, when it goes on and returns the first failure's status.
    public func runScript(lines: some IteratorProtocol<String>, name: String, continueOnError: Bool) async -> Int32 {
        var firstFailure: Int32 = 0
        for (number, text) in ScriptLines(lines) {
            switch await run(text, location: "\(name):\(number)") {
            case .exit(let status):
                return status ?? firstFailure
            case .done(let status) where status != 0:
                if !continueOnError { return status }
                if firstFailure == 0 { firstFailure = status }
            case .done:
                continue
            }
        }
        return firstFailure
    }

    /// Runs the script in `path`.
    public func runScript(path: String, continueOnError: Bool) async -> Int32 {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            report("cannot read \(path)", location: nil)
            return ExitStatus.fatal.rawValue
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        return await runScript(lines: lines.makeIterator(), name: path, continueOnError: continueOnError)
    }

    // MARK: One line

    private enum Step {
        case done(Int32)
        case exit(Int32?)
    }

    /// Runs one logical line; `location` (`file:line`) prefixes its errors in scripts.
    private func run(_ line: String, location: String?) async -> Step {
        let words: [String]
        let builtin: Builtin?
        do {
            words = try Tokenizer.split(line, variables: ["last": services.lastCreatedID()])
            builtin = try Builtin.parse(words)
        } catch {
            report("\(error)", location: location)
            return .done(ExitStatus.usage.rawValue)
        }
        if words.isEmpty { return .done(0) }
        if let builtin { return await run(builtin, location: location) }
        let commands = completionEngine.tree.subcommands
        if !words[0].hasPrefix("-"), commands.allSatisfy({ $0.name != words[0] && !$0.aliases.contains(words[0]) }) {
            let offered = commands.filter(\.isListed).map(\.name)
            report("unknown command '\(words[0])'\(DidYouMean.clause(for: words[0], among: offered)); `help` lists the commands",
                   location: location)
            return .done(ExitStatus.usage.rawValue)
        }
        let outcome = await services.execute(words)
        invalidateCaches()
        if let message = outcome.message {
            report(message.pointingToShellHelp, location: location)
        } else if outcome.status != 0, let location {
            report("exit status \(outcome.status): \(SecretNames.masking(words).joined(separator: " "))", location: location)
        }
        return .done(outcome.status)
    }

    /// Forgets what completion read from the account: a command may have changed it, or the target.
    private func invalidateCaches() {
        routes.invalidate()
        numbers.invalidate()
    }

    private func run(_ builtin: Builtin, location: String?) async -> Step {
        switch builtin {
        case .exit(let status):
            return .exit(status)
        case .help(let words):
            return .done(await help(words))
        case .history:
            guard let editor else {
                report("history is kept by the interactive shell only", location: location)
                return .done(ExitStatus.usage.rawValue)
            }
            for (number, line) in editor.history.enumerated() { print(String(format: "%5d  ", number + 1) + line) }
        case .show:
            settings.describe().forEach { print($0) }
        case .set(let key, let value):
            do { try settings.set(key, to: value) } catch {
                report(error.description, location: location)
                return .done(ExitStatus.usage.rawValue)
            }
            invalidateCaches()
        case .unset(let key):
            do { try settings.unset(key) } catch {
                report(error.description, location: location)
                return .done(ExitStatus.usage.rawValue)
            }
            invalidateCaches()
        case .source(let path):
            guard sourceDepth < 16 else {
                report("source: scripts nested too deep", location: location)
                return .done(ExitStatus.usage.rawValue)
            }
            sourceDepth += 1
            defer { sourceDepth -= 1 }
            return .done(await runScript(path: path, continueOnError: false))
        }
        return .done(0)
    }

    /// The command line's help for `words`, with the shell's commands at the top level and the
    /// field catalog for commands that take `Field=Value` arguments.
    private func help(_ words: [String]) async -> Int32 {
        if words == ["fields"] {
            print(Self.fieldTable(services.schema()))
            return 0
        }
        let outcome = await services.execute(words + ["--help"])
        if let message = outcome.message { report(message, location: nil) }
        if words.isEmpty { print("\n" + Builtin.summary) }
        let engine = completionEngine
        if !words.isEmpty, engine.tree.descendant(words) != nil,
           engine.position(after: words).takesAssignments {
            print("\n" + Self.fieldTable(services.schema()))
        }
        return outcome.status
    }

    private static func fieldTable(_ schema: RouteSchema) -> String {
        "Fields (\(schema.dialect.displayName)), written Field=Value:\n" + schema.fieldHelp
    }

    private func report(_ message: String, location: String?) {
        let text = location.map { "\($0): \(message)" } ?? message
        fflush(nil)
        try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
    }
}

extension String {
    /// The parser's words for the command line (`See 'routectl routes list --help'`, `Usage:
    /// routectl routes …`) turned into the shell's (`See 'help routes list'`, `Usage: routes …`).
    fileprivate var pointingToShellHelp: String {
        replacingOccurrences(of: #"'routectl ?([^']*?) ?--help'"#, with: "'help $1'", options: .regularExpression)
            .replacingOccurrences(of: "'help '", with: "'help'")
            .replacingOccurrences(of: "Usage: routectl ", with: "Usage: ")
    }

    fileprivate var trimmingTrailingBlanks: String {
        String(reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

/// Standard input, line by line, for scripts piped to the shell.
public struct StandardInputLines: IteratorProtocol {
    public init() {}

    public mutating func next() -> String? {
        readLine(strippingNewline: true)
    }
}
