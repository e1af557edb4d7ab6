/// How a number cell is shown, as far as it changes the text a person sees: a date, text, a
/// fixed number of digits, or the number itself.
enum CellFormat: Equatable {
    case general
    /// `@`: what was typed, as text.
    case text
    case date(hasDate: Bool, hasTime: Bool)
    /// `00000`: whole numbers padded with zeros to this many digits (ZIP codes, extensions).
    case zeroPadded(digits: Int)

    /// The format of built-in number format `id` (ECMA-376 part 1, 18.8.30), or of `code` for
    /// one the workbook defines.
    init(id: Int, code: String?) {
        if let code {
            self.init(code: code)
            return
        }
        switch id {
        case 14, 15, 16, 17: self = .date(hasDate: true, hasTime: false)
        case 18, 19, 20, 21, 45, 46, 47: self = .date(hasDate: false, hasTime: true)
        case 22: self = .date(hasDate: true, hasTime: true)
        case 49: self = .text
        default: self = .general
        }
    }

    init(code: String) {
        if code == "@" {
            self = .text
            return
        }
        let letters = Self.letters(ofFirstSection: code)
        let lower = letters.lowercased()
        let hasTime = lower.contains("h") || lower.contains("s")
        // `m` is minutes next to hours or seconds, months otherwise.
        let hasDate = lower.contains("d") || lower.contains("y") || lower.contains("m") && !hasTime
        if hasDate || hasTime {
            self = .date(hasDate: hasDate, hasTime: hasTime)
        } else if letters.count > 1 && letters.allSatisfy({ $0 == "0" }) {
            self = .zeroPadded(digits: letters.count)
        } else {
            self = .general
        }
    }

    /// The format characters of the first section (positive numbers), without quoted text,
    /// escaped characters and `[Red]`, `[$-409]` or `[h]` brackets.
    private static func letters(ofFirstSection code: String) -> String {
        var letters = ""
        var quoted = false, escaped = false, bracketed = false
        for character in code {
            if escaped {
                escaped = false
            } else if quoted {
                quoted = character != "\""
            } else if bracketed {
                bracketed = character != "]"
            } else {
                switch character {
                case "\"": quoted = true
                case "\\": escaped = true
                case "[": bracketed = true
                case ";": return letters
                default: letters.append(character)
                }
            }
        }
        return letters
    }
}
