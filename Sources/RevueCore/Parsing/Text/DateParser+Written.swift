import Foundation

/// Dates written in words and loose numbers: "Tue, 23 Dec 2025 08:15:00 EST",
/// "Sun Jul 15 01:16:00 +0000 2012", "mardi 23 décembre 2025 à 09:30", "23/12/2025",
/// "Fri, 2006/09/15 08:19:53 EDT", "2004년 05월 28일 01:31:15".
///
/// The text is cut into tokens, and every token must find its place in the date: a word
/// that is no month, weekday, zone or connective, a number too many, a second time or zone,
/// or a part that is there but malformed makes the date nil. In prose (page text) unknown
/// words are passed over instead.
extension DateParser {
    enum Token: Equatable {
        case number(Int, digits: Int)
        case time(hour: Int, minute: Int, second: Int)
        /// A numeric zone, seconds east of UTC.
        case offset(Int)
        /// Lower-cased.
        case word(String)
        /// A part that is there but cannot be read: "09:xx", "+zz:00", "1:2:3:4", "-99:99".
        case unreadable
    }

    static func parseWritten(_ s: [Unicode.Scalar], inProse prose: Bool) -> Date? {
        interpret(tokenize(s, inProse: prose), inProse: prose)
    }

    // MARK: Tokens

