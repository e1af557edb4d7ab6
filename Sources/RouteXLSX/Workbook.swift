import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// What `xl/workbook.xml` and its relationships say: the sheets in order, where each one's XML
/// is, and the date system.
struct Workbook {
    struct Sheet: Equatable {
        let name: String
        /// The part inside the archive, e.g. `xl/worksheets/sheet1.xml`.
        let path: String
    }

    let sheets: [Sheet]
    /// Dates count from 1904-01-01 (old Mac Excel) rather than 1900-01-01.
    let uses1904Dates: Bool

    static func read(_ archive: Archive) throws(EntryXML.Failure) -> Workbook {
        let book = BookEvents()
        try EntryXML.parse("xl/workbook.xml", in: archive, delegate: book)
        let relationships = RelationshipEvents()
        try EntryXML.parse("xl/_rels/workbook.xml.rels", in: archive, delegate: relationships)
        var sheets: [Sheet] = []
        for (name, id) in book.sheets {
            guard let target = relationships.targets[id] else {
                throw EntryXML.Failure(description: "sheet \"\(name)\" has no part in xl/_rels/workbook.xml.rels")
            }
            sheets.append(Sheet(name: name, path: resolve(target)))
        }
        return Workbook(sheets: sheets, uses1904Dates: book.uses1904Dates)
    }

    /// A relationship target is relative to `xl/`, or absolute from the archive's root.
    static func resolve(_ target: String) -> String {
        target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    private final class BookEvents: NSObject, XMLParserDelegate {
        var sheets: [(name: String, id: String)] = []
        var uses1904Dates = false

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String]) {
            switch XMLName.local(elementName) {
            case "sheet":
                if let name = attributes["name"], let id = XMLName.attribute("id", in: attributes) { sheets.append((name, id)) }
            case "workbookPr":
                uses1904Dates = ["1", "true"].contains(attributes["date1904"] ?? "")
            default:
                break
            }
        }
    }

    private final class RelationshipEvents: NSObject, XMLParserDelegate {
        var targets: [String: String] = [:]

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String]) {
            if XMLName.local(elementName) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
                targets[id] = target
            }
        }
    }
}
