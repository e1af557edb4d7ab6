/// The text a person sees in a cell, from what the sheet stores: the cell's type (`t`), its
/// value (`<v>`), an inline string (`<is>`) and its style's number format.
struct CellText {
    let sharedStrings: [String]
    let formats: [CellFormat]
    let uses1904Dates: Bool

    /// One cell as the sheet's XML has it.
    struct Cell {
        /// `A1`, for messages.
        var reference: String
        var type: String
        var style: Int
        var value: String?
        var inline: String?
        var hasFormula: Bool
    }

    /// Why a cell has no usable text, e.g. `cell C5 holds the error #N/A`.
    struct Problem: Error {
        let reason: String
    }

    func text(of cell: Cell) -> Result<String, Problem> {
        switch cell.type {
        case "s":
            guard let value = cell.value, let index = Int(value), sharedStrings.indices.contains(index) else {
                return .failure(Problem(reason: "cell \(cell.reference) refers to shared string \(cell.value ?? "(none)"), "
                    + "but the workbook has \(sharedStrings.count)"))
            }
            return .success(sharedStrings[index])
        case "inlineStr":
            return .success(cell.inline ?? "")
        case "str", "d":
            return .success(cell.value ?? "")
        case "b":
            switch cell.value {
            case "1": return .success("TRUE")
            case "0": return .success("FALSE")
            default: return .failure(Problem(reason: "cell \(cell.reference) is a boolean of value \"\(cell.value ?? "")\""))
            }
        case "e":
            return .failure(Problem(reason: "cell \(cell.reference) holds the error \(cell.value ?? "")"))
        default:
            // openpyxl writes a formula it cannot compute as an empty `<v/>`.
            guard let value = cell.value, !value.isEmpty else {
                if cell.hasFormula {
                    return .failure(Problem(reason: "cell \(cell.reference) is a formula without a saved value "
                        + "(open and save the workbook in a spreadsheet application)"))
                }
                return .success("")
            }
            return .success(number(value, style: cell.style))
        }
    }

    /// A number as its format shows it.
    private func number(_ value: String, style: Int) -> String {
        let format = formats.indices.contains(style) ? formats[style] : .general
        switch format {
        case .date(let hasDate, let hasTime):
            if let serial = Double(value),
               let text = SerialDate.iso(serial, uses1904Dates: uses1904Dates, hasDate: hasDate, hasTime: hasTime) {
                return text
            }
        case .zeroPadded(let digits):
            if let plain = DecimalText.plain(value), plain.allSatisfy(\.isASCIIDigit), plain.count < digits {
                return String(repeating: "0", count: digits - plain.count) + plain
            }
        case .general, .text:
            break
        }
        return DecimalText.plain(value) ?? value
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
