import Foundation

/// Reads the dates feeds and pages write: RFC 822 and its usual violations, RFC 3339 and
/// ISO 8601 (with partial W3C forms), named and numeric zones, French, Spanish, English and
/// Arabic month names, and page dates such as "Publié dans Barlamane le 23 - 11 - 2021".
///
/// Hand-written on Unicode scalars, no DateFormatter: it runs for every item.
public enum DateParser {
    /// The moment `text` names, or nil if it names none (never "now").
    public static func parse(_ text: String) -> Date? {
        if let fast = parseRFC822Exact(text) ?? parseRFC3339Exact(text) { return fast }
        var scalars = Array(text.unicodeScalars)
        // Trim.
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.value <= 0x20 || s.value == 0xA0 || (s.value > 0x7F && s.properties.isWhitespace) }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        var start = 0
        while start < scalars.count, isSpace(scalars[start]) { start += 1 }
        if start > 0 { scalars.removeFirst(start) }
        guard !scalars.isEmpty, scalars.count < 200 else { return nil }
        if let iso = parseISO(scalars) { return iso }
        return parseLoose(scalars)
    }

    /// The form almost every RSS feed writes, "Sun, 29 Nov 2026 20:48:36 GMT" or "+0100",
    /// read straight from the bytes; anything else goes to the general parser.
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

    static func parseRFC822Exact(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b.count >= 29, b.count <= 31, b[3] == 0x2C, b[4] == 0x20, b[7] == 0x20, b[11] == 0x20,
                  b[16] == 0x20, b[19] == 0x3A, b[22] == 0x3A, b[25] == 0x20 else { return nil }
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
                guard let hh = num(27, 2), let mm = num(29, 2) else { return nil }
                offset = (zone[0] == 0x2D ? -1 : 1) * (hh * 3600 + mm * 60)
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
                guard b[19] == 0x2B || b[19] == 0x2D, b[22] == 0x3A, let oh = num(20, 2), let om = num(23, 2) else { return nil }
                offset = (b[19] == 0x2D ? -1 : 1) * (oh * 3600 + om * 60)
            }
            return civil(year, month, day, h, mi, s, offset)
        }
    }

    // MARK: ISO 8601 / RFC 3339 / W3CDTF

    static func parseISO(_ s: [Unicode.Scalar]) -> Date? {
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= s.count else { return nil }
            var v = 0
            for k in 0..<count {
                guard let d = digitValue(s[i + k]) else { return nil }
                v = v * 10 + d
            }
            i += count
            return v
        }
        func peek(_ c: Unicode.Scalar) -> Bool { i < s.count && s[i] == c }

        // "03-12-31": the two-digit-year ISO form old feeds write.
        if s.count == 8, s[2] == "-", s[5] == "-", let yy = digits(2) {
            i = 3
            guard let m = digits(2) else { return nil }
            i = 6
            guard let d = digits(2) else { return nil }
            return civil(yy < 50 ? 2000 + yy : 1900 + yy, m, d, 0, 0, 0, 0)
        }
        i = 0
        guard let year = digits(4) else { return nil }
        var month = 1, day = 1
        var compact = false
        if i == s.count { return civil(year, 1, 1, 0, 0, 0, 0) }  // "2003"
        if peek("-") {
            i += 1
            // Ordinal date "2003-335": day of the year.
            if i + 3 == s.count, let ordinal = digits(3) {
                guard ordinal >= 1, ordinal <= 366 else { return nil }
                var rest = ordinal
                month = 1
                while month < 12, rest > daysIn(month, year) { rest -= daysIn(month, year); month += 1 }
                return civil(year, month, rest, 0, 0, 0, 0)
            }
            guard let m = digits(2) else { return nil }
            month = m
            if i == s.count { return civil(year, month, 1, 0, 0, 0, 0) }  // "2003-12"
            guard peek("-") else { return nil }
            i += 1
            guard let d = digits(2) else { return nil }
            day = d
        } else if let m = digits(2), let d = digits(2) {
            month = m
            day = d
            compact = true
        } else {
            return nil
        }
        var hour = 0, minute = 0, second = 0
        var offset = 0
        if i < s.count {
            guard s[i] == "T" || s[i] == "t" || s[i] == " " else { return nil }
            i += 1
            guard let h = digits(2) else { return nil }
            hour = h
            if peek(":") { i += 1 }
            guard let mi = digits(2) else { return nil }
            minute = mi
            if peek(":") || (compact && i < s.count && digitValue(s[i]) != nil) {
                if peek(":") { i += 1 }
                guard let se = digits(2) else { return nil }
                second = se
            }
            if peek(".") || peek(",") {
                i += 1
                while i < s.count, digitValue(s[i]) != nil { i += 1 }
            }
            while peek(" ") { i += 1 }
            if i < s.count {
                if s[i] == "Z" || s[i] == "z" {
                    i += 1
                } else if s[i] == "+" || s[i] == "-" {
                    let sign = s[i] == "-" ? -1 : 1
                    i += 1
                    guard let oh = digits(2) else { return nil }
                    var om = 0
                    if peek(":") { i += 1 }
                    if i < s.count { guard let m = digits(2) else { return nil }; om = m }
                    // Real zones run from -12:00 to +14:00: anything else is not a zone.
                    guard oh <= 14, om <= 59 else { return nil }
                    offset = sign * (oh * 3600 + om * 60)
                } else {
                    var name = ""
                    while i < s.count, s[i].properties.isAlphabetic { name.unicodeScalars.append(s[i]); i += 1 }
                    guard let z = zoneOffsets[name.uppercased()] else { return nil }
                    offset = z
                }
                guard i == s.count else { return nil }
            }
        }
        return civil(year, month, day, hour, minute, second, offset)
    }

    // MARK: Everything else

    enum Token {
        case number(Int, digits: Int)
        case word(String)
        case time(Int, Int, Int)
        case zone(Int)
    }

    static func tokenize(_ s: [Unicode.Scalar]) -> [Token] {
        var tokens = [Token]()
        var i = 0
        var sawTime = false
        while i < s.count {
            let c = s[i]
            if let d = digitValue(c) {
                var v = d, n = 1
                i += 1
                while i < s.count, let d2 = digitValue(s[i]), n < 9 { v = v * 10 + d2; n += 1; i += 1 }
                if i + 1 < s.count, s[i] == ":", digitValue(s[i + 1]) != nil, n <= 2 {
                    // h:mm[:ss[.fff]]
                    var parts = [v]
                    while i + 1 < s.count, s[i] == ":", let _ = digitValue(s[i + 1]), parts.count < 3 {
                        i += 1
                        var p = 0, pn = 0
                        while i < s.count, let d3 = digitValue(s[i]), pn < 2 { p = p * 10 + d3; pn += 1; i += 1 }
                        parts.append(p)
                    }
                    if i < s.count, s[i] == "." || s[i] == "," {
                        var j = i + 1
                        while j < s.count, digitValue(s[j]) != nil { j += 1 }
                        if j > i + 1 { i = j }
                    }
                    tokens.append(.time(parts[0], parts[1], parts.count > 2 ? parts[2] : 0))
                    sawTime = true
                } else {
                    tokens.append(.number(v, digits: n))
                }
                continue
            }
            if (c == "+" || c == "-"), sawTime, i + 2 < s.count, digitValue(s[i + 1]) != nil, digitValue(s[i + 2]) != nil {
                let sign = c == "-" ? -1 : 1
                var j = i + 1
                var ds = [Int]()
                while j < s.count, ds.count < 4 {
                    if let d = digitValue(s[j]) { ds.append(d); j += 1 }
                    else if s[j] == ":" && ds.count == 2 { j += 1 }
                    else { break }
                }
                if ds.count == 4 || ds.count == 2, ds[0] * 10 + ds[1] <= 14, ds.count == 2 || ds[2] * 10 + ds[3] <= 59,
                   j >= s.count || digitValue(s[j]) == nil {
                    let h = ds[0] * 10 + ds[1]
                    let m = ds.count == 4 ? ds[2] * 10 + ds[3] : 0
                    tokens.append(.zone(sign * (h * 3600 + m * 60)))
                    i = j
                    continue
                }
            }
            if c.properties.isAlphabetic {
                var w = String.UnicodeScalarView()
                while i < s.count, s[i].properties.isAlphabetic || s[i].properties.generalCategory == .nonspacingMark {
                    w.append(s[i]); i += 1
                }
                tokens.append(.word(String(w).lowercased()))
                continue
            }
            i += 1
        }
        return tokens
    }

    static func parseLoose(_ s: [Unicode.Scalar]) -> Date? {
        let tokens = tokenize(s)
        var month: Int?
        var numbers: [(Int, Int)] = []
        var time: (Int, Int, Int)?
        var offset = 0
        var pm: Bool?
        for t in tokens {
            switch t {
            case .word(let w):
                if month == nil, let m = months[w] { month = m; continue }
                if time != nil, let z = zoneOffsets[w.uppercased()] { offset = z; continue }
                if w == "pm" { pm = true }
                if w == "am" { pm = false }
            case .number(let v, let n):
                numbers.append((v, n))
            case .time(let h, let m, let sec):
                if time == nil { time = (h, m, sec) }
            case .zone(let z):
                offset = z
            }
        }
        var year: Int?
        var day: Int?
        if let _ = month {
            for (v, n) in numbers {
                if n >= 3 && year == nil { year = v }
                else if day == nil && n <= 2 && v >= 1 && v <= 31 { day = v }
                else if year == nil && n <= 2 { year = v < 50 ? 2000 + v : 1900 + v }
            }
        } else {
            guard numbers.count >= 3 else { return nil }
            let (a, an) = numbers[0], (b, _) = numbers[1], (c, cn) = numbers[2]
            if an == 4 {
                year = a; month = b; day = c
            } else if cn == 4 || cn == 2 {
                let y = cn == 4 ? c : (c < 50 ? 2000 + c : 1900 + c)
                year = y
                // Day first (our readers' convention) unless that cannot be a date.
                if b > 12 && a <= 12 { month = a; day = b } else { day = a; month = b }
            } else {
                return nil
            }
        }
        guard let y = year, let m = month, let d = day else { return nil }
        var (h, mi, se) = time ?? (0, 0, 0)
        if let pm {
            if pm && h < 12 { h += 12 }
            if !pm && h == 12 { h = 0 }
        }
        if se == 60 { se = 59 }
        return civil(y, m, d, h, mi, se, offset)
    }

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

    static func epochSeconds(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int, _ offset: Int) -> Int? {
        guard y >= 1000 && y <= 9999, m >= 1 && m <= 12, d >= 1 && d <= daysIn(m, y),
              h >= 0 && h <= 24, mi >= 0 && mi <= 59, s >= 0 && s <= 60 else { return nil }
        return daysFromCivil(y, m, d) * 86400 + h * 3600 + mi * 60 + min(s, 59) - offset
    }

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

    static let zoneOffsets: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
        "EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
        "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
        "AST": -4 * 3600, "ET": -5 * 3600, "CT": -6 * 3600, "MT": -7 * 3600, "PT": -8 * 3600, "ADT": -3 * 3600, "AKST": -9 * 3600, "AKDT": -8 * 3600, "HST": -10 * 3600,
        "CET": 3600, "CEST": 7200, "MET": 3600, "MEST": 7200, "BST": 3600, "WEST": 3600, "EET": 7200, "EEST": 10800,
        "IST": 19800, "JST": 9 * 3600, "MSK": 3 * 3600, "NZST": 12 * 3600, "NZDT": 13 * 3600,
    ]

    /// Month names and abbreviations in English, French, Spanish and Arabic (Maghreb and
    /// Mashreq forms), lower-cased, with and without accents.
    static let months: [String: Int] = {
        let names: [[String]] = [
            ["jan", "january", "janvier", "janv", "enero", "ene", "يناير", "كانون الثاني", "جانفي", "ينار"],
            ["feb", "february", "février", "fevrier", "févr", "fevr", "fév", "fev", "febrero", "فبراير", "شباط", "فيفري", "فبراير"],
            ["mar", "march", "mars", "marzo", "مارس", "آذار", "اذار"],
            ["apr", "april", "avril", "avr", "abril", "abr", "أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "افريل"],
            ["may", "mai", "mayo", "ماي", "مايو", "أيار", "ايار"],
            ["jun", "june", "juin", "junio", "يونيو", "يونيه", "حزيران", "جوان"],
            ["jul", "july", "juillet", "juil", "julio", "يوليو", "يوليوز", "يوليه", "تموز", "جويلية"],
            ["aug", "august", "août", "aout", "agosto", "ago", "غشت", "أغسطس", "اغسطس", "آب", "أوت", "اوت"],
            ["sep", "sept", "september", "septembre", "septiembre", "setiembre", "شتنبر", "سبتمبر", "أيلول", "ايلول"],
            ["oct", "october", "octobre", "octubre", "أكتوبر", "اكتوبر", "تشرين الأول"],
            ["nov", "november", "novembre", "noviembre", "نونبر", "نوفمبر"],
            ["dec", "december", "décembre", "decembre", "déc", "diciembre", "dic", "دجنبر", "ديسمبر", "دیسمبر", "كانون الأول"],
        ]
        // Also German, Italian, Portuguese, Hungarian and Greek (met in older feeds).
        let more: [[String]] = [
            ["januar", "gennaio", "janeiro", "január", "jan.", "ιαν", "ιανουαρίου"],
            ["februar", "febbraio", "fevereiro", "február", "φεβ", "φεβρουαρίου"],
            ["märz", "marzo", "março", "március", "μάρ", "μαρ", "μαρτίου"],
            ["aprile", "április", "απρ", "απριλίου"],
            ["maggio", "maio", "május", "máj", "μάι", "μαϊ", "μαΐ", "μαΐου"],
            ["juni", "giugno", "junho", "június", "ιούν", "ιουν", "ιουνίου"],
            ["juli", "luglio", "julho", "július", "ιούλ", "ιουλ", "ιουλίου"],
            ["augusztus", "αύγ", "αυγ", "αυγούστου"],
            ["settembre", "setembro", "szeptember", "σεπ", "σεπτεμβρίου"],
            ["oktober", "ottobre", "outubro", "október", "οκτ", "οκτωβρίου"],
            ["novembro", "νοέ", "νοε", "νοεμβρίου"],
            ["dezember", "dicembre", "dezembro", "δεκ", "δεκεμβρίου"],
        ]
        var table = [String: Int]()
        for (index, list) in more.enumerated() {
            for name in list { table[name] = index + 1 }
        }
        for (index, list) in names.enumerated() {
            for name in list { table[name] = index + 1 }
        }
        return table
    }()
}
