import CLibXML2
import Foundation

/// Atom 1.0 and 0.3: `<feed>` with `<entry>`s; text constructs typed text, html or xhtml
/// (0.3: MIME types and `mode="escaped|base64|xml"`).
enum AtomParser {
    static func parse(root: XMLNodePointer, document: XMLDocument, options: ParseOptions) -> ParsedFeed {
        let context = XMLFeedContext(document: document, options: options)
        var feed = ParsedFeed(format: .atom)
        feed.language = root.xmlLang
        var links = LinkChoice()
        for child in root.elements {
            guard isAtom(child) else {
                if child.namespace == .dc, child.named("language") { feed.language = feed.language ?? nonEmpty(child.rawText) }
                continue
            }
            if child.named("title"), feed.title == nil { feed.title = text(child, context: context, limit: 2000) }
            else if child.named("link") { links.consider(child, context: context) }
            else if child.named("entry") { feed.items.append(readEntry(child, context: context)) }
        }
        feed.link = links.best
        return feed
    }

    static func isAtom(_ node: XMLNodePointer) -> Bool {
        switch node.namespace {
        case .atom10, .atom03, .none, .other: return true
        default: return false
        }
    }

    static func readEntry(_ entry: XMLNodePointer, context: XMLFeedContext) -> Headline {
        var f = ItemFields()
        var links = LinkChoice()
        var created: Date?
        for child in entry.elements {
            switch child.namespace {
            case .atom10, .atom03, .none, .other:
                if child.named("title") { if f.title == nil { f.title = text(child, context: context, limit: 2000) } }
                else if child.named("link") { links.consider(child, context: context) }
                else if child.named("id") { if f.id == nil { f.id = identifier(child, context: context) } }
                // A later date element overrides an earlier one, as in other readers.
                else if child.named("published") || child.named("issued") { if let d = context.date(child) { f.published = d } }
                else if child.named("updated") || child.named("modified") { if let d = context.date(child) { f.updated = d } }
                else if child.named("created") { if let d = context.date(child) { created = d } }
                else if child.named("summary") { if f.summary == nil { f.summary = text(child, context: context, limit: 1400, leadLength: Lead.defaultLength) } }
                else if child.named("content") { if f.content == nil { f.content = text(child, context: context, limit: 1400, leadLength: Lead.defaultLength) } }
                else if child.named("category") {
                    if let term = child.attribute("term") ?? child.attribute("label"), !term.trimmedASCII.isEmpty {
                        f.categories.append(term.trimmedASCII)
                    }
                }
                else if child.named("source") {
                    if let t = child.firstChild("title") { f.source = nonEmpty(t.plainText(textKind(t), limit: 300)) }
                }
            case .dc:
                if child.named("subject") { RSSParser.appendCategory(child.plainText(.html, limit: 500), to: &f.categories) }
                else if child.named("date") { if created == nil { created = context.date(child) } }
                else if child.named("language") { f.language = nonEmpty(child.rawText) }
            case .media:
                RSSParser.readMedia(child, into: &f, context: context)
            default:
                break
            }
        }
        f.link = links.best
        if f.updated == nil { f.updated = created }
        f.language = f.language ?? entry.xmlLang
        return f.headline()
    }

    /// An entry id; a relative reference ("/2025/12/23/x") is resolved like a link.
    static func identifier(_ node: XMLNodePointer, context: XMLFeedContext) -> String? {
        identifier(raw: node.rawText) { context.link($0, at: node) }
    }

    /// The same rule for both readers: `resolve` turns a relative reference into a link.
    static func identifier(raw: String, resolve: (String) -> String?) -> String? {
        guard !raw.isEmpty else { return nil }
        if raw.hasPrefix("/") || raw.hasPrefix("./") || raw.hasPrefix("../") { return resolve(raw) ?? raw }
        return raw
    }

    /// Atom 1.0 content of a non-text media type is base64 (RFC 4287, 4.1.3.3).
    static func isBase64(_ node: XMLNodePointer) -> Bool {
        isBase64(type: node.attribute("type"), mode: node.attribute("mode"))
    }

    static func isBase64(type: String?, mode: String?) -> Bool {
        if mode?.lowercased() == "base64" { return true }
        guard let type = type?.lowercased(), type.utf8.contains(0x2F) else { return false }
        return !(type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml"))
    }

    /// How a text construct's content is written.
    static func textKind(_ node: XMLNodePointer) -> TextKind {
        textKind(type: node.attribute("type"), mode: node.attribute("mode"))
    }

    static func textKind(type: String?, mode: String?) -> TextKind {
        let type = (type ?? "").lowercased()
        if let mode = mode?.lowercased(), mode == "escaped" { return .html }
        if type == "html" || type == "text/html" { return .html }
        return .plain
    }

    static func text(_ node: XMLNodePointer, context: XMLFeedContext, limit: Int, leadLength: Int? = nil) -> String {
        if isBase64(node) {
            let decoded = Data(base64Encoded: node.rawText, options: .ignoreUnknownCharacters) ?? Data()
            let type = (node.attribute("type") ?? "").lowercased()
            let bytes = [UInt8](decoded)
            let text = type == "text/plain" ? PlainText.collapse(bytes, limit: limit) : PlainText.fromHTML(bytes, limit: limit)
            return leadLength.map { Lead.of(text, maxLength: $0) } ?? text
        }
        return node.plainText(textKind(node), limit: limit, leadLength: leadLength)
    }

    /// Picks the entry's alternate link: `rel="alternate"` (or no rel), HTML type first.
    struct LinkChoice {
        var alternateHTML: String?
        var alternate: String?
        var any: String?

        mutating func consider(_ node: XMLNodePointer, context: XMLFeedContext) {
            guard let href = node.attribute("href") ?? nonEmpty(node.rawText),
                  let link = context.link(href, at: node) else { return }
            consider(link: link, rel: node.attribute("rel"), type: node.attribute("type"))
        }

        /// A resolved link with its `rel` and `type` attributes as written.
        mutating func consider(link: String, rel: String?, type: String?) {
            let rel = (rel ?? "alternate").trimmedASCII.lowercased()
            if rel == "alternate" {
                let type = type?.lowercased()
                if alternateHTML == nil, type == nil || type!.utf8.containsASCII("html") { alternateHTML = link }
                if alternate == nil { alternate = link }
            }
            if any == nil, rel != "self", rel != "edit", rel != "replies", rel != "enclosure" { any = link }
        }

        var best: String? { alternateHTML ?? alternate ?? any }
    }
}

extension String.UTF8View {
    /// Whether the bytes contain `needle` (ASCII), without Foundation's Unicode-aware search.
    func containsASCII(_ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        let bytes = Array(self)
        guard n > 0, bytes.count >= n else { return n == 0 }
        let p = needle.utf8Start
        for start in 0...(bytes.count - n) {
            var k = 0
            while k < n, bytes[start + k] == p[k] { k += 1 }
            if k == n { return true }
        }
        return false
    }
}
