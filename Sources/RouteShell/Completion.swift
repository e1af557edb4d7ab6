/// What Tab does to the line: replace the word left of the cursor with the text every candidate
/// agrees on, and remember the candidates for a second Tab to list.
public struct Completion: Equatable, Sendable {
    /// One way to finish the word: what goes in the line and the row a listing shows for it.
    public struct Candidate: Equatable, Sendable {
        public var text: String
        /// One cell, or several shown as aligned columns (a route's `id  name  type`).
        public var row: [String]

        public init(_ text: String, display: String? = nil) {
            self.init(text, row: [display ?? text])
        }

        public init(_ text: String, row: [String]) {
            self.text = text
            self.row = row
        }
    }

    /// How many characters (Unicode scalars) left of the cursor are replaced: the word as typed.
    public var replacing: Int
    /// What replaces them.
    public var replacement: String
    /// Listed on a second Tab while more than one remains, one row per candidate, without repeats.
    public var alternatives: [[String]]

    public static let none = Completion(replacing: 0, replacement: "", alternatives: [])

    public init(replacing: Int, replacement: String, alternatives: [[String]]) {
        self.replacing = replacing
        self.replacement = replacement
        self.alternatives = alternatives
    }

    /// Completes `typed` (the raw text of the word, `length` scalars) to `candidates`. A single
    /// candidate is finished with a space unless it expects more (`Field=`, `dir/`).
    init(typed: String, length: Int, candidates: [Candidate]) {
        let texts = candidates.map(\.text)
        guard let first = texts.first else {
            self = .none
            return
        }
        let common = texts.dropFirst().reduce(first) { $0.commonPrefix(with: $1) }
        let isFinished = texts.count == 1 && !first.hasSuffix("=") && !first.hasSuffix("/")
        let keepsTyped = common.count < Self.unescape(typed).count
        var seen: Set<[String]> = []
        let rows = candidates.map(\.row).filter { seen.insert($0).inserted }
        self.init(
            replacing: keepsTyped ? 0 : length,
            replacement: keepsTyped ? "" : Self.quote(common, finished: isFinished, alreadyQuoted: typed.first == "\""),
            alternatives: rows.count > 1 ? rows : [])
    }

    /// `text` as the tokenizer reads it back: in double quotes when it holds a blank or anything
    /// else the tokenizer would split or interpret (`"Toronto SIP trunk"`), left open while the
    /// word is unfinished. A finished word gets its closing quote and a space.
    static func quote(_ text: String, finished: Bool, alreadyQuoted: Bool = false) -> String {
        let needsQuotes = alreadyQuoted || text.contains { " \t'\"\\$#;&|<>()*?".contains($0) }
        guard needsQuotes else { return text + (finished ? " " : "") }
        var quoted = "\""
        for character in text {
            if "\"\\$".contains(character) { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + (finished ? "\" " : "")
    }

    private static func unescape(_ text: String) -> String {
        Tokenizer.partialWords(text).first?.text ?? ""
    }
}

extension String {
    /// The longest prefix shared with `other`, compared character by character.
    fileprivate func commonPrefix(with other: String) -> String {
        String(zip(self, other).prefix { $0 == $1 }.map(\.0))
    }
}
