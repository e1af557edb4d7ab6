import Foundation
import ZIPFoundation

/// For tests only: writes a minimal one-sheet workbook of inline strings, deflated, for tests too large for a
/// committed fixture. `row(n)` gives the cells of data row `n` (from 1); row 1 is `header`.
public enum SheetWriter {
    public static func write(to path: String, header: [String], rows: Int, row: (Int) -> [String]) throws {
        var sheet = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>".utf8)
        func append(_ cells: [String], number: Int) {
            var xml = "<row r=\"\(number)\">"
            for cell in cells { xml += "<c t=\"inlineStr\"><is><t>\(cell)</t></is></c>" }
            sheet.append(contentsOf: (xml + "</row>").utf8)
        }
        append(header, number: 1)
        for index in 1...rows { append(row(index), number: index + 1) }
        sheet.append(contentsOf: "</sheetData></worksheet>".utf8)
        let parts: [(String, Data)] = [
            ("xl/workbook.xml", Data("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Routes\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".utf8)),
            ("xl/_rels/workbook.xml.rels", Data("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".utf8)),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        try? FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in parts {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }
}
