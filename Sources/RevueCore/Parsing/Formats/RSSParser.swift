import CLibXML2
import Foundation

/// RSS 0.9x and 2.0: `<rss><channel>` with `<item>`s (also items placed beside the channel,
/// which some old generators write), plus the Dublin Core, content and Atom elements that
/// RSS feeds borrow.
enum RSSParser {
    static func parse(root: XMLNodePointer, document: XMLDocument, options: ParseOptions) -> ParsedFeed {
        let context = XMLFeedContext(document: document, options: options)
        var feed = ParsedFeed(format: .rss)
        let channel = root.named("channel") ? root : (root.firstChild("channel") ?? root)
        readChannel(channel, into: &feed, context: context)
        var items: [Headline] = []
        for node in channel.elements where node.named("item") {
            items.append(readItem(node, context: context))
        }
        if channel != root {
            for node in root.elements where node.named("item") {
                items.append(readItem(node, context: context))
            }
        }
        feed.items = items
        return feed
    }

    /// Channel metadata, shared with RSS 1.0.
    static func readChannel(_ channel: XMLNodePointer, into feed: inout ParsedFeed, context: XMLFeedContext) {
        var atomLink: String?
        for child in channel.elements {
            switch child.namespace {
            case .none, .rss10, .rss090:
                if child.named("title"), feed.title == nil { feed.title = context.title(child) }
                else if child.named("link"), feed.link == nil { feed.link = context.link(child.rawText, at: child) }
                else if child.named("language") { feed.language = nonEmpty(child.rawText) }
            case .dc:
                if child.named("title"), feed.title == nil { feed.title = context.title(child) }
                else if child.named("language"), feed.language == nil { feed.language = nonEmpty(child.rawText) }
            case .atom10, .atom03:
                if child.named("link"), atomLink == nil, (child.attribute("rel") ?? "alternate") == "alternate",
                   let href = child.attribute("href") {
                    atomLink = context.link(href, at: child)
                }
            default:
                break
            }
        }
        if feed.link == nil { feed.link = atomLink }
        if feed.language == nil { feed.language = channel.xmlLang ?? channel.pointee.parent.flatMap { $0.isElement ? $0.xmlLang : nil } }
    }

    /// One `<item>`, shared with RSS 1.0.
    static func readItem(_ item: XMLNodePointer, context: XMLFeedContext) -> Headline {
        var f = ItemFields()
        var guidIsPermalink = true
        var dcDate: Date?
        for child in item.elements {
            switch child.namespace {
            case .none, .rss10, .rss090:
                if child.named("title") { if f.title == nil { f.title = context.title(child) } }
                else if child.named("link") { if f.link == nil { f.link = context.link(child.rawText, at: child) } }
                else if child.named("description") { if f.summary == nil { f.summary = context.summary(child) } }
                else if child.named("guid") {
                    f.id = nonEmpty(child.rawText)
                    guidIsPermalink = (child.attribute("isPermaLink") ?? "true").lowercased() != "false"
                    if guidIsPermalink, let id = f.id { f.permalink = context.link(id, at: child) }
                }
                else if child.named("pubDate") || child.namedIgnoringCase("pubdate") { if f.published == nil { f.published = context.date(child) } }
                else if child.named("category") { appendCategory(child.plainText(.html, limit: 500), to: &f.categories) }
                else if child.named("source") { f.source = nonEmpty(child.plainText(.html, limit: 300)) }
                else if child.named("language") { f.language = nonEmpty(child.rawText) }
            case .dc:
                if child.named("date") { if dcDate == nil { dcDate = context.date(child) } }
                else if child.named("subject") { appendCategory(child.plainText(.html, limit: 500), to: &f.categories) }
                else if child.named("title") { if f.title == nil { f.title = context.title(child) } }
                else if child.named("description") { if f.summary == nil { f.summary = context.summary(child) } }
                else if child.named("language") { f.language = nonEmpty(child.rawText) }
                else if child.named("identifier") { if f.id == nil { f.id = nonEmpty(child.rawText) } }
                else if child.named("source") { if f.source == nil { f.source = nonEmpty(child.plainText(.html, limit: 300)) } }
            case .dcterms:
                if child.named("issued") || child.named("created") || child.named("modified") {
                    if dcDate == nil { dcDate = context.date(child) }
                }
            case .content:
                if child.named("encoded"), f.content == nil { f.content = context.summary(child) }
            case .atom10, .atom03:
                if child.named("link"), f.link == nil, (child.attribute("rel") ?? "alternate") == "alternate",
                   let href = child.attribute("href") {
                    f.link = context.link(href, at: child)
                } else if child.named("summary") || child.named("content") {
                    if f.content == nil { f.content = context.summary(child, kind: AtomParser.textKind(child)) }
                } else if child.named("published") || child.named("updated") {
                    if f.updated == nil { f.updated = context.date(child) }
                }
            case .xhtml:
                if child.named("body"), f.content == nil { f.content = context.summary(child, kind: .plain) }
            default:
                break
            }
        }
        if f.published == nil { f.published = dcDate }
        if f.language == nil { f.language = item.xmlLang }
        return f.headline()
    }

    static func appendCategory(_ text: String, to list: inout [String]) {
        if !text.isEmpty { list.append(text) }
    }
}

func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
