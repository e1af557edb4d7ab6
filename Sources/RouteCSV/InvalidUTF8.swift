/// Where a file read as UTF-8 first stops being UTF-8, said once for the whole file: the rows
/// still get their own `invalid UTF-8` errors, but this is the one that says what to do.
public struct InvalidUTF8: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// The physical line (1-based) of the first invalid byte.
    public let line: Int
    /// Its offset in the file, from 0; `nil` when the input cannot be read again (a pipe).
    public let offset: Int?
    /// The invalid sequence, up to four bytes.
    public let bytes: [UInt8]
    public let guess: Guess?

    /// What the bytes look like.
    public enum Guess: Sendable, Equatable {
        case windows1252
        /// Zero bytes between the characters.
        case utf16
    }

    /// `routes.csv:3: invalid UTF-8 (byte 0xE9 at offset 57); the file looks like Windows-1252: try --encoding windows-1252`
    public var description: String {
        let shown = bytes.map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
        let place = offset.map { " at offset \($0)" } ?? ""
        let text = "\(file):\(line): invalid UTF-8 (byte\(bytes.count == 1 ? "" : "s") \(shown)\(place))"
        switch guess {
        case .windows1252: return text + "; the file looks like Windows-1252: try --encoding windows-1252"
        case .utf16: return text + "; the file looks like UTF-16: try --encoding utf-16"
        case nil: return text + "; name the file's encoding with --encoding"
        }
    }

    /// What `locate` found in a stretch of a record's raw bytes.
    enum Search {
        case found(InvalidUTF8)
        /// Nothing wrong in the first `consumed` bytes, which end on `line`: go on from there.
        case valid(consumed: Int, line: Int)
    }

    /// Looks for the first invalid sequence in `bytes`, raw text of the file that starts on
    /// `line` at `offset` (when known).
    ///
    /// - Parameter isComplete: whether `bytes` runs to the end of what is to be searched; if not,
    ///   a sequence or a CRLF cut by the end of `bytes` is left for the next call.
    static func locate(in bytes: UnsafeRawBufferPointer, file: String, line: Int, offset: Int?, isComplete: Bool) -> Search {
        var line = line
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x80 {
                if byte == CSVCore.cr {
                    if i + 1 == bytes.count && !isComplete { break }
                    if i + 1 == bytes.count || bytes[i + 1] != CSVCore.lf { line += 1 }
                } else if byte == CSVCore.lf {
                    line += 1
                }
                i += 1
                continue
            }
            let length = UTF8Validation.sequenceLength(bytes, at: i)
            if length > 0 {
                i += length
                continue
            }
            if !isComplete && bytes.count - i < 4 { break }
            let end = min(i + UTF8Validation.invalidLength(bytes, at: i), bytes.count)
            let guess: Guess? = bytes.contains(0) ? .utf16 : TextDecoder.isWindows1252Character(byte) ? .windows1252 : nil
            return .found(InvalidUTF8(file: file, line: line, offset: offset.map { $0 + i },
                                      bytes: Array(bytes[i..<end]), guess: guess))
        }
        return .valid(consumed: i, line: line)
    }
}
