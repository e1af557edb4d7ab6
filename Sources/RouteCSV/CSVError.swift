/// What is wrong with one record. The reader still returns the record (with whatever text it
/// could keep) and goes on with the next one, so one bad row never hides the rows after it.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A quote inside an unquoted field, or text after a closing quote. The text is kept.
        case strayQuote
        /// The input ended inside a quoted field.
        case unterminatedQuote
        /// A field grew past the limit: usually a quote that is never closed. The field is cut at
        /// the limit and the rest of its line is skipped.
        case fieldTooLarge(limit: Int)
        case invalidUTF8
        /// A lone surrogate or an odd last byte in a UTF-16 file.
        case invalidUTF16
        /// More fields than `CSVReader.Options.maxFieldCount`: the record keeps the first ones
        /// and the rest of its line is skipped.
        case tooManyFields(limit: Int)
        /// A spreadsheet cell whose value cannot be read, with the reason naming the cell.
        case invalidCell(String)
        /// The record's field count differs from the header's.
        case fieldCount(expected: Int, found: Int)
    }

    public let kind: Kind
    /// The physical line (1-based) of the problem: where the stray quote is, otherwise where the
    /// record starts.
    public let line: Int
    /// The field (1-based) the problem is in, when it is in one.
    public let field: Int?

    public init(_ kind: Kind, line: Int, field: Int?) {
        self.kind = kind
        self.line = line
        self.field = field
    }

    /// The problem without its line, e.g. `stray quote in field 3`.
    public var message: String {
        let place = field.map { " in field \($0)" } ?? ""
        switch kind {
        case .strayQuote: return "stray quote\(place)"
        case .unterminatedQuote: return "quote not closed\(place) before the end of the file"
        case .fieldTooLarge(let limit): return "field larger than \(limit) bytes\(place) (a quote not closed?)"
        case .invalidUTF8: return "invalid UTF-8\(place)"
        case .invalidUTF16: return "invalid UTF-16 (a lone surrogate or a cut character)\(place)"
        case .tooManyFields(let limit): return "more than \(limit) fields"
        case .invalidCell(let reason): return reason
        case .fieldCount(let expected, let found):
            return "\(found) field\(found == 1 ? "" : "s") where the header has \(expected)"
        }
    }

    /// `line 17: stray quote in field 3`
    public var description: String { "line \(line): \(message)" }

    /// Whether the record's bytes are not valid UTF-8, so its fields show U+FFFD where they are not.
    public var isInvalidText: Bool { kind == .invalidUTF8 || kind == .invalidUTF16 }
}
