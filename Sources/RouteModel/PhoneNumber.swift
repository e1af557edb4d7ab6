/// A phone number in E.164: `+` and 8 to 15 digits, the first not 0. Kept as text from the file
/// to the wire and back, never as a number: a spreadsheet's float or a trimmed digit would point
/// someone else's line at a route.
public struct PhoneNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `+12065550100`: Telegent's form, and the one routectl shows.
    public let e164: String

    /// Accepts `+12065550100`, or a North American number as Flowroute writes it, `12065550100`.
    /// Anything else is refused with what was expected: separators, a float a spreadsheet made of
    /// the column, too few or too many digits, and digits without `+` that are not `1` and ten
    /// more — `2065550100` would otherwise be read as a number in Egypt (+20).
    public init(parsing text: String) throws(PhoneNumberError) {
        try self.init(text, plusOptional: false)
        if !text.hasPrefix("+"), !(text.utf8.count == 11 && text.hasPrefix("1")) {
            throw PhoneNumberError(text: text, problem: "without + only a North American number is read, 1 and 10 digits "
                + "(12065550100); write any other with + and its country code")
        }
    }

    /// A number as the services write it: the E.164 digits, with or without `+`, whatever the
    /// country (Flowroute's `12065550100`, `442071234567`).
    public init(e164Digits text: String) throws(PhoneNumberError) {
        try self.init(text, plusOptional: true)
    }

    private init(_ text: String, plusOptional: Bool) throws(PhoneNumberError) {
        let digits = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw PhoneNumberError(text: text, problem: Self.problem(with: text))
        }
        guard (8...15).contains(digits.utf8.count), digits.first != "0" else {
            let problem = digits.first == "0"
                ? "an E.164 number starts with its country code, never 0"
                : "an E.164 number has 8 to 15 digits, this one \(digits.utf8.count)"
            throw PhoneNumberError(text: text, problem: problem)
        }
        e164 = "+" + digits
    }

    /// The digits without `+`: Flowroute's paths and bodies.
    public var digits: String { String(e164.dropFirst()) }

    public var description: String { e164 }

    public static func < (a: PhoneNumber, b: PhoneNumber) -> Bool { a.e164 < b.e164 }

    private static func problem(with text: String) -> String {
        if text.isEmpty { return "it is empty" }
        let floatCharacters = "0123456789.eE+-"
        if text.allSatisfy({ floatCharacters.contains($0) }), text.contains(where: { $0 == "." || $0 == "E" || $0 == "e" }) {
            return "it looks like a spreadsheet turned the number into a float: format the column as text"
        }
        if text.contains(where: { " -().".contains($0) }) {
            return "write it without spaces or punctuation, e.g. +12065550100"
        }
        return "expected + and 8 to 15 digits, e.g. +12065550100"
    }
}

/// Why a phone number was refused, worded for the person fixing the file.
public struct PhoneNumberError: Error, Equatable, Sendable, CustomStringConvertible {
    public let text: String
    public let problem: String

    public var description: String { "\"\(text)\" is not a phone number: \(problem)" }
}

/// Where a number's calls go: the ids of its routes (for Flowroute v1, their names). Telegent
/// has one voice route per number; Flowroute a primary and an optional failover, tried in order.
public struct NumberRouting: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var primary: String?
    public var failover: String?

    public init(primary: String?, failover: String? = nil) {
        self.primary = primary
        self.failover = failover
    }

    public static let none = NumberRouting(primary: nil)

    /// `CRID-…`, `r1 then r2`, or `none`: for messages and tables.
    public var description: String {
        switch (primary, failover) {
        case (nil, nil): "none"
        case (let primary?, nil): primary
        case (let primary, let failover?): "\(primary ?? "none") then \(failover)"
        }
    }
}
