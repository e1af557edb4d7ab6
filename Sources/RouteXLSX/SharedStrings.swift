import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The workbook's table of strings (`xl/sharedStrings.xml`), which string cells point into by
/// index. It is the one part held in memory, as every reader of the format does: a cell may
/// refer to any entry. Its size is limited so that a hostile file cannot take all memory.
enum SharedStrings {
    /// 256 MiB of text: hundreds of times a large route list.
    static let maxBytes = 256 << 20

    static func read(_ archive: Archive) throws(EntryXML.Failure) -> [String] {
        guard archive["xl/sharedStrings.xml"] != nil else { return [] }
        let events = Events()
        do {
            try EntryXML.parse("xl/sharedStrings.xml", in: archive, delegate: events)
        } catch {
            if events.tooLarge {
                throw EntryXML.Failure(description: "xl/sharedStrings.xml holds more than \(maxBytes >> 20) MiB of text")
            }
            throw error
        }
        return events.strings
    }

    /// `<si>` holds the string, in one `<t>` or in rich-text runs `<r><t>`; the phonetic
    /// guides in `<rPh>` are not part of it.
    private final class Events: NSObject, XMLParserDelegate {
        var strings: [String] = []
        var tooLarge = false
        private var text = RichText()
        private var bytes = 0

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String]) {
            let name = XMLName.local(elementName)
            if name == "si" { text = RichText() }
            text.start(name)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text.append(string)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            let name = XMLName.local(elementName)
            text.end(name)
            guard name == "si" else { return }
            bytes += text.value.utf8.count
            if bytes > SharedStrings.maxBytes {
                tooLarge = true
                parser.abortParsing()
            }
            strings.append(text.value)
        }
    }
}
