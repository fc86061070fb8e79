import CLibXML2

/// RSS 1.0 and 0.90: `<rdf:RDF>` whose `<item>`s are siblings of the `<channel>`. Items carry
/// the same elements as RSS 2.0 (plus Dublin Core), so they are read by the same adapter.
enum RDFParser {
    static func parse(root: XMLNodePointer, document: XMLDocument, options: ParseOptions) -> ParsedFeed {
        let context = XMLFeedContext(document: document, options: options)
        var feed = ParsedFeed(format: .rdf)
        if let channel = root.firstChild("channel") {
            RSSParser.readChannel(channel, into: &feed, context: context)
            // Some RSS 1.0 writers nest items inside the channel.
            for node in channel.elements where node.named("item") {
                feed.items.append(RSSParser.readItem(node, context: context))
            }
        }
        for node in root.elements where node.named("item") {
            feed.items.append(RSSParser.readItem(node, context: context))
        }
        if feed.language == nil { feed.language = root.xmlLang }
        return feed
    }
}
