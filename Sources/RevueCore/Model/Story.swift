import Foundation

/// A headline together with the source it came from.
public struct SourcedHeadline: Sendable, Hashable {
    public var source: String
    public var headline: Headline
    /// The source's own theme hint, if any.
    public var themeHint: Theme?

    public init(source: String, headline: Headline, themeHint: Theme? = nil) {
        self.source = source
        self.headline = headline
        self.themeHint = themeHint
    }
}

/// One story: the same news told by one or more sources, perhaps in several languages.
public struct Story: Sendable, Hashable {
    /// Stable identifier derived from the story's lead headline.
    public var id: String
    /// The headlines, lead first.
    public var headlines: [SourcedHeadline]
    public var theme: Theme

    public init(id: String, headlines: [SourcedHeadline], theme: Theme = .autre) {
        self.id = id
        self.headlines = headlines
        self.theme = theme
    }

    public var lead: SourcedHeadline { headlines[0] }
    public var title: String { lead.headline.title }
    /// Distinct source names, in the order of the headlines.
    public var sources: [String] {
        var seen = Set<String>()
        return headlines.map(\.source).filter { seen.insert($0).inserted }
    }
    /// The most recent publication time among the headlines.
    public var published: Date? { headlines.compactMap(\.headline.published).max() }
}
