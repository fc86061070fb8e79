import CLibXML2
import Foundation

/// Plain RSS 2.0 and Atom feeds read from a `FlatXML` table instead of a libxml2 DOM: the
/// common case, at a fraction of the cost (no tree of C nodes, no entity machinery). The
/// field rules are those of `RSSParser` and `AtomParser`, restricted to what a `FlatXML`
/// document can hold (unprefixed elements, no xml:base); whenever a field needs more
/// (markup inside a text element, base64 content, an unsupported root), the reader gives up
/// and the caller uses the DOM parsers. Tests check that both ways give the same
/// `ParsedFeed`.
struct FlatFeedReader {
    let document: FlatXML
    /// The base relative links resolve against, as `LinkResolver` finds it for a DOM
    /// without xml:base: the document address libxml2 derives from `baseURL`, else the
    /// address itself.
    let base: String?

    /// Raised when a field needs the DOM path.
    struct NeedsDOM: Error {}

    /// The feed, or nil when the document is not one this reader handles.
    static func read(_ bytes: UnsafeRawBufferPointer, options: ParseOptions) -> ParsedFeed? {
        guard let document = FlatXML.read(bytes) else { return nil }
        let reader = FlatFeedReader(document: document, base: documentBase(options.baseURL))
        let root = document.root
        do {
            if document.rootNamespace == .none,
               document.namedIgnoringCase(root, "rss") || document.named(root, "channel") {
                return try reader.rss(root: root)
            }
            if document.named(root, "feed") { return try reader.atom(root: root) }
        } catch {
            return nil
        }
        return nil
    }

    /// `xmlNodeGetBase` of a node without xml:base is the document URL, which libxml2 sets to
    /// `xmlPathToURI(baseURL)`; `LinkResolver` prefers it when it is absolute http(s).
    static func documentBase(_ baseURL: String?) -> String? {
        guard let baseURL else { return nil }
        var documentURL: String?
        if let uri = xmlPathToURI(baseURL) {
            documentURL = String(cString: uri)
            revue_xml_free(uri)
        }
        if let documentURL, LinkResolver.isAbsoluteHTTP(documentURL) { return documentURL }
        return baseURL
    }

    // MARK: Field readers (XMLFeedContext's)

    func link(_ raw: String) -> String? {
        LinkResolver.resolve(raw, node: nil, document: nil, fallbackBase: base)
    }

    func plainText(_ e: Int, _ kind: TextKind = .html, limit: Int, leadLength: Int? = nil) throws -> String {
        let text = document.withText(e) { content in
            PlainText.reduce(UnsafeBufferPointer(rebasing: content[..<min(content.count, MarkupCollector.textLimit)]),
                             html: kind == .html, limit: limit, leadLength: leadLength)
        }
        guard let text else { throw NeedsDOM() }
        return text
    }

    func rawText(_ e: Int) throws -> String {
        guard let text = document.withText(e, { String(decoding: $0, as: UTF8.self) }) else { throw NeedsDOM() }
        return text.trimmedASCII
    }

    func title(_ e: Int, kind: TextKind = .html) throws -> String { try plainText(e, kind, limit: 2000) }

    func summary(_ e: Int, kind: TextKind = .html) throws -> String {
        try plainText(e, kind, limit: 1400, leadLength: Lead.defaultLength)
    }

    func date(_ e: Int) throws -> Date? { DateParser.parse(try rawText(e)) }

    // MARK: RSS (RSSParser, elements without namespace)

    func rss(root: Int) throws -> ParsedFeed {
        var feed = ParsedFeed(format: .rss)
        let channel = document.named(root, "channel") ? root : (document.firstChild(of: root, named: "channel") ?? root)
        try readChannel(channel, parent: channel == root ? nil : root, into: &feed)
        var items: [Headline] = []
        for node in document.children(of: channel) where document.named(node, "item") {
            items.append(try readItem(node))
        }
        if channel != root {
            for node in document.children(of: root) where document.named(node, "item") {
                items.append(try readItem(node))
            }
        }
        feed.items = items
        return feed
    }

    func readChannel(_ channel: Int, parent: Int?, into feed: inout ParsedFeed) throws {
        let d = document
        for child in d.children(of: channel) {
            if d.namedIgnoringCase(child, "title"), feed.title == nil { feed.title = try title(child) }
            else if d.namedIgnoringCase(child, "link"), feed.link == nil { feed.link = link(try rawText(child)) }
            else if d.namedIgnoringCase(child, "language") { feed.language = nonEmpty(try rawText(child)) }
        }
        if feed.language == nil { feed.language = d.xmlLang(channel) ?? parent.flatMap(d.xmlLang) }
    }

