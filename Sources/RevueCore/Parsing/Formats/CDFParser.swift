import CLibXML2

/// Microsoft's Channel Definition Format (1997), still met in old corpora: `<CHANNEL HREF>`
/// with `<TITLE>`, `<ABSTRACT>` and `<ITEM HREF LASTMOD>`. Reported as "rss".
enum CDFParser {
    static func parse(root: XMLNodePointer, document: XMLDocument, options: ParseOptions) -> ParsedFeed {
        let context = XMLFeedContext(document: document, options: options)
        var feed = ParsedFeed(format: .rss)
        feed.link = root.attribute("href").flatMap { context.link($0, at: root) }
            ?? root.attribute("HREF").flatMap { context.link($0, at: root) }
        for child in root.elements {
            if child.namedIgnoringCase("title"), feed.title == nil { feed.title = context.title(child) }
            else if child.namedIgnoringCase("item") {
                var f = ItemFields()
                let href = child.attribute("HREF") ?? child.attribute("href")
                f.link = href.flatMap { context.link($0, at: child) }
                f.updated = (child.attribute("LASTMOD") ?? child.attribute("lastmod")).flatMap(DateParser.parse)
                for field in child.elements {
                    if field.namedIgnoringCase("title"), f.title == nil { f.title = context.title(field) }
                    else if field.namedIgnoringCase("abstract"), f.summary == nil { f.summary = context.summary(field) }
                }
                feed.items.append(f.headline())
            }
        }
        return feed
    }
}
