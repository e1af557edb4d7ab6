import Testing
import RouteModel

/// Numbers are text from the file to the wire: E.164 or refused with the reason, never reshaped.
@Suite struct PhoneNumberTests {
    @Test func e164WithOrWithoutThePlusIsTheSameNumber() throws {
        #expect(try PhoneNumber(parsing: "+12065550100").e164 == "+12065550100")
        #expect(try PhoneNumber(parsing: "12065550100") == PhoneNumber(parsing: "+12065550100"))
        #expect(try PhoneNumber(parsing: "+12065550100").digits == "12065550100")
        #expect(try PhoneNumber(parsing: "+4930123456").e164 == "+4930123456")
        #expect(try PhoneNumber(parsing: "+123456789012345").e164.count == 16)
    }

    @Test(arguments: [
        ("1.2065550100E+10", "float"), ("12065550100.0", "float"), ("+1 206 555 0100", "without spaces or punctuation"),
        ("(206) 555-0100", "without spaces or punctuation"), ("", "empty"), ("+1234567", "8 to 15 digits, this one 7"),
        ("+1234567890123456", "this one 16"), ("+02065550100", "never 0"), ("tel:+12065550100", "expected + and 8 to 15 digits"),
        ("++12065550100", "expected + and 8 to 15 digits"), ("+１２０６５５５０１００", "expected + and 8 to 15 digits"),
    ])
    func malformedNumbersAreRefusedSayingWhy(text: String, reason: String) {
        #expect {
            _ = try PhoneNumber(parsing: text)
        } throws: { error in
            let message = (error as? PhoneNumberError)?.description ?? ""
            return message.contains(reason) && message.contains("\"\(text)\"")
        }
    }

    @Test func withoutAPlusOnlyANorthAmericanNumberIsReadButServicesMayWriteAny() throws {
        #expect(throws: PhoneNumberError.self) { try PhoneNumber(parsing: "2065550100") }
        #expect(throws: PhoneNumberError.self) { try PhoneNumber(parsing: "442071234567") }
        #expect(try PhoneNumber(parsing: "+442071234567").e164 == "+442071234567")
        #expect(try PhoneNumber(e164Digits: "442071234567").e164 == "+442071234567")
        #expect(throws: PhoneNumberError.self) { try PhoneNumber(e164Digits: "4420 7123 4567") }
    }

    @Test func routingReadsAsPeopleSayIt() {
        #expect(NumberRouting.none.description == "none")
        #expect(NumberRouting(primary: "CRID-a").description == "CRID-a")
        #expect(NumberRouting(primary: "r1", failover: "r2").description == "r1 then r2")
    }
}
