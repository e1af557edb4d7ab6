/// UTF-8 validation over raw bytes, without building strings.
///
/// Route files are almost all ASCII: the core notes any high bit as it copies a record, and
/// only a record that has one is validated here, field by field.
enum UTF8Validation {
    /// Whether `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 {
                i += 1
                continue
            }
            let length = sequenceLength(bytes, at: i)
            if length == 0 { return false }
            i += length
        }
        return true
    }

    /// The length of the well-formed multi-byte sequence at `i`, or 0 if there is none (also when
    /// `bytes` ends inside it).
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Int {
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch bytes[i] {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return 0
        }
        guard i + length <= bytes.count else { return 0 }
        let second = bytes[i + 1]
        guard second >= lower && second <= upper else { return 0 }
        for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return 0 }
        return length
    }

    /// How many bytes from `i` to show as the invalid sequence: the byte and the continuation
    /// bytes after it, at most four.
    static func invalidLength(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Int {
        var end = i + 1
        while end < bytes.count && end - i < 4 && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end - i
    }
}
