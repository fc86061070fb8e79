import Foundation

/// The format a document turned out to be, sniffed from its content.
public enum FeedFormat: String, Codable, Sendable, CaseIterable {
    case rss, atom, rdf, json, html
}

/// One headline as a parser read it: plain text, absolute http(s) links, an optional date.
///
/// An undated headline stays undated: giving it "now" would make it today's news every day.
public struct Headline: Sendable, Hashable, Codable {
    public var title: String
    /// Absolute http or https address of the article, or nil.
    public var link: String?
    /// The feed's own identifier (guid, atom:id), as written.
    public var id: String?
    public var published: Date?
    /// A short plain-text lead, never a whole article.
    public var summary: String
    public var categories: [String]
    /// BCP 47 language tag if the document says so (xml:lang, <language>, <html lang>).
    public var language: String?
    /// For aggregator pages: the outlet that first published the story.
    public var originalSource: String?

    public init(
        title: String, link: String? = nil, id: String? = nil, published: Date? = nil,
        summary: String = "", categories: [String] = [], language: String? = nil,
        originalSource: String? = nil
    ) {
        self.title = title
        self.link = link
        self.id = id
        self.published = published
        self.summary = summary
        self.categories = categories
        self.language = language
        self.originalSource = originalSource
    }
}

/// What one document yielded: its metadata, its headlines and what went wrong on the way.
public struct ParsedFeed: Sendable, Hashable {
    public var format: FeedFormat
    public var title: String?
    public var link: String?
    public var language: String?
    public var items: [Headline]
    /// Recoverable problems (broken XML recovered, charset overridden...).
    public var warnings: [String]

    public init(
        format: FeedFormat, title: String? = nil, link: String? = nil, language: String? = nil,
        items: [Headline] = [], warnings: [String] = []
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.language = language
        self.items = items
        self.warnings = warnings
    }
}
