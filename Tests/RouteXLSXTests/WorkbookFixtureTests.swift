import Foundation
import RouteCSV
import Testing
@testable import RouteXLSX

/// Workbooks written by real spreadsheet writers (`scripts/make-xlsx-fixtures.py`: openpyxl and
/// XlsxWriter) read to the text a person sees in them.
@Suite struct WorkbookFixtureTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    struct Row: Equatable, CustomStringConvertible {
        var number: Int
        var line: Int
        var fields: [String]
        var error: String?
        var description: String { "#\(number)@\(line) \(fields) \(error ?? "")" }
    }

    func rows(_ name: String, sheet: String? = nil) throws -> [Row] {
        let reader = try XLSXReader(path: Self.fixture(name), sheet: sheet)
        var rows: [Row] = []
        while let record = try reader.next() {
            rows.append(Row(number: record.number, line: record.line, fields: Array(record), error: record.error?.description))
        }
        return rows
    }

    @Test("the first sheet: inline strings, rich text, numbers as shown, booleans, dates, leading zeros, empty rows and cells")
    func routesSheet() throws {
        #expect(try rows("routes.xlsx") == [
            Row(number: 0, line: 1, fields: ["RouteName", "RouteType", "TrunkIp1", "TrunkPort1", "Number", "Enabled", "Since", "Extension"]),
            Row(number: 1, line: 2, fields: ["Montréal trunk", "Trunk", "10.0.0.1", "5060", "16476998778", "TRUE", "2024-03-15", "00123"]),
            // Rows 3 and 4 have styled cells but no text: skipped like blank lines.
            Row(number: 2, line: 5, fields: ["Zürich trunk", "Trunk", "", "5061", "16476998778", "FALSE", "2024-03-15T13:45:00", "007"]),
            Row(number: 3, line: 6, fields: ["São Paulo", "Trunk", "10.0.0.3", "0.3", "-12.5", "", "", "00042"]),
        ])
    }

    @Test("another sheet by name, exactly or in any case")
    func sheetByName() throws {
        let expected = [
            Row(number: 0, line: 1, fields: ["Number", "Route"]),
            Row(number: 1, line: 2, fields: ["+14165550100", "Montréal trunk"]),
            Row(number: 2, line: 3, fields: ["14165550101", "Zürich trunk"]),
        ]
        #expect(try rows("routes.xlsx", sheet: "Numbers") == expected)
        #expect(try rows("routes.xlsx", sheet: "NUMBERS") == expected)
    }

    @Test("a sheet that is not there is named with the ones that are")
    func unknownSheet() throws {
        let path = Self.fixture("routes.xlsx")
        #expect(throws: CSVFileError("read", path: path, reason: "no sheet named \"Nope\" (the sheets are \"Routes\", \"Numbers\", \"Broken\")")) {
            _ = try XLSXReader(path: path, sheet: "Nope")
        }
    }

    @Test("formulas by their saved value, from a shared strings table; an error value is the row's error")
    func savedFormulaValues() throws {
        #expect(try rows("formulas.xlsx") == [
            Row(number: 0, line: 1, fields: ["RouteName", "TrunkPort1", "Enabled", "Label"]),
            Row(number: 1, line: 2, fields: ["Ottawa trunk", "5060", "TRUE", "Ottawa trunk (main)"]),
            Row(number: 2, line: 3, fields: ["Quebec trunk", "5061", "FALSE", ""], error: "line 3: cell D3 holds the error #N/A"),
        ])
    }

    @Test("a formula without a saved value is an error for its row only")
    func formulaWithoutValue() throws {
        #expect(try rows("routes.xlsx", sheet: "Broken") == [
            Row(number: 0, line: 1, fields: ["RouteName", "TrunkPort1"]),
            Row(number: 1, line: 2, fields: ["A", ""], error: "line 2: cell B2 is a formula without a saved value "
                + "(open and save the workbook in a spreadsheet application)"),
            Row(number: 2, line: 3, fields: ["B", "5060"]),
        ])
    }

    @Test func countsLikeTheCSVReader() throws {
        let reader = try XLSXReader(path: Self.fixture("routes.xlsx"), sheet: "Broken")
        var errors: [Int] = []
        #expect(try reader.countRecords { errors.append($0.line) } == 2)
        #expect(errors == [2])
    }

    @Test("a file that is not a workbook, an old .xls, and --sheet on a CSV file are refused by name")
    func notWorkbooks() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("routexlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fake = directory.appendingPathComponent("routes.xlsx").path
        try Data("RouteName\nA\n".utf8).write(to: URL(fileURLWithPath: fake))
        #expect(throws: CSVFileError("read", path: fake, reason: "not an .xlsx workbook (it is not a ZIP archive)")) {
            _ = try InputFile.reader(fake, options: .init(), sheet: nil)
        }
        let old = directory.appendingPathComponent("routes.xls").path
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).write(to: URL(fileURLWithPath: old))
        #expect(throws: CSVFileError("read", path: old, reason: "an Excel 97-2003 workbook (.xls): save it as .xlsx or CSV")) {
            _ = try InputFile.reader(old, options: .init(), sheet: nil)
        }
        let csv = directory.appendingPathComponent("routes.csv").path
        try Data("RouteName\nA\n".utf8).write(to: URL(fileURLWithPath: csv))
        #expect(throws: CSVFileError("read", path: csv, reason: "--sheet is for .xlsx workbooks, and this is read as CSV")) {
            _ = try InputFile.reader(csv, options: .init(), sheet: "Routes")
        }
        #expect(try InputFile.reader(csv, options: .init(), sheet: nil) is CSVReader)
        #expect(try InputFile.reader(Self.fixture("routes.xlsx"), options: .init(), sheet: nil) is XLSXReader)
    }
}
