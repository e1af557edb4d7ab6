/// What Tab does to the line: replace the word left of the cursor with the text every candidate
/// agrees on, and remember the candidates for a second Tab to list.
public struct Completion: Equatable, Sendable {
    /// One way to finish the word: what goes in the line and what a listing shows.
    public struct Candidate: Equatable, Sendable {
        public var text: String
        public var display: String

        public init(_ text: String, display: String? = nil) {
            self.text = text
            self.display = display ?? text
        }
    }

    /// How many characters (Unicode scalars) left of the cursor are replaced: the word as typed.
    public var replacing: Int
    /// What replaces them.
    public var replacement: String
    /// Listed on a second Tab while more than one remains.
    public var alternatives: [String]

    public static let none = Completion(replacing: 0, replacement: "", alternatives: [])

    public init(replacing: Int, replacement: String, alternatives: [String]) {
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
        var common = texts.dropFirst().reduce(first) { $0.commonPrefix(with: $1) }
        if texts.count == 1, !first.hasSuffix("="), !first.hasSuffix("/") { common += " " }
        let escaped = Self.escape(common)
        let keepsTyped = common.count < Self.unescape(typed).count
        self.init(
            replacing: keepsTyped ? 0 : length, replacement: keepsTyped ? "" : escaped,
            alternatives: texts.count > 1 ? candidates.map(\.display) : [])
    }

    /// Backslash-escapes what the tokenizer would otherwise split or interpret.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for (offset, character) in text.enumerated() {
            let isFinalSpace = character == " " && offset == text.count - 1
            if !isFinalSpace, " \t'\"\\$#;&|<>()*?".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
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
