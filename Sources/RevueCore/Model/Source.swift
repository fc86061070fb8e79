/// XPath rules that turn an HTML page into headlines. `item` selects one node per
/// headline; the others are evaluated relative to it.
public struct HTMLRules: Sendable, Hashable, Codable {
    public var item: String
    public var title: String?
    public var link: String?
    public var date: String?
    public var summary: String?

    public init(item: String, title: String? = nil, link: String? = nil, date: String? = nil, summary: String? = nil) {
        self.item = item
        self.title = title
        self.link = link
        self.date = date
        self.summary = summary
    }
}

/// One configured source of headlines.
public struct Source: Sendable, Hashable, Codable {
    /// The name readers know it by ("Le Matin"); unique within a config.
    public var name: String
    /// http, https, or file (the offline demo) address.
    public var url: String
    /// Expected language, if known ("fr", "ar"...). Documents may say otherwise per item.
    public var language: String?
    /// A theme the source is dedicated to (a sports site), from the config or OPML category.
    public var themeHint: Theme?
    /// How to read an HTML page; nil for feeds.
    public var html: HTMLRules?
    /// A ready-made HTML profile ("aggregator") instead of hand-written rules.
    public var profile: String?

    public init(
        name: String, url: String, language: String? = nil, themeHint: Theme? = nil,
        html: HTMLRules? = nil, profile: String? = nil
    ) {
        self.name = name
        self.url = url
        self.language = language
        self.themeHint = themeHint
        self.html = html
        self.profile = profile
    }
}
