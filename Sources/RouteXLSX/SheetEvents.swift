import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Turns a worksheet's XML events into rows: `<row r="5">` holds `<c r="C5" t="s" s="1">` cells
/// whose value is in `<v>`, or in `<is><t>` for an inline string; `<f>` marks a formula, whose
/// `<v>` is the value it last computed. Rows with no text are dropped, like blank lines.
final class SheetEvents: NSObject, XMLParserDelegate {
    private let cellText: CellText
    /// Hands a row on; `false` means nobody wants more.
    private let emit: (SheetRow) -> Bool
    /// The parse was stopped because the reader went away.
    private(set) var stopped = false

    private var rowNumber = 0
    private var cells: [(column: Int, text: String)] = []
    private var problem: (column: Int, reason: String)?
    private var nextColumn = 0

    private var cell: CellText.Cell?
    private var column = 0
    private var inValue = false
    private var inInline = false
    private var inline = RichText()

    init(cellText: CellText, emit: @escaping (SheetRow) -> Bool) {
        self.cellText = cellText
        self.emit = emit
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String]) {
        let name = XMLName.local(elementName)
        switch name {
        case "row":
            let number = attributes["r"].flatMap(Int.init)
            rowNumber = number.flatMap { (1...CellReference.maxRows).contains($0) ? $0 : nil } ?? rowNumber + 1
            cells.removeAll(keepingCapacity: true)
            problem = nil
            nextColumn = 0
        case "c":
            let reference = attributes["r"]
            column = reference.flatMap(CellReference.column(of:)) ?? nextColumn
            let style = attributes["s"].flatMap(Int.init) ?? 0
            cell = CellText.Cell(reference: CellReference.name(ofColumn: column) + String(rowNumber),
                                 type: attributes["t"] ?? "n", style: max(style, 0), value: nil, inline: nil, hasFormula: false)
        case "v":
            inValue = true
            cell?.value = ""
        case "f":
            cell?.hasFormula = true
        case "is":
            inInline = true
            inline = RichText()
        default:
            if inInline { inline.start(name) }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue {
            cell?.value? += string
        } else if inInline {
            inline.append(string)
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        let name = XMLName.local(elementName)
        switch name {
        case "v":
            inValue = false
        case "is":
            inInline = false
            cell?.inline = inline.value
        case "c":
            guard let cell else { return }
            switch cellText.text(of: cell) {
            case .success(let text):
                if !text.isEmpty { cells.append((column, text)) }
            case .failure(let failure):
                if problem == nil { problem = (column, failure.reason) }
            }
            nextColumn = min(column + 1, CellReference.maxColumns - 1)
            self.cell = nil
        case "row":
            guard !cells.isEmpty || problem != nil else { return }
            let width = max(cells.map(\.column).max().map { $0 + 1 } ?? 0, problem.map { $0.column + 1 } ?? 0)
            var fields = Array(repeating: "", count: width)
            for (column, text) in cells { fields[column] = text }
            if !emit(SheetRow(number: rowNumber, fields: fields, problem: problem)) {
                stopped = true
                parser.abortParsing()
            }
        default:
            if inInline { inline.end(name) }
        }
    }
}
