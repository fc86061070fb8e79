import CLibXML2
import Foundation

/// What the XML format parsers share: the document (for xml:base), the options, and the
/// small conversions every format needs.
struct XMLFeedContext {
    let document: XMLDocument
    let options: ParseOptions

    func link(_ raw: String, at node: XMLNodePointer) -> String? {
        LinkResolver.resolve(raw, node: node, document: document.pointer, fallbackBase: options.baseURL)
    }

    func date(_ node: XMLNodePointer) -> Date? {
        DateParser.parse(node.rawText)
    }

    func title(_ node: XMLNodePointer, kind: TextKind = .html) -> String {
        node.plainText(kind, limit: 2000)
    }

    func summary(_ node: XMLNodePointer, kind: TextKind = .html) -> String {
        node.plainText(kind, limit: 1400, leadLength: Lead.defaultLength)
    }
}

/// The fields of one item as read, before they become a `Headline`.
struct ItemFields {
    var title: String?
    /// A title from an extension (media:title), used only when the item has no title.
    var fallbackTitle: String?
    var link: String?
    var id: String?
    var published: Date?
    var updated: Date?
    var summary: String?
    var content: String?
    var categories: [String] = []
    var language: String?
    var source: String?
    /// A guid that is a permalink, used when there is no link.
    var permalink: String?

    func headline() -> Headline {
        Headline(
            title: title ?? fallbackTitle ?? "",
            link: link ?? permalink,
            id: id,
            published: published ?? updated,
            summary: (summary?.isEmpty == false ? summary : content) ?? "",
            categories: categories,
            language: language,
            originalSource: source
        )
    }
}
