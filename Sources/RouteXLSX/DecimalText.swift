/// A number as a spreadsheet stores it (`5060`, `1.6476998778E10`, `0.30000000000000004`) turned
/// into the plain decimal a person saw: no exponent, no `.0`, and no binary noise past the 15
/// significant digits Excel shows. Done on the digits, never through a `Double`, so a phone
/// number keeps every digit.
enum DecimalText {
    /// Excel keeps and shows 15 significant digits.
    static let significantDigits = 15
    /// Past this, a value is no longer a double's: it is left as written.
    static let exponentLimit = 400

    /// The plain decimal, or `nil` when `text` is not a number.
    static func plain(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var i = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative || bytes.first == UInt8(ascii: "+") { i += 1 }
        var digits: [UInt8] = []
        var pointPosition: Int?
        while i < bytes.count {
            let byte = bytes[i]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits.append(byte - UInt8(ascii: "0"))
            } else if byte == UInt8(ascii: ".") && pointPosition == nil {
                pointPosition = digits.count
            } else {
                break
            }
            i += 1
        }
        guard !digits.isEmpty else { return nil }
        let exact = i == bytes.count && pointPosition == nil
        var exponent = 0
        if i < bytes.count {
            guard bytes[i] == UInt8(ascii: "E") || bytes[i] == UInt8(ascii: "e"),
                  let value = Int(String(decoding: bytes[(i + 1)...], as: UTF8.self)),
                  abs(value) <= exponentLimit else { return nil }
            exponent = value
        }

        // The value is 0.digits × 10^point: point counts the digits before the decimal point.
        var point = (pointPosition ?? digits.count) + exponent
        while let first = digits.first, first == 0 {
            digits.removeFirst()
            point -= 1
        }
        if digits.isEmpty { return "0" }
        // An integer written as one stays exact; anything else is shown as Excel would.
        if !exact && digits.count > significantDigits { round(&digits, &point) }
        while let last = digits.last, last == 0, digits.count > max(point, 0) { digits.removeLast() }
        if digits.isEmpty { return "0" }

        var out = negative ? "-" : ""
        let characters = digits.map { Character(Unicode.Scalar($0 + UInt8(ascii: "0"))) }
        if point <= 0 {
            out += "0." + String(repeating: "0", count: -point) + String(characters)
        } else if point >= characters.count {
            out += String(characters) + String(repeating: "0", count: point - characters.count)
        } else {
            out += String(characters[..<point]) + "." + String(characters[point...])
        }
        return out
    }

    /// Rounds half up to `significantDigits`, carrying into a new leading digit if need be.
    private static func round(_ digits: inout [UInt8], _ point: inout Int) {
        let roundUp = digits[significantDigits] >= 5
        digits.removeLast(digits.count - significantDigits)
        guard roundUp else { return }
        var index = digits.count - 1
        while index >= 0 {
            if digits[index] < 9 {
                digits[index] += 1
                return
            }
            digits[index] = 0
            index -= 1
        }
        digits.insert(1, at: 0)
        point += 1
    }
}
