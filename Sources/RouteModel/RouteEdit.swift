/// A route as a text to change in an editor, and the changes read back from it: one
/// `Field=Value` line per catalog field, the empty ones commented out, so that every field can be
/// seen and set where it stands. Only what the person changed is an update; a field they emptied
/// is refused with the reason (`RouteSchema.clearingRefusal`), never dropped in silence.
public struct RouteEdit: Sendable {
    public let original: Route

    public init(_ original: Route) {
        self.original = original
    }

    private var schema: RouteSchema { original.schema }

    /// The text for the editor; `problems` (from a previous attempt) go first, as comments, above
    /// `edited`, the text as the person left it.
    public func text(problems: [String] = [], edited: String? = nil) -> String {
        let notes = problems.isEmpty ? [] : ["#! This edit was not sent. Fix it, or quit without saving to give up:"]
            + problems.map { "#!   " + $0 } + ["#!"]
        let body = edited.map { Self.lines(of: $0).filter { !$0.hasPrefix("#!") }.joined(separator: "\n") }
        return (notes + [body ?? template]).joined(separator: "\n")
    }

    /// Why the route cannot be edited as text, if it cannot: a value holding a line break would
    /// split its `Field=Value` line (`inj\nVoiceUsername=x` would set a second field), and other
    /// control characters would be written raw into the file.
    public var refusal: String? {
        for field in schema.writableFields where !field.isSecret {
            guard let value = original[field.name]?.description, value.unicodeScalars.contains(where: TerminalText.isUnsafe) else { continue }
            return "\(field.name) holds a line break or other control character (\"\(TerminalText.escaped(value))\"), "
                + "which cannot be edited as a line of text; set it with `routes update` instead"
        }
        return nil
    }

    /// Whether the person emptied the text of every `Field=Value` line: as with an empty commit
    /// message, that means "give up".
    public static func isEmptied(_ text: String) -> Bool {
        lines(of: text).allSatisfy { line in
            let trimmed = line.trimmingBlanks
            return trimmed.isEmpty || trimmed.hasPrefix("#")
        }
    }

    /// The lines of an edited text, whether the editor saved LF or CRLF line endings.
    private static func lines(of text: String) -> [Substring] {
        // "\r\n" is one Character in Swift, so splitting on "\n" alone would not split it.
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    }

    private var template: String {
        // The service's texts are escaped in the comments: a line break would end a comment early.
        var lines = [
            "# \(schema.dialect.displayName) route \(TerminalText.escaped(original.id ?? "")) \"\(TerminalText.escaped(original.key ?? ""))\": one Field=Value a line.",
            "# Lines starting with # are ignored; uncomment a field to set it. Save and quit to review",
            "# the changes before anything is sent.",
        ]
        for field in schema.fields where field.isReadOnly {
            if let value = original[field.name] { lines.append("# \(field.name): \(TerminalText.escaped(value.description)) (set by the service)") }
        }
        lines.append("")
        for field in schema.writableFields {
            if field.isSecret {
                lines.append("# \(field.name)=    (secret: never shown; set it here to change it)")
            } else if let value = original[field.name] {
                lines.append("\(field.name)=\(value)")
            } else {
                lines.append("# \(field.name)=")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The fields whose text differs from the original's, parsed: the update to send (empty when
    /// nothing changed). Throws every problem found, worded for the comments of the next attempt.
    public func changes(in text: String) throws(Problems) -> Route {
        var problems: [String] = []
        var edited: [String: String] = [:]
        for raw in Self.lines(of: text) {
            let line = raw.trimmingBlanks
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "="), equals != line.startIndex else {
                problems.append(FieldError.malformedAssignment(line).description)
                continue
            }
            let name = line[..<equals].trimmingBlanks
            let value = line[line.index(after: equals)...].trimmingBlanks
            do throws(FieldError) {
                let field = try schema.resolve(name)
                if field.isReadOnly { throw FieldError.readOnly(field: field.name) }
                guard edited[field.name] == nil else {
                    problems.append(FieldError.givenTwice(field: field.name).description)
                    continue
                }
                edited[field.name] = value
            } catch {
                problems.append(error.description)
            }
        }
        var changes = Route(dialect: original.dialect)
        let typeText = edited[schema.typeField] ?? original.routeType
        let routeType = schema.field(named: schema.typeField).flatMap { try? $0.parse(typeText ?? "") }?.description
        for field in schema.writableFields {
            let before = field.isSecret ? "" : original[field.name]?.description.trimmingBlanks ?? ""
            let after = edited[field.name] ?? ""
            guard after != before, !(field.isSecret && after.isEmpty) else { continue }
            do throws(FieldError) {
                if after.isEmpty { throw schema.clearingRefusal(field) }
                changes[field.name] = try field.parse(after, routeType: routeType)
            } catch {
                problems.append(error.description)
            }
        }
        // Text can differ where values do not (`udp` for `UDP`): only a typed difference is sent.
        changes = RouteDifference(of: changes, from: original).update
        if schema.keyField == schema.idField, changes[schema.keyField] != nil {
            problems.append("\(schema.keyField): \(schema.dialect.displayName) routes cannot be renamed (the name is the id)")
        }
        if !problems.isEmpty { throw Problems(lines: problems) }
        return changes
    }

    /// The changes as `-Field=old` / `+Field=new` lines, secrets masked.
    public func diff(_ changes: Route) -> [String] {
        let difference = RouteDifference(of: changes, from: original)
        return difference.changes.flatMap { change in
            [change.before.map { "-\(change.field)=\($0)" }, "+\(change.field)=\(change.after)"].compactMap { $0 }
        } + difference.secrets.map { "+\($0)=********" }
    }

    /// What is wrong with an edited text, one line per problem.
    public struct Problems: Error, Sendable, Equatable {
        public let lines: [String]
    }
}

extension StringProtocol {
    fileprivate var trimmingBlanks: String {
        String(drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
