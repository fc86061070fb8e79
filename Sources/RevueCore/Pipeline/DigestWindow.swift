import Foundation

/// Which headlines belong to the digest of a day.
public enum DigestWindow {
    /// From the morning hour of the day before `day` to the morning hour of `day`, on the
    /// clocks of `timeZone`: 23 or 25 hours when the zone changes its offset overnight, so
    /// that consecutive windows neither overlap nor leave a gap.
    public static func interval(for day: DigestDay, morningHour: Int, timeZone: TimeZone) -> DateInterval {
        DateInterval(start: day.previous.at(hour: morningHour, in: timeZone), end: day.at(hour: morningHour, in: timeZone))
    }

    /// Keeps the headlines published in the window. An undated headline counts as published
    /// when it was first seen, so it appears once and does not come back every morning.
    public static func select(
        _ headlines: [SourcedHeadline], in window: DateInterval, firstSeen: [String: Date]
    ) -> [SourcedHeadline] {
        headlines.filter { h in
            let when = h.headline.published ?? firstSeen[key(of: h)]
            return when.map { contains($0, window) } ?? false
        }
    }

    /// Whether a headline can belong to the window: dated inside it, or undated (which
    /// `select` decides later, from when it was first seen).
    public static func mayHold(_ headline: Headline, _ window: DateInterval) -> Bool {
        headline.published.map { contains($0, window) } ?? true
    }

    /// The window is half-open: a headline of exactly the morning hour is the next day's.
    static func contains(_ date: Date, _ window: DateInterval) -> Bool {
        date >= window.start && date < window.end
    }

    /// Identity of an undated headline for the first-seen record.
    public static func key(of h: SourcedHeadline) -> String {
        key(source: h.source, h.headline)
    }

    static func key(source: String, _ headline: Headline) -> String {
        "\(source)\u{1}\(headline.link ?? headline.id ?? headline.title)"
    }
}
