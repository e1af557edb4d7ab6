/// A spreadsheet date: a count of days (and a fraction of a day) since the workbook's epoch,
/// written as ISO 8601 text.
enum SerialDate {
    /// 9999-12-31 in the 1900 system: the last date a spreadsheet can hold.
    static let maxSerial = 2_958_465.0

    /// `2024-03-15`, `13:45:00` or `2024-03-15T13:45:00`; `nil` outside the range a
    /// spreadsheet can hold.
    static func iso(_ serial: Double, uses1904Dates: Bool, hasDate: Bool, hasTime: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial <= maxSerial else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds == 86_400 {
            days += 1
            seconds = 0
        }
        let time = two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60)
        if !hasDate { return time }
        let date: String
        if uses1904Dates {
            date = civil(daysSince1970: days - 24_107)
        } else if days == 60 {
            // Lotus 1-2-3 took 1900 for a leap year and Excel kept the day for compatibility.
            date = "1900-02-29"
        } else {
            // Day 1 is 1900-01-01; from day 61 on, the fictional 29 February is counted.
            date = civil(daysSince1970: days - (days < 60 ? 25_568 : 25_569))
        }
        return hasTime ? date + "T" + time : date
    }

    /// The proleptic Gregorian date of a day count (Howard Hinnant's `civil_from_days`).
    static func civil(daysSince1970 days: Int) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return four(year) + "-" + two(month) + "-" + two(day)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private static func four(_ value: Int) -> String { String(repeating: "0", count: max(0, 4 - String(value).count)) + "\(value)" }
}
