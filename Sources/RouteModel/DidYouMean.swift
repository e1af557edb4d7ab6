/// "Did you mean": the candidate nearest to a mistyped word, when it is near enough to be the
/// likely intent (`rutes` → `routes`, `outptu` → `output`), else nothing.
public enum DidYouMean {
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let typed = word.lowercased()
        let scored = candidates.map { (distance: FieldName.distance(typed, $0.lowercased()), name: $0) }
        guard let best = scored.min(by: { ($0.distance, $0.name) < ($1.distance, $1.name) }) else { return nil }
        return best.distance <= max(1, min(3, typed.count / 3)) ? best.name : nil
    }

    /// ` (did you mean routes?)`, or nothing.
    public static func clause(for word: String, among candidates: some Sequence<String>) -> String {
        closest(to: word, among: candidates).map { " (did you mean \($0)?)" } ?? ""
    }
}
