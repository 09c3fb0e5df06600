/// ISO 8601 text for Postgres' binary dates and timestamps, which count days or microseconds
/// from 2000-01-01. Written by hand because Foundation's formatters stop at milliseconds.
enum PostgresTimeText {
    /// Days from 1970-01-01 to 2000-01-01.
    private static let epochShiftDays: Int64 = 10957

    static func date(days: Int32) -> String {
        if days == Int32.max { return "infinity" }
        if days == Int32.min { return "-infinity" }
        return civil(Int64(days) + epochShiftDays)
    }

    /// `utc` for timestamptz, which Postgres stores in UTC: it gets the `Z` suffix.
    static func timestamp(micros: Int64, utc: Bool) -> String {
        if micros == Int64.max { return "infinity" }
        if micros == Int64.min { return "-infinity" }
        let perDay: Int64 = 86_400_000_000
        let (days, remainder) = (floorDiv(micros, perDay), micros - floorDiv(micros, perDay) * perDay)
        let seconds = remainder / 1_000_000, fraction = remainder % 1_000_000
        var text = civil(days + epochShiftDays) + "T" + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        if fraction != 0 {
            text += "." + String(pad(fraction, 6).reversed().drop(while: { $0 == "0" }).reversed())
        }
        return utc ? text + "Z" : text
    }

    /// Howard Hinnant's days-from-civil inverse: days since 1970-01-01 to `yyyy-mm-dd`.
    private static func civil(_ daysSinceUnixEpoch: Int64) -> String {
        let z = daysSinceUnixEpoch + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year < 0 ? "-" : "") + pad(abs(year), 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
