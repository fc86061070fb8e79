import CLibXML2
import Foundation

/// HTML pages without a feed: per-source XPath rules (`ParseOptions.htmlRules`) or a ready
/// profile (`"aggregator"`). A rule that matches nothing is an error: the page changed, and
/// the source must be reported as failing rather than as having no news.
enum HTMLPageParser {
    static func parse(_ bytes: UnsafeRawBufferPointer, options: ParseOptions) throws -> ParsedFeed {
        let page = try HTMLDocument(parsing: bytes, baseURL: options.baseURL)
        var feed = ParsedFeed(format: .html)
        if let root = page.root {
            feed.language = root.attribute("lang").flatMap { nonEmpty($0.trimmedASCII) }
        }
        feed.title = page.text(page.evaluate("//head/title"), limit: 500).flatMap(nonEmpty)
        feed.link = options.baseURL
        if let rules = options.htmlRules {
            feed.items = try RuleReader(page: page, rules: rules, options: options).headlines()
        } else if let profile = options.profile {
            guard HTMLProfiles.known.contains(profile.lowercased()) else { throw ParseError("unknown HTML profile \"\(profile)\"") }
            feed.items = try AggregatorProfile.headlines(page: page, options: options)
        } else {
            throw ParseError("HTML page without a feed: no XPath rules or profile for it")
        }
        feed.items = feed.items.filter { !$0.title.isEmpty && !Boilerplate.isBoilerplate($0.title) }
        return feed
    }

    static func link(_ raw: String?, node: XMLNodePointer?, page: HTMLDocument, options: ParseOptions) -> String? {
        guard let raw else { return nil }
        return LinkResolver.resolve(raw, node: node, document: page.pointer, fallbackBase: options.baseURL)
    }
}

/// Applies a source's XPath rules: `item` selects one node per headline, the other rules
/// are evaluated relative to it.
struct RuleReader {
    let page: HTMLDocument
    let rules: HTMLRules
    let options: ParseOptions

    func headlines() throws -> [Headline] {
        guard case .nodes(let items) = page.evaluate(rules.item) else {
            throw ParseError("HTML rule item \"\(rules.item)\" is not a valid XPath node expression")
        }
        guard !items.isEmpty else { throw ParseError("HTML rule item \"\(rules.item)\" matched nothing") }
        var result: [Headline] = []
        var titleMatched = false
        for item in items {
            let title: String
            if let rule = rules.title {
                guard let t = page.text(page.evaluate(rule, at: item), limit: 2000), !t.isEmpty else { continue }
                titleMatched = true
                title = t
            } else {
                title = HTMLDocument.text(of: item, limit: 2000)
                titleMatched = true
            }
            var link: String?
            if let rule = rules.link {
                link = HTMLPageParser.link(rawValue(page.evaluate(rule, at: item)), node: item, page: page, options: options)
            } else {
                link = HTMLPageParser.link(item.attribute("href") ?? rawValue(page.evaluate(".//a/@href", at: item)),
                                           node: item, page: page, options: options)
            }
            var published: Date?
            if let rule = rules.date {
                let value = page.evaluate(rule, at: item)
                if case .nodes(let n) = value, let first = n.first, let dt = first.attribute("datetime") {
                    published = DateParser.parse(dt)
                }
                if published == nil, let text = page.text(value, limit: 300) { published = DateParser.find(inProse: text) }
            }
            var summary = ""
            if let rule = rules.summary, let text = page.text(page.evaluate(rule, at: item), limit: 4000) {
                summary = Lead.of(Boilerplate.strip(text))
            }
            result.append(Headline(title: title, link: link, published: published, summary: summary))
        }
        if rules.title != nil && !titleMatched {
            throw ParseError("HTML rule title \"\(rules.title!)\" matched nothing")
        }
        return result
    }

    /// A rule's value as written (attribute or text), not reduced: for links.
    func rawValue(_ value: HTMLDocument.Value) -> String? {
        switch value {
        case .nodes(let nodes):
            guard let n = nodes.first else { return nil }
            if n.pointee.type == XML_ATTRIBUTE_NODE, let c = n.pointee.children?.pointee.content { return String(cString: c) }
            return n.attribute("href") ?? HTMLDocument.text(of: n, limit: 4000)
        case .text(let s): return s
        case .invalid: return nil
        }
    }
}

/// Sentences aggregator pages wrap around every article that are never news.
enum Boilerplate {
    static let phrases: [String] = [
        "merci d'avoir signalé", "merci d’avoir signalé",
        "cette image sera automatiquement bloquée",
        "cliquez ici pour lire l'article depuis sa source", "cliquez ici pour lire l’article depuis sa source",
        "signaler cette image", "signaler un abus",
    ]

    static func isBoilerplate(_ text: String) -> Bool {
        let lower = text.lowercased()
        return phrases.contains { lower.contains($0) } && lower.count < 200
    }

    /// The text without the sentences that are boilerplate.
    static func strip(_ text: String) -> String {
        var out = text
        let lower = text.lowercased()
        guard phrases.contains(where: { lower.contains($0) }) else { return text }
        for phrase in phrases {
            while let r = out.range(of: phrase, options: [.caseInsensitive]) {
                // Drop the phrase up to the end of its sentence.
                var end = r.upperBound
                while end < out.endIndex, !".!?".contains(out[end]) { end = out.index(after: end) }
                if end < out.endIndex { end = out.index(after: end) }
                out.removeSubrange(r.lowerBound..<end)
            }
        }
        return PlainText.collapse(Array(out.utf8))
    }
}

/// The ready-made HTML profiles a source can name instead of writing XPath rules (the
/// configuration checks names against this list).
public enum HTMLProfiles {
    public static let known = ["aggregator"]
}
