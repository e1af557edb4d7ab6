/// A path's last name split at its extension, for the files an import or undo writes beside
/// another (`routes.csv` → `routes.results.csv` → `routes.results.undo.csv`).
enum FileName {
    /// `dir/name.ext` → (`dir/name`, `.ext`); a name without a dot, or a dot file, has no extension.
    static func split(_ path: String) -> (stem: Substring, ext: Substring?) {
        let slash = path.lastIndex(of: "/")
        let nameStart = slash.map { path.index(after: $0) } ?? path.startIndex
        guard let dot = path[nameStart...].lastIndex(of: "."), dot != nameStart else { return (path[...], nil) }
        return (path[..<dot], path[dot...])
    }
}
