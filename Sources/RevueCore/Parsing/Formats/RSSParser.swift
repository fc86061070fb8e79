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
            case .none, .rss10, .rss090, .rss20:
                if child.namedIgnoringCase("title"), feed.title == nil { feed.title = context.title(child) }
                else if child.namedIgnoringCase("link"), feed.link == nil { feed.link = context.link(child.rawText, at: child) }
                else if child.namedIgnoringCase("language") { feed.language = nonEmpty(child.rawText) }
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
            case .none, .rss10, .rss090, .rss20:
                if child.namedIgnoringCase("title") { if f.title == nil { f.title = context.title(child) } }
                else if child.namedIgnoringCase("link") { if f.link == nil { f.link = context.link(child.rawText, at: child) } }
                else if child.namedIgnoringCase("description") { if f.summary == nil { f.summary = context.summary(child) } }
                // A (non-standard) <summary> is meant as the summary: it wins over description.
                else if child.namedIgnoringCase("summary") { f.summary = context.summary(child) }
                else if child.namedIgnoringCase("guid") {
                    f.id = nonEmpty(child.rawText)
                    guidIsPermalink = (child.attribute("isPermaLink") ?? "true").lowercased() != "false"
                    if guidIsPermalink, let id = f.id { f.permalink = context.link(id, at: child) }
                }
                else if child.namedIgnoringCase("pubDate") { if let d = context.date(child) { f.published = d } }
                else if child.namedIgnoringCase("category") { appendCategory(child.plainText(.html, limit: 500), to: &f.categories) }
                else if child.namedIgnoringCase("source") { f.source = nonEmpty(child.plainText(.html, limit: 300)) }
                else if child.namedIgnoringCase("language") { f.language = nonEmpty(child.rawText) }
                // Old and invented elements that still carry the item's body.
                else if child.named("body") || child.named("fullitem") {
                    if f.content == nil { f.content = context.summary(child, kind: child.named("body") ? .plain : .html) }
                }
            case .rdf:
                break
            case .itunes:
                if child.named("summary"), f.content == nil { f.content = context.summary(child) }
                else if child.named("category"), let text = child.attribute("text") { appendCategory(text.trimmedASCII, to: &f.categories) }
            case .media:
                readMedia(child, into: &f, context: context)
            case .dc:
                if child.named("date") { if let d = context.date(child) { dcDate = d } }
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
        if f.id == nil, let about = item.attribute("about", ns: .rdf), !about.isEmpty { f.id = about }
        return f.headline()
    }

    /// Media RSS: title, description and category, also inside `<media:group>`.
    static func readMedia(_ node: XMLNodePointer, into f: inout ItemFields, context: XMLFeedContext) {
        if node.named("group") {
            for child in node.elements where child.namespace == .media { readMedia(child, into: &f, context: context) }
        } else if node.named("title"), f.fallbackTitle == nil {
            f.fallbackTitle = context.title(node, kind: node.attribute("type") == "html" ? .html : .plain)
        } else if node.named("description"), f.content == nil {
            f.content = context.summary(node, kind: node.attribute("type") == "html" ? .html : .plain)
        } else if node.named("category") {
            appendCategory(node.plainText(.plain, limit: 500), to: &f.categories)
        }
    }

    static func appendCategory(_ text: String, to list: inout [String]) {
        if !text.isEmpty { list.append(text) }
    }
}

func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
