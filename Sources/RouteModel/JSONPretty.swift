extension JSON {
    /// Indented JSON text for people reading a terminal, two spaces a level, keys in order.
    public func prettySerialized(indent level: Int = 0) -> String {
        let inner = String(repeating: "  ", count: level + 1), outer = String(repeating: "  ", count: level)
        switch self {
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { inner + $0.prettySerialized(indent: level + 1) }.joined(separator: ",\n") + "\n" + outer + "]"
        case .object(let members) where !members.isEmpty:
            return "{\n" + members.map { key, value in
                inner + JSON.string(key).serialized + ": " + value.prettySerialized(indent: level + 1)
            }.joined(separator: ",\n") + "\n" + outer + "}"
        default:
            return serialized
        }
    }
}
