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

    /// What decides how this source's answers are read into headlines: its HTML rules or
    /// profile and its language. Remembered with its items, so that a fix to the rules is
    /// applied at once instead of waiting for the page to change (until then the server
    /// would answer 304 and the items read with the old rules would be re-used).
    public var reading: String {
        let parts = [html.map { [$0.item, $0.title, $0.link, $0.date, $0.summary].map { $0 ?? "" }.joined(separator: "\u{1}") },
                     profile, language]
        return String(FNV1a.hash64(parts.map { $0 ?? "" }.joined(separator: "\u{2}").utf8), radix: 16)
    }
}
