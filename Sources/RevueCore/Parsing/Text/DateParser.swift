import Foundation

/// Reads the dates feeds and pages write: RFC 822 and its usual violations, RFC 3339 and
/// ISO 8601 (partial W3C forms, ordinal and week dates, the two-digit-year forms of
/// ISO 8601:1988), asctime, named and numeric zones, and month names in the languages of
/// `DateVocabulary`.
///
/// A date field is read whole or not at all: a component that is there but cannot be read
/// ("09:xx", "+zz:00", "1:2:3:4", an offset of -99:99, an unknown word) makes the date nil,
/// never midnight, UTC or "now". An undated story is honest; a wrongly dated one lands on the
/// wrong day of the digest. Leniency is kept for what real feeds write: missing seconds,
/// single-digit fields, two-digit years, a missing or wrong weekday, zone names, "GMT+2",
/// stray commas, day and month in either order.
///
/// Hand-written on Unicode scalars, no DateFormatter: it runs for every item.
public enum DateParser {
    /// The moment a date field names, or nil if it names none or holds anything unreadable.
    public static func parse(_ text: String) -> Date? {
        if let fast = parseRFC822Exact(text) ?? parseRFC3339Exact(text) { return fast }
        guard let scalars = trimmed(text) else { return nil }
        if let iso = parseISO(scalars) { return iso }
        return parseWritten(scalars, inProse: false)
    }

    /// The date in a line of page text, such as "Publié dans Barlamane le 23 - 11 - 2021":
    /// words that belong to no date are passed over, but the date's own parts must be readable.
    public static func find(inProse text: String) -> Date? {
        guard let scalars = trimmed(text) else { return nil }
        if let iso = parseISO(scalars) { return iso }
        return parseWritten(scalars, inProse: true)
    }

