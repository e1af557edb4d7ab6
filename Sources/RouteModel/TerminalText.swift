/// Text from a file or a service made safe to show on a terminal. A route name is written by
/// anyone who can write to the account: sent raw, `\e[31m` would colour the screen, `\e]52;…`
/// could set the clipboard, and a line break would split a table row in two.
public enum TerminalText {
    /// `text` with every control character visible: a line break (LF, CR or CRLF) as `⏎`, ESC as
    /// `\e`, tab as `\t`, other C0 and C1 controls, DEL and the bidirectional overrides as `\xHH`
    /// or `\uHHHH`. With `keepingLineBreaks`, line feeds stay (for multi-line messages).
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "\n" where keepingLineBreaks:
                result.unicodeScalars.append(scalar)
            case "\r" where pending == "\n":
                if keepingLineBreaks { continue }
                result += "⏎"
                pending = scalars.next()
            case "\n", "\r", "\u{2028}", "\u{2029}":
                result += "⏎"
            case "\u{1B}":
                result += "\\e"
            case "\t":
                result += "\\t"
            case _ where isUnsafe(scalar):
                result += scalar.value < 0x100 ? "\\x" + hex(scalar.value, digits: 2) : "\\u" + hex(scalar.value, digits: 4)
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A character a terminal acts on rather than shows: C0 and C1 controls, DEL, the line and
    /// paragraph separators and the bidirectional overrides.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
