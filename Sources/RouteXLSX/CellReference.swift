/// `C5` → column 2 (from 0); references are range-checked against what a sheet can hold.
enum CellReference {
    /// `XFD`: 16,384 columns.
    static let maxColumns = 16_384
    static let maxRows = 1_048_576

    /// The column of a reference such as `AB12`, or `nil` when it is not one within the sheet.
    static func column(of reference: String) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference.utf8 {
            guard byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            letters += 1
            guard letters <= 3 else { return nil }
        }
        guard letters > 0, column <= maxColumns else { return nil }
        return column - 1
    }

    /// `A`, `Z`, `AA`… for column index `column` (from 0).
    static func name(ofColumn column: Int) -> String {
        var number = column + 1
        var name = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(ascii: "A") + UInt8(remainder))) + name
            number = (number - 1) / 26
        }
        return name
    }
}
