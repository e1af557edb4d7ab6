/// Element and attribute names without their namespace prefix: writers may spell a sheet's
/// elements `row` or `x:row`, and `XMLParser` reports them as written.
enum XMLName {
    static func local(_ name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return name[...] }
        return name[name.index(after: colon)...]
    }

    /// The attribute with local name `name`, whatever its prefix.
    static func attribute(_ name: String, in attributes: [String: String]) -> String? {
        if let value = attributes[name] { return value }
        return attributes.first { local($0.key) == name }?.value
    }
}
