import RouteModel

/// Decides what Tab offers, from the command tree, the field catalog and the account: command
/// and subcommand names, flags, option values, `Field=` names and their values, routes by id or
/// name, phone numbers, and file paths. Pure: the text left of the cursor in, a completion out; everything it looks up
/// is given to it.
public struct CompletionEngine: Sendable {
    public var tree: CommandTree
    public var schema: @Sendable () -> RouteSchema
    public var routes: @Sendable () -> [RouteSummary]
    public var paths: @Sendable (String) -> [String]
    public var numbers: @Sendable () -> [String]

    public init(
        tree: CommandTree, schema: @escaping @Sendable () -> RouteSchema,
        routes: @escaping @Sendable () -> [RouteSummary], paths: @escaping @Sendable (String) -> [String],
        numbers: @escaping @Sendable () -> [String] = { [] }
    ) {
        self.tree = tree
        self.schema = schema
        self.routes = routes
        self.paths = paths
        self.numbers = numbers
    }

    /// The completion for the word that ends at the end of `prefix` (the text left of the cursor).
    public func complete(_ prefix: String) -> Completion {
        var words = Tokenizer.partialWords(prefix)
        let current: Tokenizer.Word
        if let last = words.last, last.isOpen {
            current = words.removeLast()
        } else {
            current = Tokenizer.Word(text: "", start: prefix.unicodeScalars.count, isOpen: true)
        }
        let typed = String(String.UnicodeScalarView(prefix.unicodeScalars.dropFirst(current.start)))
        let candidates = self.candidates(for: current.text, after: words.map(\.text))
            .filter { $0.candidate.text.lowercased().hasPrefix(current.text.lowercased()) || $0.matchedByAlias }
            .map(\.candidate)
        return Completion(typed: typed, length: typed.unicodeScalars.count, candidates: candidates)
    }

    /// Where the command line stands after `words`: the command reached, the next positional
    /// argument, and an option still waiting for its value.
    struct Position {
        var command: CommandTree
        var path: [String] = []
        var positionalIndex = 0
        var pendingOption: CommandTree.Option?
        var assigned: [String] = []

        var positional: CommandTree.Positional? {
            let positionals = command.positionals
            if positionalIndex < positionals.count { return positionals[positionalIndex] }
            return positionals.last.flatMap { $0.isRepeating ? $0 : nil }
        }

        /// A command whose arguments are `Field=Value` assignments.
        var takesAssignments: Bool {
            guard let positional, positional.isRepeating else { return false }
            return !positional.takesPath && positional.values.isEmpty
        }
    }

    func position(after words: [String]) -> Position {
        var position = Position(command: tree)
        for word in words {
            if position.pendingOption != nil {
                position.pendingOption = nil
            } else if position.positionalIndex == 0, let next = position.command.subcommand(word) {
                position.command = next
                position.path.append(word)
            } else if word.hasPrefix("-"), let option = position.command.option(word) {
                if option.takesValue && !word.contains("=") { position.pendingOption = option }
            } else {
                if position.takesAssignments, let equals = word.firstIndex(of: "=") {
                    position.assigned.append(String(word[..<equals]))
                }
                position.positionalIndex += 1
            }
        }
        return position
    }

    private struct Offer {
        var candidate: Completion.Candidate
        /// Matched through a catalog alias, so it need not start with the typed text.
        var matchedByAlias = false
    }

    private func candidates(for word: String, after words: [String]) -> [Offer] {
        if words.first == "help" {
            let node = tree.descendant(words.dropFirst()) ?? tree
            return subcommandNames(of: node) + (words.count == 1 ? [Offer(candidate: .init("fields"))] : [])
        }
        let position = position(after: words)
        if let option = position.pendingOption {
            if option.takesPath { return pathOffers(word) }
            if option.valueName.lowercased() == "route" { return routeOffers() }
            return catalogOffers(word, valueName: option.valueName) ?? option.values.map { Offer(candidate: .init($0)) }
        }
        if word.hasPrefix("-") {
            return position.command.options.flatMap(\.names).filter { $0.hasPrefix("--") }.map { Offer(candidate: .init($0)) }
        }
        var offers = position.positionalIndex == 0 ? subcommandNames(of: position.command) : []
        if let positional = position.positional {
            offers += argumentOffers(word, for: positional, at: position)
        }
        return offers
    }

