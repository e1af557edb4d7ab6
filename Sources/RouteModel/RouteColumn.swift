/// A column of a route table: a catalog field, or a summary the catalog defines over several
/// fields (`Destination`). `routes list --columns`, `--sort` and `--where` name columns the way
/// `Field=Value` names fields.
public struct RouteColumn: Sendable {
    public let name: String
    /// The field shown, when the column is one.
    public let field: Field?
    private let summary: (@Sendable (Route) -> String)?

    init(field: Field) {
        name = field.name
        self.field = field
        summary = nil
    }

    init(summary name: String, _ text: @escaping @Sendable (Route) -> String) {
        self.name = name
        field = nil
        summary = text
    }

    /// The cell for `route`: a secret only says whether it is set, never what it is.
    public func text(_ route: Route) -> String {
        if let summary { return summary(route) }
        guard let field, let value = route[field.name] else { return "" }
        return field.isSecret ? "(set)" : value.description
    }

    /// Orders routes by this column: numbers as numbers, text ignoring case, empty cells last.
    public func precedes(_ a: Route, _ b: Route) -> Bool {
        if let field, case .integer(let x)? = a[field.name], case .integer(let y)? = b[field.name] { return x < y }
        let x = text(a), y = text(b)
        if x.isEmpty != y.isEmpty { return !x.isEmpty }
        return x.lowercased() < y.lowercased()
    }
}

extension RouteSchema {
    /// The columns `routes list` shows unless told otherwise.
    public var listColumns: [RouteColumn] {
        listColumnNames.compactMap { try? column(named: $0) }
    }

    /// The field or summary column called `name` (spelled as fields are), or why there is none,
    /// with the nearest names.
    public func column(named name: String) throws(FieldError) -> RouteColumn {
        if let field = field(named: name) { return RouteColumn(field: field) }
        let wanted = FieldName.normalize(name)
        if let summary = summaryColumns.first(where: { FieldName.normalize($0.name) == wanted }) { return summary }
        let close = summaryColumns.map(\.name).filter { FieldName.distance(wanted, FieldName.normalize($0)) <= 2 }
        throw FieldError.unknownField(name, suggestions: Array((close + suggestions(for: name)).prefix(3)))
    }

    /// Every name a column can have, for completion: fields, then summaries.
    public var columnNames: [String] { fields.map(\.name) + summaryColumns.map(\.name) }
}
