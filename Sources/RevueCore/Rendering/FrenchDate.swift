import Foundation

/// Dates and times written the way a French reader expects them:
/// "mardi 23 décembre 2025", "1er janvier 2026", "08:15".
///
/// Names are computed from calendar fields rather than through a `DateFormatter`
/// locale, so the output is the same on every machine whatever locale data it ships.
public enum FrenchDate {
    public static let weekdays = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
    public static let months = [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]

    /// "mardi 23 décembre 2025".
    public static func long(_ day: DigestDay) -> String {
        "\(weekday(day)) \(dayAndMonth(day)) \(day.year)"
    }

    /// "23 décembre", "1er décembre": French writes the first day of a month as an ordinal.
    public static func dayAndMonth(_ day: DigestDay) -> String {
        let number = day.day == 1 ? "1er" : String(day.day)
        return "\(number) \(monthName(day.month))"
    }

    /// "lundi 22 décembre": a day near the digest, where the year goes without saying.
    public static func weekdayDayAndMonth(_ day: DigestDay) -> String {
        "\(weekday(day)) \(dayAndMonth(day))"
    }

    /// The weekday name of `day` in the Gregorian calendar.
    public static func weekday(_ day: DigestDay) -> String {
        weekdays[weekdayIndex(day)]
    }

    /// 0 = Sunday ... 6 = Saturday (Sakamoto's method: pure arithmetic, no calendar object).
    static func weekdayIndex(_ day: DigestDay) -> Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let month = min(max(day.month, 1), 12)
        let year = month < 3 ? day.year - 1 : day.year
        let sum = year + year / 4 - year / 100 + year / 400 + offsets[month - 1] + day.day
        return ((sum % 7) + 7) % 7
    }

    static func monthName(_ month: Int) -> String {
        months[min(max(month, 1), 12) - 1]
    }

    /// "08:15", the wall-clock time of `date` in `timeZone`.
    public static func time(_ date: Date, in timeZone: TimeZone) -> String {
        LocalTime(date, in: timeZone).clock
    }

    /// When a story was published, seen from the morning of `digestDay`:
    /// "06:40" that morning, "hier 18:40" the day before, "20 décembre 18:40" earlier
    /// (with the year only when it is not the digest's year).
    public static func publicationTime(_ date: Date, digestDay: DigestDay, in timeZone: TimeZone) -> String {
        let local = LocalTime(date, in: timeZone)
        if local.day == digestDay { return local.clock }
        if local.day == digestDay.previous { return "hier \(local.clock)" }
        return "\(dayAndMonth(local.day, relativeTo: digestDay)) \(local.clock)"
    }

    /// "20 décembre", or "20 décembre 2024" when the year differs from `reference`'s.
    public static func dayAndMonth(_ day: DigestDay, relativeTo reference: DigestDay) -> String {
        day.year == reference.year ? dayAndMonth(day) : "\(dayAndMonth(day)) \(day.year)"
    }
}

/// The wall-clock reading of an instant in a time zone, by arithmetic on the zone's
/// offset: a `Calendar` per date costs more than the rest of the rendering together.
struct LocalTime {
    var day: DigestDay
    var hour: Int
    var minute: Int

    init(_ date: Date, in timeZone: TimeZone) {
        let offset = Int64(timeZone.secondsFromGMT(for: date))
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + offset
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        day = LocalTime.civilDay(daysSinceEpoch: days)
        hour = secondOfDay / 3_600
        minute = secondOfDay % 3_600 / 60
    }

    /// "08:15".
    var clock: String { "\(LocalTime.twoDigits(hour)):\(LocalTime.twoDigits(minute))" }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Gregorian date of a day count from 1970-01-01 (H. Hinnant's civil_from_days).
    static func civilDay(daysSinceEpoch: Int64) -> DigestDay {
        let (year, month, day) = CivilCalendar.civil(fromDays: Int(daysSinceEpoch))
        return DigestDay(year: year, month: month, day: day)
    }
}
