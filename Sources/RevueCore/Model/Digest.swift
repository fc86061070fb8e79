import Foundation

/// A calendar day, independent of any time zone ("2025-12-23").
public struct DigestDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD"; nil if it is not a real date.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        guard let date = cal.date(from: DateComponents(year: y, month: m, day: d)),
            cal.component(.day, from: date) == d
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day `date` falls on in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone) {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let c = cal.dateComponents([.year, .month, .day], from: date)
        self.init(year: c.year!, month: c.month!, day: c.day!)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (a: DigestDay, b: DigestDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// The calendar day before this one.
    public var previous: DigestDay {
        if day > 1 { return DigestDay(year: year, month: month, day: day - 1) }
        if month > 1 {
            return DigestDay(year: year, month: month - 1, day: DateParser.daysIn(month - 1, year))
        }
        return DigestDay(year: year - 1, month: 12, day: 31)
    }

    /// The instant of `hour`:00 on this day in `timeZone`.
    public func at(hour: Int, minute: Int = 0, in timeZone: TimeZone) -> Date {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        return cal.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }
}

/// Everything a renderer needs: ranked, themed stories and what each source did.
public struct Digest: Sendable {
    public var day: DigestDay
    /// The stories published in this interval make the digest.
    public var window: DateInterval
    public var timeZone: TimeZone
    public var generatedAt: Date
    /// Ranked, best first; each story carries its theme.
    public var stories: [Story]
    /// One report per configured source, in config order.
    public var coverage: [SourceReport]

    public init(
        day: DigestDay, window: DateInterval, timeZone: TimeZone, generatedAt: Date,
        stories: [Story], coverage: [SourceReport]
    ) {
        self.day = day
        self.window = window
        self.timeZone = timeZone
        self.generatedAt = generatedAt
        self.stories = stories
        self.coverage = coverage
    }
}
