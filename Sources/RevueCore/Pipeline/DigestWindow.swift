import Foundation

/// Which headlines belong to the digest of a day.
public enum DigestWindow {
    /// The 24 hours before the morning hour of `day`, in `timeZone`.
    public static func interval(for day: DigestDay, morningHour: Int, timeZone: TimeZone) -> DateInterval {
        let end = day.at(hour: morningHour, in: timeZone)
        return DateInterval(start: end.addingTimeInterval(-24 * 3600), end: end)
    }

    /// Keeps the headlines published in the window. An undated headline counts as published
    /// when it was first seen, so it appears once and does not come back every morning.
    public static func select(
        _ headlines: [SourcedHeadline], in window: DateInterval, firstSeen: [String: Date]
    ) -> [SourcedHeadline] {
        headlines.filter { h in
            let when = h.headline.published ?? firstSeen[key(of: h)]
            guard let when else { return false }
            return when >= window.start && when < window.end
        }
    }

    /// Identity of an undated headline for the first-seen record.
    public static func key(of h: SourcedHeadline) -> String {
        "\(h.source)\u{1}\(h.headline.link ?? h.headline.id ?? h.headline.title)"
    }
}
