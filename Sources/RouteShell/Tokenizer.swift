/// Splits a command line into words the way a POSIX shell does: blanks separate words, single
/// quotes keep everything literal, double quotes keep blanks, a backslash escapes the next
/// character, and an unquoted `#` starting a word comments out the rest of the line. The only
/// expansion is of the shell's own variables (`$last`), so a route name is never reinterpreted.
public enum Tokenizer {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unterminatedQuote(Character)
        /// A known variable that has no value yet, such as `$last` before any create.
        case unsetVariable(String)

        public var description: String {
            switch self {
            case .unterminatedQuote(let quote): return "missing closing \(quote)"
            case .unsetVariable("last"): return "$last is not set: no route has been created in this session"
            case .unsetVariable(let name): return "$\(name) is not set"
            }
        }
    }

    /// One word of a line, with where its text starts, counted in Unicode scalars as a line editor does.
    public struct Word: Equatable, Sendable {
        public var text: String
        public var start: Int
        /// Still open at the end of the input: the cursor is inside it (no blank followed it).
        public var isOpen: Bool
    }

    /// The words of a complete line. `variables` holds the names `$name` may expand; a name
    /// mapped to nil is known but unset, and any other `$name` stays as typed.
    public static func split(_ line: String, variables: [String: String?] = [:]) throws(Failure) -> [String] {
        let scan = scan(line, variables: variables)
        if let failure = scan.failure { throw failure }
        return scan.words.map(\.text)
    }

    /// The words left of a cursor, forgiving an open quote: what completion and hints read.
    public static func partialWords(_ prefix: String) -> [Word] {
        scan(prefix, variables: [:]).words
    }

    /// Whether the line ends in an unescaped backslash, which continues it on the next line.
    public static func continues(_ line: String) -> Bool {
        line.reversed().prefix { $0 == "\\" }.count % 2 == 1
    }

    private static func scan(_ line: String, variables: [String: String?]) -> (words: [Word], failure: Failure?) {
        var words: [Word] = []
        var current: Word?
        var quote: Character?
        var failure: Failure?
        let scalars = Array(line.unicodeScalars)
        var index = 0

        func append(_ text: String) {
            if current == nil { current = Word(text: "", start: index, isOpen: true) }
            current!.text += text
        }
        func finishWord() {
            if var word = current {
                word.isOpen = false
                words.append(word)
            }
            current = nil
        }

        while index < scalars.count {
            let scalar = scalars[index]
            let character = Character(scalar)
            if let open = quote {
                if character == open {
                    quote = nil
                } else if open == "\"", character == "\\", index + 1 < scalars.count, "\"\\$".unicodeScalars.contains(scalars[index + 1]) {
                    index += 1
                    append(String(scalars[index]))
                } else if open == "\"", character == "$", let (value, length) = expand(scalars, at: index, variables, &failure) {
                    append(value)
                    index += length - 1
                } else {
                    append(String(character))
                }
            } else if character == " " || character == "\t" || character == "\n" || character == "\r" {
                finishWord()
            } else if character == "#" && current == nil {
                break
            } else if character == "'" || character == "\"" {
                append("")
                quote = character
            } else if character == "\\" {
                if index + 1 < scalars.count {
                    index += 1
                    append(String(scalars[index]))
                } else {
                    append("")
                }
            } else if character == "$", let (value, length) = expand(scalars, at: index, variables, &failure) {
                append(value)
                index += length - 1
            } else {
                append(String(character))
            }
            index += 1
        }
        if let open = quote, failure == nil { failure = .unterminatedQuote(open) }
        if let word = current { words.append(word) }
        return (words, failure)
    }

    /// The value of the variable named at `index` (after `$`) and the length of `$name`, when the name is known.
    private static func expand(
        _ scalars: [Unicode.Scalar], at index: Int, _ variables: [String: String?], _ failure: inout Failure?
    ) -> (String, Int)? {
        var end = index + 1
        while end < scalars.count, scalars[end].properties.isAlphabetic || scalars[end] == "_" { end += 1 }
        let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
        guard let value = variables[name] else { return nil }
        guard let value else {
            if failure == nil { failure = .unsetVariable(name) }
            return ("", end - index)
        }
        return (value, end - index)
    }
}