    static func trimmed(_ text: String) -> [Unicode.Scalar]? {
        var scalars = Array(text.unicodeScalars)
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.value <= 0x20 || s.value == 0xA0 || (s.value > 0x7F && s.properties.isWhitespace) }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        var start = 0
        while start < scalars.count, isSpace(scalars[start]) { start += 1 }
        if start > 0 { scalars.removeFirst(start) }
        guard !scalars.isEmpty, scalars.count < 200 else { return nil }
        return scalars
    }

    // MARK: The two forms almost every feed writes

    /// The number written by the `count` ASCII digits at `start`, or nil.
    @inline(__always)
    static func fixedDigits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var v = 0
        for k in start..<(start + count) {
            let d = b[k] &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    /// The offset of a numeric zone, or nil outside the zones that exist (-12:00 to +14:00,
    /// read generously as up to 14 hours either way).
    static func zoneOffset(negative: Bool, hours: Int, minutes: Int) -> Int? {
        guard hours <= 14, minutes <= 59 else { return nil }
        return (negative ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    /// "Sun, 29 Nov 2026 20:48:36 GMT" or "+0100", read straight from the bytes; anything
    /// else goes to the general parser.
    static func parseRFC822Exact(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b.count >= 29, b.count <= 31, b[3] == 0x2C, b[4] == 0x20, b[7] == 0x20, b[11] == 0x20,
                  b[16] == 0x20, b[19] == 0x3A, b[22] == 0x3A, b[25] == 0x20,
                  PlainText.isASCIILetter(b[0]), PlainText.isASCIILetter(b[1]), PlainText.isASCIILetter(b[2]) else { return nil }
            func num(_ i: Int, _ n: Int) -> Int? { fixedDigits(b, i, n) }
            let m0 = b[8] | 0x20, m1 = b[9] | 0x20, m2 = b[10] | 0x20
            let key = UInt32(m0) << 16 | UInt32(m1) << 8 | UInt32(m2)
            let month: Int
            switch key {
            case 0x6A616E: month = 1; case 0x666562: month = 2; case 0x6D6172: month = 3; case 0x617072: month = 4
            case 0x6D6179: month = 5; case 0x6A756E: month = 6; case 0x6A756C: month = 7; case 0x617567: month = 8
            case 0x736570: month = 9; case 0x6F6374: month = 10; case 0x6E6F76: month = 11; case 0x646563: month = 12
            default: return nil
            }
            guard let day = num(5, 2), let year = num(12, 4), let h = num(17, 2), let mi = num(20, 2), let s = num(23, 2)
            else { return nil }
            var offset = 0
            let zone = UnsafeBufferPointer(rebasing: b[26...])
            if zone.count == 5, zone[0] == 0x2B || zone[0] == 0x2D {
                guard let hh = num(27, 2), let mm = num(29, 2),
                      let east = zoneOffset(negative: zone[0] == 0x2D, hours: hh, minutes: mm) else { return nil }
                offset = east
            } else if zone.count == 3, zone[0] == 0x47, zone[1] == 0x4D, zone[2] == 0x54 {
                offset = 0
            } else if zone.count == 3, zone[0] == 0x55, zone[1] == 0x54, zone[2] == 0x43 {
                offset = 0
            } else {
                return nil
            }
            return civil(year, month, day, h, mi, s, offset)
        }
    }

    /// The form Atom feeds write, "2026-11-29T20:57:40Z" or "...+01:00", read straight from
    /// the bytes with the same result as `parseISO`; anything else goes to the general parser.
    static func parseRFC3339Exact(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b.count == 20 || b.count == 25, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A,
                  b[16] == 0x3A else { return nil }
            func num(_ i: Int, _ n: Int) -> Int? { fixedDigits(b, i, n) }
            guard let year = num(0, 4), let month = num(5, 2), let day = num(8, 2), let h = num(11, 2),
                  let mi = num(14, 2), let s = num(17, 2) else { return nil }
            var offset = 0
            if b.count == 20 {
                guard b[19] == 0x5A else { return nil }
            } else {
                guard b[19] == 0x2B || b[19] == 0x2D, b[22] == 0x3A, let oh = num(20, 2), let om = num(23, 2),
                      let east = zoneOffset(negative: b[19] == 0x2D, hours: oh, minutes: om) else { return nil }
                offset = east
            }
            return civil(year, month, day, h, mi, s, offset)
        }
    }

    // MARK: ISO 8601, RFC 3339, W3C-DTF

    /// Calendar ("2003-12-31", "20031231"), ordinal ("2003-335") and week ("2003-W49-1")
    /// dates, alone or with a time and zone, and the two-digit-year forms of ISO 8601:1988.
    /// Nil when the text is not one of these; the written-date reader then tries it.
    static func parseISO(_ s: [Unicode.Scalar]) -> Date? {
        if let short = parseTwoDigitYearISO(s) { return short }
        var i = 0
        func digitCount(from start: Int) -> Int {
            var j = start
            while j < s.count, isASCIIDigit(s[j]) { j += 1 }
            return j - start
        }
        func digits(_ count: Int) -> Int? {
            guard i + count <= s.count else { return nil }
            var v = 0
            for k in 0..<count {
                guard isASCIIDigit(s[i + k]), let d = digitValue(s[i + k]) else { return nil }
                v = v * 10 + d
            }
            i += count
            return v
        }
        func peek(_ c: Unicode.Scalar) -> Bool { i < s.count && s[i] == c }

        let leadingDigits = digitCount(from: 0)
        guard leadingDigits >= 4, leadingDigits <= 8, let year = digits(4) else { return nil }
        if i == s.count { return civil(year, 1, 1, 0, 0, 0, 0) }  // "2003"
        var date: (year: Int, month: Int, day: Int)
        let extended = peek("-")
        if extended { i += 1 }
        if peek("W") {
            // Week date: "2003-W49-1", "2003W491", "2003-W49" (its Monday).
            i += 1
            guard let week = digits(2) else { return nil }
            var weekday = 1
            if extended ? peek("-") : (i < s.count && isASCIIDigit(s[i])) {
                if extended { i += 1 }
                guard let d = digits(1) else { return nil }
                weekday = d
            }
            guard let days = weekDateDays(year, week, weekday) else { return nil }
            date = CivilCalendar.civil(fromDays: days)
        } else {
            let run = digitCount(from: i)
            if run == 3 && !(extended && i + 3 < s.count && s[i + 3] == "-") {
                // Ordinal date: "2003-335", "2003335".
                guard let ordinal = digits(3), ordinal >= 1, ordinal <= (daysIn(2, year) == 29 ? 366 : 365) else { return nil }
                date = CivilCalendar.civil(fromDays: daysFromCivil(year, 1, 1) + ordinal - 1)
            } else if extended, run == 2 || (run == 3 && s[i] == "0") {
                // "2003-12-31"; "2003-012-31" (an extra zero some generators wrote).
                guard let month = digits(run) else { return nil }
                if i == s.count { return civil(year, month, 1, 0, 0, 0, 0) }  // "2003-12"
                guard peek("-") else { return nil }
                i += 1
                guard let day = digits(2) else { return nil }
                date = (year, month, day)
            } else if !extended, run == 4, let month = digits(2), let day = digits(2) {
                date = (year, month, day)  // "20031231"
            } else {
                return nil
            }
        }
        var hour = 0, minute = 0, second = 0
        var offset = 0
        if i < s.count {
            guard s[i] == "T" || s[i] == "t" || s[i] == " " else { return nil }
            i += 1
            guard let h = digits(2) else { return nil }
            hour = h
            let separated = peek(":")
            if separated { i += 1 }
            guard let mi = digits(2) else { return nil }
            minute = mi
            if peek(":") || (!separated && i < s.count && isASCIIDigit(s[i])) {
                if peek(":") { i += 1 }
                guard let se = digits(2) else { return nil }
                second = se
            }
            if (peek(".") || peek(",")), i + 1 < s.count, isASCIIDigit(s[i + 1]) {
                i += 1
                while i < s.count, isASCIIDigit(s[i]) { i += 1 }
            }
            while peek(" ") { i += 1 }
            if i < s.count {
                if s[i] == "Z" || s[i] == "z" {
                    i += 1
                } else if s[i] == "+" || s[i] == "-" {
                    let negative = s[i] == "-"
                    i += 1
                    guard let oh = digits(2) else { return nil }
                    var om = 0
                    if peek(":") {
                        i += 1
                        guard let m = digits(2) else { return nil }
                        om = m
                    } else if i < s.count {
                        guard let m = digits(2) else { return nil }
                        om = m
                    }
                    guard let zone = zoneOffset(negative: negative, hours: oh, minutes: om) else { return nil }
                    offset = zone
                } else {
                    var name = String.UnicodeScalarView()
                    while i < s.count, s[i].properties.isAlphabetic { name.append(s[i]); i += 1 }
                    guard let zone = DateVocabulary.zoneNames[String(name).lowercased()] else { return nil }
                    offset = zone
                }
                guard i == s.count else { return nil }
            }
        }
        return civil(date.year, date.month, date.day, hour, minute, second, offset)
    }

    /// ISO 8601:1988's forms with a two-digit year, date only: "031231", "03-12-31" (calendar),
    /// "-0312", "-03-12" (year and month), "03-335" (ordinal). A bare five-digit number
    /// ("03335", "22013") is not read: it is as likely a truncated year as a date.
    static func parseTwoDigitYearISO(_ s: [Unicode.Scalar]) -> Date? {
        guard s.count >= 5, s.count <= 8 else { return nil }
        var pattern = ""
        var values: [Int] = []
        for c in s {
            if let d = digitValue(c), isASCIIDigit(c) { pattern.append("d"); values.append(d) }
            else if c == "-" { pattern.append("-") }
            else { return nil }
        }
        func number(_ from: Int, _ count: Int) -> Int { values[from..<(from + count)].reduce(0) { $0 * 10 + $1 } }
        switch pattern {
        case "dddddd", "dd-dd-dd":
            return civil(twoDigitYear(number(0, 2)), number(2, 2), number(4, 2), 0, 0, 0, 0)
        case "-dddd", "-dd-dd":
            return civil(twoDigitYear(number(0, 2)), number(2, 2), 1, 0, 0, 0, 0)
        case "dd-ddd":
            let year = twoDigitYear(number(0, 2)), ordinal = number(2, 3)
            guard ordinal >= 1, ordinal <= (daysIn(2, year) == 29 ? 366 : 365) else { return nil }
            let c = CivilCalendar.civil(fromDays: daysFromCivil(year, 1, 1) + ordinal - 1)
            return civil(c.year, c.month, c.day, 0, 0, 0, 0)
        default:
            return nil
        }
    }

    /// Days since 1970-01-01 of day `weekday` (Monday 1) of ISO week `week` of `year`.
    static func weekDateDays(_ year: Int, _ week: Int, _ weekday: Int) -> Int? {
        guard week >= 1, week <= 53, weekday >= 1, weekday <= 7 else { return nil }
        // Week 1 is the week with the year's first Thursday, so the week of 4 January.
        let january4 = daysFromCivil(year, 1, 4)
        let january4Weekday = ((january4 % 7 + 7) % 7 + 3) % 7 + 1  // 1970-01-01 was a Thursday
        let firstMonday = january4 - (january4Weekday - 1)
        if week == 53, CivilCalendar.civil(fromDays: firstMonday + 52 * 7 + 3).year != year { return nil }
        return firstMonday + (week - 1) * 7 + (weekday - 1)
    }

    /// Two-digit years: 00-49 are 2000-2049, 50-99 are 1950-1999.
    static func twoDigitYear(_ v: Int) -> Int { v < 50 ? 2000 + v : 1900 + v }

    // MARK: Helpers

    @inline(__always)
    static func digitValue(_ c: Unicode.Scalar) -> Int? {
        let v = c.value
        if v >= 0x30 && v <= 0x39 { return Int(v - 0x30) }
        if v >= 0x660 && v <= 0x669 { return Int(v - 0x660) }  // Arabic-Indic
        if v >= 0x6F0 && v <= 0x6F9 { return Int(v - 0x6F0) }  // Extended Arabic-Indic
        return nil
    }

    /// A validated civil time with a UTC offset in seconds, as a Date.
    static func civil(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int, _ offset: Int) -> Date? {
        guard let t = epochSeconds(y, m, d, h, mi, s, offset) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(t))
    }

    /// Seconds since 1970 of a civil time, or nil if a field is out of its range or the moment
    /// falls outside years 1...9999. "24:00:00" is the end of the day; a leap second is read
    /// as the second before it.
    static func epochSeconds(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int, _ offset: Int) -> Int? {
        guard y >= 1 && y <= 9999, m >= 1 && m <= 12, d >= 1 && d <= daysIn(m, y),
              h >= 0 && h <= 23 || (h == 24 && mi == 0 && s == 0), mi >= 0 && mi <= 59, s >= 0 && s <= 60 else { return nil }
        let t = daysFromCivil(y, m, d) * 86400 + h * 3600 + mi * 60 + min(s, 59) - offset
        guard t >= earliestSeconds, t < latestSeconds else { return nil }
        return t
    }

    /// 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z.
    static let earliestSeconds = -62_135_596_800
    static let latestSeconds = 253_402_300_800

    @inline(__always)
    static func isASCIIDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    static func daysIn(_ m: Int, _ y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// "2025-12-23T08:15:00Z" for a date, by hand (fast, always UTC).
    public static func iso8601(_ date: Date) -> String {
        guard let c = civilFields(date) else { return "" }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = c.year < 1000 ? String(repeating: "0", count: 4 - String(c.year).count) + String(c.year) : String(c.year)
        return "\(year)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
    }

    struct CivilFields { var year, month, day, hour, minute, second: Int }

    /// UTC calendar fields of a date in years 0...9999 (H. Hinnant's civil_from_days).
    static func civilFields(_ date: Date) -> CivilFields? {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, seconds > -62_167_219_200, seconds < 253_402_300_800 else { return nil }
        let t = Int(seconds)
        var days = t / 86400
        var secs = t % 86400
        if secs < 0 { secs += 86400; days -= 1 }
        let (y, m, d) = CivilCalendar.civil(fromDays: days)
        return CivilFields(year: y, month: m, day: d, hour: secs / 3600, minute: secs % 3600 / 60, second: secs % 60)
    }
}