    private func subcommandNames(of command: CommandTree) -> [Offer] {
        command.subcommands.filter(\.isListed).map { Offer(candidate: .init($0.name)) }
    }

    private func argumentOffers(_ word: String, for positional: CommandTree.Positional, at position: Position) -> [Offer] {
        let schema = schema()
        if positional.takesPath { return pathOffers(word) }
        if !positional.values.isEmpty { return positional.values.map { Offer(candidate: .init($0)) } }
        if !positional.isRepeating, positional.takesRoute(schema) { return routeOffers() }
        if !positional.isRepeating, positional.valueName.lowercased() == "number" {
            return numbers().map { Offer(candidate: .init($0)) }
        }
        guard position.takesAssignments else { return [] }
        let assigned = Set(position.assigned.compactMap { schema.field(named: $0)?.name })
        return assignmentOffers(word, among: schema.writableFields.filter { !assigned.contains($0.name) }, schema: schema)
    }

    /// The account's routes, by id and by name.
    private func routeOffers() -> [Offer] {
        // A name with a line break or an escape code cannot be typed back on one line: such
        // a route is offered by its id, and an id like that (a hostile server) not at all.
        let typable = { (text: String) in !text.unicodeScalars.contains(where: TerminalText.isUnsafe) }
        return routes().filter { typable($0.id) }.flatMap { route in
            let row = [route.id, route.name, route.type]
            let texts = route.name.isEmpty || route.name == route.id || !typable(route.name) ? [route.id] : [route.id, route.name]
            return texts.map { Offer(candidate: .init($0, row: row)) }
        }
    }

    /// Values of options that name catalog columns, told apart by their value name:
    /// `routes list --sort field --columns fields --where field=value`.
    private func catalogOffers(_ word: String, valueName: String) -> [Offer]? {
        let schema = schema()
        switch valueName {
        case "field":
            return schema.columnNames.map { Offer(candidate: .init($0)) }
        case "fields":
            let listed = word.lastIndex(of: ",").map { String(word[...$0]) } ?? ""
            return schema.columnNames.map { Offer(candidate: .init(listed + $0, display: $0)) }
        case "field=value":
            return assignmentOffers(word, among: schema.fields, schema: schema)
        default:
            return nil
        }
    }

    /// `Field=` for the fields a word could start, or the choices of a field's value after its `=`.
    private func assignmentOffers(_ word: String, among fields: [Field], schema: RouteSchema) -> [Offer] {
        if let equals = word.firstIndex(of: "=") {
            let name = String(word[..<equals])
            guard let field = schema.field(named: name) else { return [] }
            return field.type.choices.map { Offer(candidate: .init(name + "=" + $0, display: $0)) }
        }
        let wanted = FieldName.normalize(word)
        return fields.compactMap { field in
            let spellings = [field.name] + field.aliases
            guard spellings.contains(where: { FieldName.normalize($0).hasPrefix(wanted) }) else { return nil }
            return Offer(candidate: .init(field.name + "="), matchedByAlias: true)
        }
    }

    private func pathOffers(_ word: String) -> [Offer] {
        paths(word).map { path in
            let name = path.hasSuffix("/") ? String(path.dropLast()) : path
            let display = String(name.split(separator: "/").last ?? Substring(name)) + (path.hasSuffix("/") ? "/" : "")
            return Offer(candidate: .init(path, display: display))
        }
    }
}

extension CommandTree.Positional {
    /// An argument that names a route (`ROUTE`: an id or a name), or the id field itself.
    fileprivate func takesRoute(_ schema: RouteSchema) -> Bool {
        valueName.lowercased() == "route" || schema.field(named: valueName)?.name == schema.idField
    }
}
