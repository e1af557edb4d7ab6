import Foundation

/// The answer of `POST /oauth2/tokens`: camelCase keys, unlike every other Telegent body, and an
/// expiry written `MM/dd/yyyy hh:mm:ss a` in UTC.
public struct TelegentToken: Sendable, Equatable {
    public let token: String
    public let expiry: Date
    public let apiEndpoint: String?

    public init(token: String, expiry: Date, apiEndpoint: String?) {
        self.token = token
        self.expiry = expiry
        self.apiEndpoint = apiEndpoint
    }

    public init(json: JSON) throws(WireError) {
        guard let token = json.first("token", "Token")?.stringValue, !token.isEmpty else {
            let error = json.first("error", "Error")?.stringValue ?? ""
            throw .unexpected(error.isEmpty ? "the token answer has no token" : error)
        }
        // It goes into every request's Authorization header, where a line break would end the header.
        guard token.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw .unexpected("the token answer's token holds a space or a character outside printable ASCII, which a header cannot carry")
        }
        guard let text = json.first("tokenExpiry", "TokenExpiry")?.stringValue, let expiry = Self.parseExpiry(text) else {
            throw .unexpected("the token answer has no readable tokenExpiry")
        }
        self.init(token: token, expiry: expiry, apiEndpoint: json.first("apiEndpoint", "ApiEndpoint")?.stringValue)
    }

    public var json: JSON {
        .object([
            ("token", .string(token)),
            ("successful", .bool(true)),
            ("tokenExpiry", .string(Self.formatExpiry(expiry))),
            ("apiEndpoint", apiEndpoint.map(JSON.string) ?? .null),
            ("error", .string("")),
        ])
    }

    /// `05/02/2025 06:36:13 PM`, in UTC.
    public static func formatExpiry(_ date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let hour = parts.hour ?? 0
        func two(_ number: Int?) -> String { number.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        let clock = hour % 12 == 0 ? 12 : hour % 12
        return "\(two(parts.month))/\(two(parts.day))/\(parts.year ?? 1970) \(two(clock)):\(two(parts.minute)):\(two(parts.second)) \(hour < 12 ? "AM" : "PM")"
    }

    public static func parseExpiry(_ text: String) -> Date? {
        let pieces = text.split(whereSeparator: { $0 == "/" || $0 == " " || $0 == ":" })
        guard pieces.count == 7, let month = Int(pieces[0]), let day = Int(pieces[1]), let year = Int(pieces[2]),
              let clock = Int(pieces[3]), let minute = Int(pieces[4]), let second = Int(pieces[5]),
              (1...12).contains(clock) else { return nil }
        let period = pieces[6].uppercased()
        guard period == "AM" || period == "PM" else { return nil }
        let hour = clock % 12 + (period == "PM" ? 12 : 0)
        return utc.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
