/// A JSON reader over UTF-8 bytes (RFC 8259) that keeps object members in document order, which
/// `JSONDecoder` does not, and that builds `JSON` values directly, several times faster than
/// going through `Codable` (it is on the path of every request the sandbox answers).
/// Numbers without a fraction or exponent that fit `Int` are `.int`; other numbers `.double`.
struct JSONParser {
    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0
    private static let maximumDepth = 512

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The one value the text holds, with nothing but whitespace around it.
    mutating func parseDocument() throws(JSONParseError) -> JSON {
        let value = try parseValue()
        skipWhitespace()
        guard position == bytes.count else { throw error("unexpected text after the JSON value") }
        return value
    }

    /// The members of the one object the text holds whose names are in `wanted`, parsed, in the
    /// order of `wanted` (`nil` for a member that is absent). Every other member is checked for
    /// form and skipped without being built — a listing that needs two members of each of
    /// 300,000 routes should not build the other thirty — so only the wanted strings are checked
    /// for valid UTF-8.
    mutating func parseMembers(_ wanted: [String]) throws(JSONParseError) -> [JSON?] {
        let names = wanted.map { Array($0.utf8) }
        var found = [JSON?](repeating: nil, count: wanted.count)
        skipWhitespace()
        guard peek(UInt8(ascii: "{")) else { throw error("expected an object") }
        try enter()
        position += 1
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            position += 1
        } else {
            while true {
                skipWhitespace()
                guard peek(UInt8(ascii: "\"")) else { throw error("expected a member name in quotes") }
                let keyStart = position + 1
                try skipString()
                var key = bytes[keyStart..<position - 1]
                if key.contains(UInt8(ascii: "\\")) {
                    position = keyStart - 1
                    key = ArraySlice(try parseString().utf8)
                }
                skipWhitespace()
                guard peek(UInt8(ascii: ":")) else { throw error("expected ':' after a member name") }
                position += 1
                if let index = names.firstIndex(where: { $0.elementsEqual(key) }) {
                    found[index] = try parseValue()
                } else {
                    try skipValue()
                }
                skipWhitespace()
                if peek(UInt8(ascii: ",")) { position += 1; continue }
                guard peek(UInt8(ascii: "}")) else { throw error("expected ',' or '}' in an object") }
                position += 1
                break
            }
        }
        depth -= 1
        skipWhitespace()
        guard position == bytes.count else { throw error("unexpected text after the JSON value") }
        return found
    }

    /// Moves past one well-formed value without building it.
    private mutating func skipValue() throws(JSONParseError) {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = bytes[position] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let isObject = close == UInt8(ascii: "}")
            try enter()
            position += 1
            skipWhitespace()
            if !peek(close) {
                while true {
                    if isObject {
                        skipWhitespace()
                        guard peek(UInt8(ascii: "\"")) else { throw error("expected a member name in quotes") }
                        try skipString()
                        skipWhitespace()
                        guard peek(UInt8(ascii: ":")) else { throw error("expected ':' after a member name") }
                        position += 1
                    }
                    try skipValue()
                    skipWhitespace()
                    if peek(UInt8(ascii: ",")) { position += 1; continue }
                    guard peek(close) else { throw error("expected ',' or '\(UnicodeScalar(close))'") }
                    break
                }
            }
            position += 1
            depth -= 1
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try expectWord("true")
        case UInt8(ascii: "f"): try expectWord("false")
        case UInt8(ascii: "n"): try expectWord("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try parseNumber()
        default: throw error("unexpected character")
        }
    }

    /// Moves past a string, checking its escapes and that it has no raw control characters.
    private mutating func skipString() throws(JSONParseError) {
        position += 1
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw error("unterminated string") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"): break
                case UInt8(ascii: "u"): _ = try hexQuad()
                default: throw error("invalid escape in a string")
                }
            case 0..<0x20: throw error("control character in a string")
            default: break
            }
        }
        throw error("unterminated string")
    }

    private mutating func parseValue() throws(JSONParseError) -> JSON {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSON {
        try enter()
        position += 1
        var members: [(String, JSON)] = []
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            position += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else { throw error("expected a member name in quotes") }
            let key = try parseString()
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw error("expected ':' after a member name") }
            position += 1
            members.append((key, try parseValue()))
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { position += 1; continue }
            guard peek(UInt8(ascii: "}")) else { throw error("expected ',' or '}' in an object") }
            position += 1
            depth -= 1
            return .object(members)
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSON {
        try enter()
        position += 1
        var items: [JSON] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            position += 1
            depth -= 1
            return .array(items)
        }
        while true {
            items.append(try parseValue())
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { position += 1; continue }
            guard peek(UInt8(ascii: "]")) else { throw error("expected ',' or ']' in an array") }
            position += 1
            depth -= 1
            return .array(items)
        }
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        position += 1
        let start = position
        // Fast path: no escapes, the bytes are the string.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return try text(bytes[start..<position - 1])
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in a string") }
            position += 1
        }
        var output = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try text(output[...])
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"): output.append(contentsOf: try unicodeEscape())
                default: throw error("invalid escape in a string")
                }
            case 0..<0x20:
                throw error("control character in a string")
            default:
                output.append(byte)
            }
        }
        throw error("unterminated string")
    }

    /// `\uXXXX`, with a following `\uXXXX` when it is the high half of a surrogate pair.
    private mutating func unicodeEscape() throws(JSONParseError) -> [UInt8] {
        var scalar = try hexQuad()
        if (0xD800..<0xDC00).contains(scalar) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                throw error("unpaired surrogate in a string")
            }
            position += 2
            let low = try hexQuad()
            guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in a string") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
            throw error("unpaired surrogate in a string")
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
        return Array(String(Character(unicode)).utf8)
    }

    private mutating func hexQuad() throws(JSONParseError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("short \\u escape") }
        var value: UInt32 = 0
        for byte in bytes[position..<position + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        position += 4
        return value
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSON {
        let start = position
        if peek(UInt8(ascii: "-")) { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        var isInteger = true
        if peek(UInt8(ascii: ".")) {
            isInteger = false
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            isInteger = false
            position += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        let literal = String(decoding: bytes[start..<position], as: UTF8.self)
        if isInteger, let number = Int(literal) { return .int(number) }
        guard let number = Double(literal) else { throw error("invalid number") }
        return .double(number)
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("unexpected end of input") }
        let matches = word.withUTF8Buffer { expected in bytes[position..<position + count].elementsEqual(expected) }
        guard matches else { throw error("unexpected character") }
        position += count
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("nested too deeply") }
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func peek(_ byte: UInt8) -> Bool {
        position < bytes.count && bytes[position] == byte
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func text(_ slice: ArraySlice<UInt8>) throws(JSONParseError) -> String {
        guard let text = String(validating: slice, as: UTF8.self) else { throw error("invalid UTF-8 in a string") }
        return text
    }

    private func error(_ reason: String) -> JSONParseError {
        JSONParseError(reason: "\(reason) at byte \(position)")
    }
}
