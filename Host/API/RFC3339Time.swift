import PatchbayModel

/// RFC 3339 date-times (`2026-01-31T12:00:00Z`, `0418-02-03T10:36:29.5+05:30`) as milliseconds
/// since the epoch, for every year from 0000 to 9999 the format allows: the date is counted on
/// the proleptic Gregorian calendar by arithmetic, since Foundation's parsers refuse some of them.
enum RFC3339Time {
    /// The shape the API declares for a date-time parameter; `millis` reads exactly these.
    static let pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"

    static func millis(_ text: String) -> Millis? {
        let shape = #"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"#
        guard let match = try? Regex(shape).wholeMatch(in: text) else { return nil }
        let part = { (index: Int) -> Substring? in match.output[index].substring }
        let number = { (index: Int) -> Int in Int(part(index) ?? "") ?? 0 }
        let (year, month, day) = (number(1), number(2), number(3))
        let (hour, minute, second) = (number(4), number(5), number(6))
        // 60 is a leap second, which the epoch count folds into the second before.
        guard (1...12).contains(month), (1...daysIn(month, of: year)).contains(day),
              hour < 24, minute < 60, second <= 60 else { return nil }
        let fraction = part(7).map { Int(String(($0.dropFirst() + "00").prefix(3))) ?? 0 } ?? 0
        var offset = 0
        let zone = part(8) ?? "Z"
        if zone != "Z", zone != "z" {
            let (hours, minutes) = (Int(zone.dropFirst().prefix(2)) ?? 0, Int(zone.suffix(2)) ?? 0)
            guard hours < 24, minutes < 60 else { return nil }
            offset = (hours * 60 + minutes) * (zone.first == "-" ? -1 : 1)
        }
        let seconds = daysFromEpoch(year, month, day) * 86_400 + hour * 3_600 + (minute - offset) * 60 + min(second, 59)
        return Millis(seconds) * 1_000 + Millis(fraction)
    }

    private static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to the date, counting eras of 400 years (146,097 days) from March,
    /// so that February's leap day falls at the end of each counted year.
    private static func daysFromEpoch(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
