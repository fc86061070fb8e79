import CLibXML2
import Foundation

/// The ready profile for news-aggregator pages (a headline ticker, and article pages that
/// retell a story and name the outlet that first published it).
///
/// Markup it reads (class names are matched as whole words, anywhere in `class`):
///
///     <div class="ticker">                              headline ticker (any element)
///       <a href="/a/1" data-source="Le360" data-date="2025-12-23T08:15:00Z">Title</a> ...
///       or <li><a href="/a/2">Title</a> <span class="source">Le360</span>
///              <time datetime="2025-12-23T08:15:00+01:00">08:15</time></li>
///     </div>
///     <article class="article">                        (or any element with class "article")
///       <h1 class="article-title">Title</h1>           (or the first h1/h2)
///       <p class="article-source">Publié dans <span class="source-name">Barlamane</span>
///          le <time class="article-date" datetime="2021-11-23">23 - 11 - 2021</time></p>
///       <div class="article-body"><p>…</p></div>
///       <a class="source-link" href="https://original/...">Cliquez ici pour lire l'article depuis sa source</a>
///     </article>
///
/// Without the classes the source line is still found by its wording ("Publié dans X le
/// date", "Published in X on date", "Publicado en X el date", "نشر في X يوم date").
/// Boilerplate (report-abuse notices, "click here to read at the source") never becomes a
/// title or a summary.
enum AggregatorProfile {
    static func classTest(_ name: String) -> String {
        "contains(concat(' ', normalize-space(@class), ' '), ' \(name) ')"
    }

    static func headlines(page: HTMLDocument, options: ParseOptions) throws -> [Headline] {
        var result: [Headline] = []
        var seen = Set<String>()
        for headline in articles(page: page, options: options) + ticker(page: page, options: options) {
            let key = headline.title.lowercased()
            if seen.insert(key).inserted { result.append(headline) }
        }
        guard !result.isEmpty else { throw ParseError("aggregator profile matched nothing (no ticker, no article)") }
        return result
    }

    static func ticker(page: HTMLDocument, options: ParseOptions) -> [Headline] {
        page.nodes("//*[\(classTest("ticker"))]//a[@href]").compactMap { a in
            let title = HTMLDocument.text(of: a, limit: 1000)
            guard !title.isEmpty, !Boilerplate.isBoilerplate(title) else { return nil }
            let item = a.pointee.parent
            var published = a.attribute("data-date").flatMap(DateParser.parse)
            if published == nil, let item, let time = page.nodes(".//time", at: item).first {
                published = (time.attribute("datetime")).flatMap(DateParser.parse) ?? DateParser.find(inProse: HTMLDocument.text(of: time))
            }
            var source = a.attribute("data-source").flatMap { nonEmpty($0.trimmedASCII) }
            if source == nil, let item, let span = page.nodes(".//*[\(classTest("source"))]", at: item).first {
                source = nonEmpty(HTMLDocument.text(of: span, limit: 200))
            }
            return Headline(
                title: title,
                link: HTMLPageParser.link(a.attribute("href"), node: a, page: page, options: options),
                published: published,
                originalSource: source)
        }
    }

    static func articles(page: HTMLDocument, options: ParseOptions) -> [Headline] {
        var containers = page.nodes("//*[\(classTest("article"))]")
        if containers.isEmpty { containers = page.nodes("//article") }
        if containers.isEmpty, let body = page.nodes("//body").first,
           sourceLine(in: body, page: page) != nil {
            containers = [body]
        }
        return containers.compactMap { article(in: $0, page: page, options: options) }
    }

    static func article(in node: XMLNodePointer, page: HTMLDocument, options: ParseOptions) -> Headline? {
        let titleNode = page.nodes(".//*[\(classTest("article-title"))]", at: node).first
            ?? page.nodes("(.//h1 | .//h2)[1]", at: node).first
        guard let titleNode else { return nil }
        let title = HTMLDocument.text(of: titleNode, limit: 1000)
        guard !title.isEmpty, !Boilerplate.isBoilerplate(title) else { return nil }

        var source: String?
        var published: Date?
        if let line = sourceLine(in: node, page: page) {
            source = page.nodes(".//*[\(classTest("source-name"))]", at: line.node).first.map { HTMLDocument.text(of: $0) }
                ?? line.parsed.source
            if let time = page.nodes(".//time[@datetime]", at: line.node).first, let dt = time.attribute("datetime") {
                published = DateParser.parse(dt)
            }
            published = published ?? line.parsed.date.flatMap(DateParser.find(inProse:))
        }

        let bodyNodes = page.nodes(".//*[\(classTest("article-body"))]//p | .//*[\(classTest("article-body"))]", at: node)
        var paragraphs: [String] = []
        let candidates = bodyNodes.isEmpty ? page.nodes(".//p", at: node) : bodyNodes
        for p in candidates {
            let text = HTMLDocument.text(of: p, limit: 2000)
            if text.isEmpty || Boilerplate.isBoilerplate(text) || SourceLine.parse(text) != nil || text == title { continue }
            if paragraphs.contains(where: { $0.contains(text) }) { continue }
            paragraphs.append(text)
            if paragraphs.joined(separator: " ").count > 600 { break }
        }
        let summary = Lead.of(Boilerplate.strip(paragraphs.joined(separator: " ")))

        let original = page.nodes(".//a[\(classTest("source-link"))]/@href", at: node).first
            .flatMap { $0.pointee.children?.pointee.content.map { String(cString: $0) } }
        let link = HTMLPageParser.link(original, node: node, page: page, options: options) ?? options.baseURL
        return Headline(title: title, link: link, published: published, summary: summary, originalSource: source)
    }

    /// The element holding "Publié dans X le date", by class or by wording.
    static func sourceLine(in node: XMLNodePointer, page: HTMLDocument) -> (node: XMLNodePointer, parsed: SourceLine)? {
        for candidate in page.nodes(".//*[\(classTest("article-source"))]", at: node) {
            let text = HTMLDocument.text(of: candidate, limit: 500)
            return (candidate, SourceLine.parse(text) ?? SourceLine(source: nil, date: text))
        }
        for candidate in page.nodes(".//p | .//div[not(.//p)] | .//span", at: node) {
            let text = HTMLDocument.text(of: candidate, limit: 500)
            if text.count < 200, let parsed = SourceLine.parse(text) { return (candidate, parsed) }
        }
        return nil
    }
}

/// "Publié dans Barlamane le 23 - 11 - 2021" split into outlet and date text.
struct SourceLine: Equatable {
    var source: String?
    var date: String?

    static let patterns: [(lead: String, separator: String)] = [
        ("publié dans ", " le "), ("publié par ", " le "), ("publie dans ", " le "),
        ("published in ", " on "), ("published by ", " on "),
        ("publicado en ", " el "), ("publicado por ", " el "),
        ("نشر في ", " يوم "), ("نشر في ", " في "),
    ]

    static func parse(_ text: String) -> SourceLine? {
        let lower = text.lowercased()
        for (lead, separator) in patterns {
            guard let l = lower.range(of: lead) else { continue }
            // Work on the original text with the same offsets (lowercasing kept lengths for these scripts).
            let afterLead = lower[l.upperBound...]
            guard let s = afterLead.range(of: separator) else {
                return SourceLine(source: String(text[l.upperBound...]).trimmedASCII, date: nil)
            }
            let source = String(text[l.upperBound..<s.lowerBound]).trimmedASCII
            let date = String(text[s.upperBound...]).trimmedASCII
            return SourceLine(source: nonEmpty(source), date: nonEmpty(date))
        }
        return nil
    }
}