    func readItem(_ item: Int) throws -> Headline {
        let d = document
        var f = ItemFields()
        for child in d.children(of: item) {
            if d.namedIgnoringCase(child, "title") { if f.title == nil { f.title = try title(child) } }
            else if d.namedIgnoringCase(child, "link") { if f.link == nil { f.link = link(try rawText(child)) } }
            else if d.namedIgnoringCase(child, "description") { if f.summary == nil { f.summary = try summary(child) } }
            else if d.namedIgnoringCase(child, "summary") { f.summary = try summary(child) }
            else if d.namedIgnoringCase(child, "guid") {
                f.id = nonEmpty(try rawText(child))
                let guidIsPermalink = (d.attribute(child, "isPermaLink") ?? "true").lowercased() != "false"
                if guidIsPermalink, let id = f.id { f.permalink = link(id) }
            }
            else if d.namedIgnoringCase(child, "pubDate") { if let date = try date(child) { f.published = date } }
            else if d.namedIgnoringCase(child, "category") {
                RSSParser.appendCategory(try plainText(child, .html, limit: 500), to: &f.categories)
            }
            else if d.namedIgnoringCase(child, "source") { f.source = nonEmpty(try plainText(child, .html, limit: 300)) }
            else if d.namedIgnoringCase(child, "language") { f.language = nonEmpty(try rawText(child)) }
            else if d.named(child, "body") || d.named(child, "fullitem") {
                if f.content == nil { f.content = try summary(child, kind: d.named(child, "body") ? .plain : .html) }
            }
        }
        if f.language == nil { f.language = d.xmlLang(item) }
        return f.headline()
    }

    // MARK: Atom (AtomParser, all elements in the Atom namespace)

    func atom(root: Int) throws -> ParsedFeed {
        let d = document
        var feed = ParsedFeed(format: .atom)
        feed.language = d.xmlLang(root)
        var links = AtomParser.LinkChoice()
        for child in d.children(of: root) {
            if d.named(child, "title"), feed.title == nil { feed.title = try atomText(child, limit: 2000) }
            else if d.named(child, "link") { try consider(child, into: &links) }
            else if d.named(child, "entry") { feed.items.append(try readEntry(child)) }
        }
        feed.link = links.best
        return feed
    }

    func readEntry(_ entry: Int) throws -> Headline {
        let d = document
        var f = ItemFields()
        var links = AtomParser.LinkChoice()
        var created: Date?
        for child in d.children(of: entry) {
            if d.named(child, "title") { if f.title == nil { f.title = try atomText(child, limit: 2000) } }
            else if d.named(child, "link") { try consider(child, into: &links) }
            else if d.named(child, "id") { if f.id == nil { f.id = try identifier(child) } }
            else if d.named(child, "published") || d.named(child, "issued") { if let date = try date(child) { f.published = date } }
            else if d.named(child, "updated") || d.named(child, "modified") { if let date = try date(child) { f.updated = date } }
            else if d.named(child, "created") { if let date = try date(child) { created = date } }
            else if d.named(child, "summary") {
                if f.summary == nil { f.summary = try atomText(child, limit: 1400, leadLength: Lead.defaultLength) }
            }
            else if d.named(child, "content") {
                if f.content == nil { f.content = try atomText(child, limit: 1400, leadLength: Lead.defaultLength) }
            }
            else if d.named(child, "category") {
                if let term = d.attribute(child, "term") ?? d.attribute(child, "label"), !term.trimmedASCII.isEmpty {
                    f.categories.append(term.trimmedASCII)
                }
            }
            else if d.named(child, "source") {
                if let t = d.firstChild(of: child, named: "title") {
                    f.source = nonEmpty(try plainText(t, textKind(t), limit: 300))
                }
            }
        }
        f.link = links.best
        if f.updated == nil { f.updated = created }
        f.language = f.language ?? d.xmlLang(entry)
        return f.headline()
    }

    func textKind(_ e: Int) -> TextKind {
        AtomParser.textKind(type: document.attribute(e, "type"), mode: document.attribute(e, "mode"))
    }

    /// A text construct; base64 content is left to the DOM path.
    func atomText(_ e: Int, limit: Int, leadLength: Int? = nil) throws -> String {
        let type = document.attribute(e, "type"), mode = document.attribute(e, "mode")
        if AtomParser.isBase64(type: type, mode: mode) { throw NeedsDOM() }
        return try plainText(e, AtomParser.textKind(type: type, mode: mode), limit: limit, leadLength: leadLength)
    }

    func identifier(_ e: Int) throws -> String? {
        AtomParser.identifier(raw: try rawText(e), resolve: link)
    }

    func consider(_ e: Int, into links: inout AtomParser.LinkChoice) throws {
        guard let href = try document.attribute(e, "href") ?? nonEmpty(rawText(e)), let resolved = link(href) else { return }
        links.consider(link: resolved, rel: document.attribute(e, "rel"), type: document.attribute(e, "type"))
    }
}
