import Foundation

extension RouteSchema {
    /// The catalog as a table for people: name, type, when it is required, and its help line.
    /// Shown by `help fields` in the shell and in `routes create --help`.
    public var fieldHelp: String {
        let rows = writableFields.map { field -> (String, String, String) in
            var type = field.type.label
            if case .enumeration(let values, _) = field.type { type = values.joined(separator: "|") }
            let required: String
            switch field.requirement {
            case .always: required = "required"
            case .forRouteTypes(let types): required = "required for " + types.joined(separator: ", ")
            case .optional: required = ""
            }
            return (field.name, type, [required, field.help].filter { !$0.isEmpty }.joined(separator: "; "))
        }
        let nameWidth = rows.map(\.0.count).max() ?? 0
        let typeWidth = rows.map(\.1.count).max() ?? 0
        return rows.map { name, type, help in
            name.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
                + type.padding(toLength: typeWidth + 2, withPad: " ", startingAt: 0) + help
        }.joined(separator: "\n")
    }
}
