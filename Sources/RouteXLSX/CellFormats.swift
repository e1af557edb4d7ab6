import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The format of each cell style (`xl/styles.xml`): a cell's `s` attribute is an index into
/// `<cellXfs>`, whose `numFmtId` is built in or defined in `<numFmts>`.
enum CellFormats {
    static func read(_ archive: Archive) throws(EntryXML.Failure) -> [CellFormat] {
        guard archive["xl/styles.xml"] != nil else { return [] }
        let events = Events()
        try EntryXML.parse("xl/styles.xml", in: archive, delegate: events)
        return events.styleFormatIDs.map { CellFormat(id: $0, code: events.codes[$0]) }
    }

    private final class Events: NSObject, XMLParserDelegate {
        var codes: [Int: String] = [:]
        var styleFormatIDs: [Int] = []
        private var inCellStyles = false

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String]) {
            switch XMLName.local(elementName) {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { codes[id] = code }
            case "cellXfs":
                inCellStyles = true
            case "xf" where inCellStyles:
                styleFormatIDs.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            if XMLName.local(elementName) == "cellXfs" { inCellStyles = false }
        }
    }
}
