import RouteModel

/// What the shell shows, dimmed, to the right of the line while a command is typed: the
/// required fields a create still lacks for its route type (`RouteName= TrunkIp1= …`), or what
/// the value of the field being typed should look like.
public struct Hints: Sendable {
    public var engine: CompletionEngine

    public init(engine: CompletionEngine) {
        self.engine = engine
    }

    /// The hint for `line`, or nil when there is nothing worth saying.
    public func hint(for line: String) -> String? {
        var words = Tokenizer.partialWords(line).map(\.text)
        let typing = line.last.map { $0 != " " } == true ? words.popLast() : nil
        guard words.first != "help" else { return nil }
        let position = engine.position(after: words)
        guard position.takesAssignments else { return nil }
        let schema = engine.schema()
        if let typing, typing.hasSuffix("="), let field = schema.field(named: String(typing.dropLast())) {
            return field.type.expectation
        }
        guard position.command.positionals.first?.isRepeating == true else { return nil }
        let assignments = (words.dropFirst(position.path.count) + [typing].compactMap { $0 })
            .filter { $0.contains("=") }
        let routeType = assignments.lazy.compactMap { assignment -> String? in
            let (name, value) = assignment.splitAssignment
            guard schema.field(named: name)?.name == schema.typeField, let field = schema.field(named: name) else { return nil }
            return field.type.choices.first { $0.lowercased() == value.lowercased() }
        }.first
        let present = Set(assignments.compactMap { schema.field(named: $0.splitAssignment.name)?.name })
        let missing = schema.fields.filter { $0.requirement.applies(toRouteType: routeType) && !present.contains($0.name) }
        return missing.isEmpty ? nil : missing.map { $0.name + "=" }.joined(separator: " ")
    }
}

extension String {
    fileprivate var splitAssignment: (name: String, value: String) {
        let parts = split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }
}
