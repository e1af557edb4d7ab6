/// The encodings a CSV file may arrive in: what Excel and its kin save.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    /// Excel's "CSV" on Windows in the Americas and Western Europe.
    case windows1252 = "windows-1252"
    case latin1 = "latin-1"
    /// Little- or big-endian, told by the byte order mark, else by the first character.
    case utf16 = "utf-16"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"

    /// `utf-8`, `cp1252`, `ISO-8859-1`, `utf16le`…, in any case.
    public init?(name: String) {
        let key = name.lowercased().filter { $0 != "-" && $0 != "_" }
        switch key {
        case "utf8": self = .utf8
        case "windows1252", "cp1252": self = .windows1252
        case "latin1", "iso88591", "l1": self = .latin1
        case "utf16": self = .utf16
        case "utf16le": self = .utf16LE
        case "utf16be": self = .utf16BE
        default: return nil
        }
    }

    /// For help and error text.
    public static let names = "utf-8, windows-1252 (cp1252), latin-1 (iso-8859-1), utf-16 (utf16le, utf16be)"

    /// The encoding a file is read in, and the length of the byte order mark to skip.
    ///
    /// A byte order mark says what the file is, whatever was asked: Excel's "Unicode text" starts
    /// with one, and a file that carries one is never Windows-1252 text beginning with `ÿþ`.
    static func resolve(_ declared: TextEncoding, prefix: UnsafeBufferPointer<UInt8>) -> (TextDecoder.Source?, bom: Int) {
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { return (nil, 3) }
        if prefix.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if prefix.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        switch declared {
        case .utf8: return (nil, 0)
        case .windows1252: return (.windows1252, 0)
        case .latin1: return (.latin1, 0)
        case .utf16LE: return (.utf16LE, 0)
        case .utf16BE: return (.utf16BE, 0)
        case .utf16:
            // Route files start with ASCII: a zero byte first means big-endian.
            let bigEndian = prefix.count >= 2 && prefix[0] == 0 && prefix[1] != 0
            return (bigEndian ? .utf16BE : .utf16LE, 0)
        }
    }
}
