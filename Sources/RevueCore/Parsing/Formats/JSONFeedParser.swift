import Foundation

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
enum JSONFeedParser {
    static func parse(_ bytes: UnsafeRawBufferPointer, options: ParseOptions) throws -> ParsedFeed {
        let data = Data(bytes)
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
              let root = object as? [String: Any] else {
            throw ParseError("not a JSON Feed: invalid JSON or not an object")
        }
        guard root["items"] != nil || (root["version"] as? String)?.contains("jsonfeed") == true else {
            throw ParseError("not a JSON Feed: no version and no items")
        }
        let base = (root["feed_url"] as? String).flatMap { LinkResolver.isAbsoluteHTTP($0) ? $0 : nil } ?? options.baseURL
        func link(_ value: Any?) -> String? {
            guard let s = value as? String else { return nil }
            return LinkResolver.resolve(s, node: nil, document: nil, fallbackBase: base)
        }
        var feed = ParsedFeed(format: .json)
        feed.title = (root["title"] as? String).map { PlainText.collapse(Array($0.utf8), limit: 2000) }
        feed.link = link(root["home_page_url"])
        feed.language = root["language"] as? String
        for case let item as [String: Any] in (root["items"] as? [Any]) ?? [] {
            var f = ItemFields()
            f.title = (item["title"] as? String).map { PlainText.fromHTML(Array($0.utf8), limit: 2000) }
            f.link = link(item["url"]) ?? link(item["external_url"])
            f.id = (item["id"] as? String) ?? (item["id"] as? NSNumber).map { "\($0)" }
            f.published = (item["date_published"] as? String).flatMap(DateParser.parse)
            f.updated = (item["date_modified"] as? String).flatMap(DateParser.parse)
            if let s = item["summary"] as? String { f.summary = Lead.of(PlainText.fromHTML(Array(s.utf8), limit: 4000)) }
            if let s = item["content_html"] as? String { f.content = Lead.of(PlainText.fromHTML(Array(s.utf8), limit: 4000)) }
            else if let s = item["content_text"] as? String { f.content = Lead.of(PlainText.collapse(Array(s.utf8), limit: 4000)) }
            f.categories = ((item["tags"] as? [Any]) ?? []).compactMap { $0 as? String }
            f.language = item["language"] as? String
            feed.items.append(f.headline())
        }
        return feed
    }
}