    static func tokenize(_ s: [Unicode.Scalar], inProse prose: Bool) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        var sawTime = false
        func isDigit(_ k: Int) -> Bool { k < s.count && digitValue(s[k]) != nil }
        func isLetter(_ k: Int) -> Bool { k < s.count && s[k].properties.isAlphabetic }
        /// The value of the digits at `k` and how many there are.
        func number(at k: Int) -> (value: Int, digits: Int) {
            var v = 0, j = k
            while j < s.count, let d = digitValue(s[j]), j - k < 9 { v = v * 10 + d; j += 1 }
            return (v, j - k)
        }
        while i < s.count {
            let c = s[i]
            if isDigit(i) {
                let (value, count) = number(at: i)
                var j = i + count
                if isDigit(j) { return [.unreadable] }  // ten digits or more
                if j < s.count, s[j] == ":" {
                    // h:mm, h:mm:ss, with a fraction of a second: one or two digits a field.
                    var parts = [value]
                    guard count <= 2 else { return [.unreadable] }
                    while j < s.count, s[j] == ":" {
                        let (part, partDigits) = number(at: j + 1)
                        guard partDigits >= 1, partDigits <= 2 else { return [.unreadable] }
                        parts.append(part)
                        j += 1 + partDigits
                    }
                    guard parts.count <= 3 else { return [.unreadable] }
                    if parts.count == 3, j + 1 < s.count, s[j] == "." || s[j] == ",", isDigit(j + 1) {
                        j += 1
                        while isDigit(j) { j += 1 }
                    }
                    tokens.append(.time(hour: parts[0], minute: parts[1], second: parts.count == 3 ? parts[2] : 0))
                    sawTime = true
                    i = j
                    continue
                }
                if count <= 2, j < s.count, s[j] == "h" || s[j] == "H", !isLetter(j + 1) {
                    // French "10h30", "10h".
                    let (minute, minuteDigits) = number(at: j + 1)
                    if minuteDigits == 0 || minuteDigits == 2 {
                        tokens.append(.time(hour: value, minute: minute, second: 0))
                        sawTime = true
                        i = j + 1 + minuteDigits
                        continue
                    }
                }
                tokens.append(.number(value, digits: count))
                if isLetter(j) {
                    // "1st", "23rd", "1er": the suffix belongs to the number.
                    var k = j
                    var suffix = String.UnicodeScalarView()
                    while isLetter(k) { suffix.append(s[k]); k += 1 }
                    if DateVocabulary.ordinalSuffixes.contains(String(suffix).lowercased()) { j = k }
                }
                i = j
                continue
            }
            if c == "+" || c == "-" || c == "\u{2212}", isDigit(i + 1), sawTime || followsUniversalName(tokens, s, i) {
                // "+0100", "-05:00", "+01"; one hour digit only after a name ("GMT+2").
                let (first, count) = number(at: i + 1)
                var j = i + 1 + count
                var hours = first, minutes = 0
                if count == 4 {
                    hours = first / 100
                    minutes = first % 100
                } else if count == 2 || (count == 1 && followsUniversalName(tokens, s, i)) {
                    if j < s.count, s[j] == ":" {
                        let (m, mDigits) = number(at: j + 1)
                        guard mDigits == 2 else { return [.unreadable] }
                        minutes = m
                        j += 3
                    }
                } else {
                    return [.unreadable]
                }
                guard let offset = zoneOffset(negative: c != "+", hours: hours, minutes: minutes) else { return [.unreadable] }
                tokens.append(.offset(offset))
                i = j
                continue
            }
            if c == "(" {
                // An RFC 822 comment, "(CET)" or "(Central European Time)".
                guard let close = s[i...].firstIndex(of: ")") else {
                    if prose { i += 1; continue }
                    return [.unreadable]
                }
                i = close + 1
                continue
            }
            if isLetter(i) {
                if c == "T" || c == "t", i > 0, digitValue(s[i - 1]) != nil, isDigit(i + 1) {
                    i += 1  // ISO's date-time separator in an otherwise loose date
                    continue
                }
                var word = String.UnicodeScalarView()
                var j = i
                while j < s.count, s[j].properties.isAlphabetic || s[j].properties.generalCategory == .nonspacingMark {
                    word.append(s[j])
                    j += 1
                }
                var text = String(word).lowercased()
                if text == "a" || text == "p", j + 1 < s.count, s[j] == ".", s[j + 1] == "m" || s[j + 1] == "M",
                   !isLetter(j + 2) {
                    // "a.m.", "p.m."
                    text += "m"
                    j += 2
                    if j < s.count, s[j] == "." { j += 1 }
                }
                tokens.append(.word(text))
                i = j
                continue
            }
            if isSeparator(c) || prose {
                i += 1
                continue
            }
            return [.unreadable]
        }
        return tokens
    }

    /// Characters between a date's parts: spaces, commas, periods, slashes, dashes.
    static func isSeparator(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x2C, 0x2E, 0x2F, 0x2D, 0x2013, 0x2014, 0x060C: return true
        default: return c.properties.isWhitespace
        }
    }

    /// Whether the sign at `i` directly follows "GMT", "UTC" or "UT".
    static func followsUniversalName(_ tokens: [Token], _ s: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i > 0, s[i - 1].properties.isAlphabetic, case .word(let w)? = tokens.last else { return false }
        return DateVocabulary.isUniversal(w)
    }

    // MARK: Meaning

    struct Number {
        var value: Int
        var digits: Int
        /// Set by a Korean label ("2004년").
        var field: DateVocabulary.Field?
    }

    static func interpret(_ tokens: [Token], inProse prose: Bool) -> Date? {
        var month: Int?
        var monthWordIsAlsoWeekday = false
        var numbers: [Number] = []
        var time: (hour: Int, minute: Int, second: Int)?
        var offset: Int?
        var namedZone: Int?
        var etcPrefix = false
        var meridiem: DateVocabulary.Meridiem?
        var korean = false
        var skipNext = false
        for (index, token) in tokens.enumerated() {
            if skipNext { skipNext = false; continue }
            switch token {
            case .unreadable:
                return nil
            case .number(let value, let digits):
                numbers.append(Number(value: value, digits: digits))
            case .time(let h, let m, let s):
                guard time == nil else { return nil }
                time = (h, m, s)
            case .offset(let o):
                guard offset == nil else { return nil }
                offset = o
            case .word(let w):
                let timeFollows = tokens[(index + 1)...].contains { if case .time = $0 { return true }; return false }
                if index + 1 < tokens.count, case .word(let next) = tokens[index + 1],
                   let m = DateVocabulary.twoWordMonthNames[w + " " + next] {
                    guard month == nil else { return nil }
                    month = m
                    skipNext = true
                    continue
                }
                if let m = DateVocabulary.month(w) {
                    let alsoWeekday = DateVocabulary.isWeekday(w)
                    if month == nil || monthWordIsAlsoWeekday {
                        // "mar. 23 déc.": a later month name shows "mar" was Tuesday.
                        month = m
                        monthWordIsAlsoWeekday = alsoWeekday
                        continue
                    }
                    if alsoWeekday || prose { continue }
                    return nil
                }
                if DateVocabulary.isWeekday(w) { continue }
                if let field = DateVocabulary.koreanField(w) {
                    guard let last = numbers.indices.last, numbers[last].field == nil else { return nil }
                    numbers[last].field = field
                    korean = true
                    continue
                }
                if let m = DateVocabulary.meridiem(w), DateVocabulary.isKorean(w) || time != nil {
                    guard meridiem == nil else { return nil }
                    meridiem = m
                    korean = korean || DateVocabulary.isKorean(w)
                    continue
                }
                if w == "etc", index + 1 < tokens.count, case .word(let next) = tokens[index + 1], DateVocabulary.isUniversal(next) {
                    etcPrefix = true  // "Etc/GMT"
                    continue
                }
                if !timeFollows, let zone = DateVocabulary.zoneOffset(w, afterTime: time != nil) {
                    guard namedZone == nil else { return nil }
                    namedZone = zone
                    continue
                }
                if DateVocabulary.isConnective(w) || prose { continue }
                return nil
            }
        }
        guard let (year, month, day) = calendarDate(numbers, monthName: month, inProse: prose) else { return nil }
        var (hour, minute, second) = time ?? (0, 0, 0)
        if let meridiem {
            guard time != nil, hour <= 12 else { return nil }
            if meridiem == .pm && hour < 12 { hour += 12 }
            if meridiem == .am && hour == 12 { hour = 0 }
        }
        // "Etc/GMT+2" is POSIX's inverted sign (two hours behind): too easily misread.
        if etcPrefix && offset != nil { return nil }
        // A numeric offset is exact where names are ambiguous ("+0100 CET", "GMT+2").
        let zone = offset ?? namedZone ?? (korean ? 9 * 3600 : 0)
        return civil(year, month, day, hour, minute, second, zone)
    }

    /// Year, month and day from the numbers and the month name, or nil when they do not make
    /// exactly one date.
    static func calendarDate(_ all: [Number], monthName: Int?, inProse prose: Bool) -> (Int, Int, Int)? {
        var year: Int?, month = monthName, day: Int?
        var numbers: [Number] = []
        for n in all {
            switch n.field {
            case .year?:
                guard year == nil else { return nil }
                year = n.digits == 4 ? n.value : twoDigitYear(n.value)
            case .month?:
                guard month == nil else { return nil }
                month = n.value
            case .day?:
                guard day == nil else { return nil }
                day = n.value
            case nil:
                numbers.append(n)
            }
        }
        func yearValue(_ n: Number) -> Int? {
            switch n.digits {
            case 4: return n.value
            case 1, 2: return twoDigitYear(n.value)
            default: return nil
            }
        }
        if month != nil {
            // "23 Dec 2025", "Dec 23, 2025", "Sun Jul 15 01:16:00 +0000 2012", "01 Jan 04":
            // the four-digit number is the year; of two short ones the first is the day.
            for n in numbers {
                if n.digits == 4, year == nil { year = n.value }
                else if n.digits <= 2, day == nil { day = n.value }
                else if n.digits <= 2, year == nil { year = twoDigitYear(n.value) }
                else if !prose { return nil }
            }
        } else {
            // "2006/09/15", "23/12/2025", "12/23/2025" (month first only when the day
            // cannot be first), "23.12.25".
            guard numbers.count == 3 || (prose && numbers.count > 3), year == nil, day == nil else { return nil }
            let (a, b, c) = (numbers[0], numbers[1], numbers[2])
            if a.digits == 4, b.digits <= 2, c.digits <= 2 {
                (year, month, day) = (a.value, b.value, c.value)
            } else if a.digits <= 2, b.digits <= 2, let y = yearValue(c) {
                year = y
                if b.value > 12 && a.value <= 12 { (month, day) = (a.value, b.value) } else { (month, day) = (b.value, a.value) }
            } else {
                return nil
            }
        }
        guard let year, let month, let day else { return nil }
        return (year, month, day)
    }
}
