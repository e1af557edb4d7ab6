import Testing
@testable import RouteXLSX

/// Numbers, dates and formats as a person sees them, without a workbook.
@Suite struct CellTextTests {
    @Test(arguments: [
        ("5060", "5060"), ("5060.0", "5060"), ("16476998778", "16476998778"), ("1.6476998778E10", "16476998778"),
        ("1.6476998778e+10", "16476998778"), ("0.30000000000000004", "0.3"), ("-12.5", "-12.5"), ("1E-3", "0.001"),
        ("0", "0"), ("-0", "0"), ("100", "100"), ("1.50", "1.5"), ("0.000123", "0.000123"), ("007", "7"),
        // An integer written out in full keeps every digit; one written as a float is shown to 15.
        ("12345678901234567", "12345678901234567"), ("1.2345678901234567E16", "12345678901234600"),
        ("9.9999999999999999", "10"),
    ])
    func plainDecimals(_ stored: String, _ shown: String) {
        #expect(DecimalText.plain(stored) == shown)
    }

    @Test(arguments: ["", ".", "abc", "1e999", "12abc", "1E", "--1", "0x10"])
    func notNumbers(_ text: String) {
        #expect(DecimalText.plain(text) == nil)
    }

    @Test func serialDates() {
        func iso(_ serial: Double, date: Bool = true, time: Bool = false, in1904: Bool = false) -> String? {
            SerialDate.iso(serial, uses1904Dates: in1904, hasDate: date, hasTime: time)
        }
        #expect(iso(45366) == "2024-03-15")
        #expect(iso(45366.57291666666, time: true) == "2024-03-15T13:45:00")
        #expect(iso(1) == "1900-01-01")
        #expect(iso(59) == "1900-02-28")
        #expect(iso(60) == "1900-02-29")
        #expect(iso(61) == "1900-03-01")
        #expect(iso(25569) == "1970-01-01")
        #expect(iso(2_958_465) == "9999-12-31")
        #expect(iso(0, in1904: true) == "1904-01-01")
        #expect(iso(43904, in1904: true) == "2024-03-15")
        #expect(iso(0.5, date: false, time: true) == "12:00:00")
        #expect(iso(0.999999999, time: true) == "1900-01-01T00:00:00")
        #expect(iso(-1) == nil)
        #expect(iso(3_000_000) == nil)
        #expect(iso(.nan) == nil)
    }

    @Test func formats() {
        #expect(CellFormat(id: 14, code: nil) == .date(hasDate: true, hasTime: false))
        #expect(CellFormat(id: 22, code: nil) == .date(hasDate: true, hasTime: true))
        #expect(CellFormat(id: 20, code: nil) == .date(hasDate: false, hasTime: true))
        #expect(CellFormat(id: 49, code: nil) == .text)
        #expect(CellFormat(id: 2, code: nil) == .general)
        #expect(CellFormat(code: "yyyy-mm-dd") == .date(hasDate: true, hasTime: false))
        #expect(CellFormat(code: "dd/mm/yyyy hh:mm") == .date(hasDate: true, hasTime: true))
        #expect(CellFormat(code: "mm:ss") == .date(hasDate: false, hasTime: true))
        #expect(CellFormat(code: "[$-409]mmmm d, yyyy;@") == .date(hasDate: true, hasTime: false))
        #expect(CellFormat(code: "@") == .text)
        #expect(CellFormat(code: "00000") == .zeroPadded(digits: 5))
        for general in ["General", "0.00", "#,##0", "[Red]0.00", "\"Days\" 0", "0.00E+00", "0", "\\d0"] {
            #expect(CellFormat(code: general) == .general, "\(general)")
        }
    }

    @Test func cells() {
        let text = CellText(sharedStrings: ["a", "b"], formats: [.general, .zeroPadded(digits: 5), .date(hasDate: true, hasTime: false)],
                            uses1904Dates: false)
        func cell(_ type: String, _ value: String?, style: Int = 0, formula: Bool = false) -> String {
            let cell = CellText.Cell(reference: "B7", type: type, style: style, value: value, inline: nil, hasFormula: formula)
            switch text.text(of: cell) {
            case .success(let shown): return shown
            case .failure(let problem): return "error: " + problem.reason
            }
        }
        #expect(cell("s", "1") == "b")
        #expect(cell("s", "2") == "error: cell B7 refers to shared string 2, but the workbook has 2")
        #expect(cell("s", "-1") == "error: cell B7 refers to shared string -1, but the workbook has 2")
        #expect(cell("b", "1") == "TRUE")
        #expect(cell("b", "2") == "error: cell B7 is a boolean of value \"2\"")
        #expect(cell("n", "42", style: 1) == "00042")
        #expect(cell("n", "123456", style: 1) == "123456")
        #expect(cell("n", "45366", style: 2) == "2024-03-15")
        #expect(cell("n", "45366", style: 99) == "45366")
        #expect(cell("n", nil) == "")
        #expect(cell("n", "", formula: true).hasPrefix("error: cell B7 is a formula without a saved value"))
        #expect(cell("e", "#DIV/0!") == "error: cell B7 holds the error #DIV/0!")
        #expect(cell("str", "x") == "x")
    }

    @Test func references() {
        #expect(CellReference.column(of: "A1") == 0)
        #expect(CellReference.column(of: "AB12") == 27)
        #expect(CellReference.column(of: "XFD1048576") == 16_383)
        #expect(CellReference.column(of: "XFE1") == nil)
        #expect(CellReference.column(of: "ZZZZ1") == nil)
        #expect(CellReference.column(of: "12") == nil)
        #expect(CellReference.name(ofColumn: 0) == "A")
        #expect(CellReference.name(ofColumn: 27) == "AB")
        #expect(CellReference.name(ofColumn: 16_383) == "XFD")
    }
}
