/// Turns Windows-1252, Latin-1 or UTF-16 bytes into UTF-8, one chunk at a time, in front of
/// `CSVCore`.
///
/// Like the core it is a state machine without I/O, and it keeps no state at all: it decodes
/// whole characters only and stops before one that is split across the end of the input or that
/// the output has no room for; the caller keeps the unconsumed bytes for the next call.
struct TextDecoder {
    enum Source: Equatable {
        case windows1252, latin1, utf16LE, utf16BE
    }

    let source: Source

    /// The most UTF-8 bytes one call may need room for to make progress.
    static let maxCharacterBytes = 4

    /// Written for a UTF-16 code unit that is not part of a character (a lone surrogate, an odd
    /// last byte): a byte that is never UTF-8, so the record is reported like any invalid text.
    static let invalid: UInt8 = 0xFF

    /// Decodes from `input` into `output`.
    /// - Returns: the input bytes consumed and the output bytes written.
    func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> (consumed: Int, written: Int) {
        guard let inBase = input.baseAddress, let outBase = output.baseAddress else { return (0, 0) }
        let bytes = inBase.assumingMemoryBound(to: UInt8.self)
        let out = outBase.assumingMemoryBound(to: UInt8.self)
        switch source {
        case .windows1252, .latin1:
            return decodeSingleBytes(bytes, input.count, out, output.count)
        case .utf16LE, .utf16BE:
            return decodeUTF16(bytes, input.count, out, output.count, bigEndian: source == .utf16BE)
        }
    }

    /// What is left at the end of the file: an odd byte of UTF-16 (bytes of other encodings are
    /// always whole characters).
    /// - Returns: the output bytes written (room for one is needed).
    func finish(leftover: Int, into output: UnsafeMutableRawBufferPointer) -> Int {
        guard leftover > 0, let out = output.baseAddress, output.count > 0 else { return 0 }
        out.storeBytes(of: Self.invalid, as: UInt8.self)
        return 1
    }

    private func decodeSingleBytes(
        _ input: UnsafePointer<UInt8>, _ count: Int, _ output: UnsafeMutablePointer<UInt8>, _ capacity: Int
    ) -> (consumed: Int, written: Int) {
        let table = source == .windows1252 ? Self.windows1252 : Self.latin1
        var i = 0, o = 0
        while i < count {
            // ASCII, the bulk of route files, eight bytes at a time.
            if i + 8 <= count && o + 8 <= capacity {
                let word = UnsafeRawPointer(input + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    UnsafeMutableRawPointer(output + o).storeBytes(of: word, as: UInt64.self)
                    i += 8
                    o += 8
                    continue
                }
            }
            let byte = input[i]
            if byte < 0x80 {
                guard o < capacity else { break }
                output[o] = byte
                o += 1
            } else {
                let scalar = table[Int(byte) - 0x80]
                let length = scalar < 0x800 ? 2 : 3
                guard o + length <= capacity else { break }
                Self.encode(UInt32(scalar), length: length, at: output + o)
                o += length
            }
            i += 1
        }
        return (i, o)
    }

    private func decodeUTF16(
        _ input: UnsafePointer<UInt8>, _ count: Int, _ output: UnsafeMutablePointer<UInt8>, _ capacity: Int,
        bigEndian: Bool
    ) -> (consumed: Int, written: Int) {
        @inline(__always) func unit(_ at: Int) -> UInt32 {
            bigEndian ? UInt32(input[at]) << 8 | UInt32(input[at + 1]) : UInt32(input[at + 1]) << 8 | UInt32(input[at])
        }
        var i = 0, o = 0
        while i + 2 <= count {
            let first = unit(i)
            var scalar = first
            var used = 2
            if first & 0xFC00 == 0xD800 {
                // A high surrogate needs its low half, which may be in the next chunk.
                guard i + 4 <= count else { break }
                let second = unit(i + 2)
                if second & 0xFC00 == 0xDC00 {
                    scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    used = 4
                } else {
                    scalar = 0xD800
                }
            }
            if scalar & 0xF800 == 0xD800 {
                guard o < capacity else { break }
                output[o] = Self.invalid
                o += 1
            } else {
                let length = scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : scalar < 0x10000 ? 3 : 4
                guard o + length <= capacity else { break }
                Self.encode(scalar, length: length, at: output + o)
                o += length
            }
            i += used
        }
        return (i, o)
    }

    @inline(__always)
    private static func encode(_ scalar: UInt32, length: Int, at out: UnsafeMutablePointer<UInt8>) {
        switch length {
        case 1:
            out[0] = UInt8(scalar)
        case 2:
            out[0] = UInt8(0xC0 | scalar >> 6)
            out[1] = UInt8(0x80 | scalar & 0x3F)
        case 3:
            out[0] = UInt8(0xE0 | scalar >> 12)
            out[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[2] = UInt8(0x80 | scalar & 0x3F)
        default:
            out[0] = UInt8(0xF0 | scalar >> 18)
            out[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            out[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[3] = UInt8(0x80 | scalar & 0x3F)
        }
    }

    private static let latin1: [UInt16] = (0x80...0xFF).map { UInt16($0) }

    /// 0x80–0x9F as Windows maps them; the five bytes Windows-1252 leaves undefined (0x81, 0x8D,
    /// 0x8F, 0x90, 0x9D) become the C1 controls of the same value, as in the WHATWG encoding
    /// standard, so no byte is ever lost.
    private static let windows1252: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ] + (0xA0...0xFF).map { UInt16($0) }

    /// Whether a byte is a character in Windows-1252 proper: what makes invalid UTF-8 look like it.
    static func isWindows1252Character(_ byte: UInt8) -> Bool {
        ![0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(byte)
    }
}
