import CLibXML2
import Foundation

/// Reads the feed list of an OPML file, the format every feed reader imports and exports.
///
/// An outline with `xmlUrl` is a source; its `category` attribute, or else the text of the
/// folder outline it sits in, is a theme hint.
public enum OPMLReader {
    public static func sources(contentsOf path: String) throws -> [Source] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: "cannot read the OPML file", fix: "check the path given to --opml")
        }
        return try sources(from: data, path: path)
    }

    public static func sources(from data: Data, path: String) throws -> [Source] {
        LibXML.initialize()
        // Not recovered: an OPML file is the list of sources, and a recovered one that was
        // cut short would drop the feeds of its end without a word.
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue)
        // Silent: libxml2 prints encoding errors itself otherwise, and under cron every line
        // on stderr is a mail. The error that matters is read back below.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        xmlResetLastError()
        let doc: xmlDocPtr? = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            return xmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(raw.count), path, nil, options)
        }
        guard let doc, let root = xmlDocGetRootElement(doc) else {
            let failure = xmlGetLastError()?.pointee
            let detail = failure?.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
            if let failure, failure.line > 1 || data.starts(with: Data("<".utf8)) {
                throw ConfigError(file: path, line: Int(failure.line),
                    message: "the OPML file is cut short or damaged here (\(detail ?? "not well-formed XML"))",
                    fix: "export the feed list from your reader again")
            }
            throw ConfigError(file: path, message: "this is not an OPML file (no XML could be read)",
                fix: "export the feed list from your reader as OPML")
        }
        defer { xmlFreeDoc(doc) }
        guard root.localName == "opml" else {
            throw ConfigError(file: path, line: Int(xmlGetLineNo(root)),
                message: "the root element is <\(root.localName)>, not <opml>",
                fix: "export the feed list from your reader as OPML")
        }
        var sources: [Source] = []
        var names = Set<String>()

        func walk(_ node: xmlNodePtr?, folder: String?) {
            var child = node?.pointee.children
            while let current = child {
                defer { child = current.pointee.next }
                guard current.pointee.type == XML_ELEMENT_NODE else { continue }
                let name = current.localName
                if name == "body" { walk(current, folder: folder); continue }
                guard name == "outline" else { continue }
                let title = current.attribute("title") ?? current.attribute("text")
                guard let url = current.attribute("xmlUrl") ?? current.attribute("xmlurl"),
                    url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://")
                else {
                    walk(current, folder: title ?? folder)
                    continue
                }
                var sourceName = (title?.isEmpty == false ? title! : URL(string: url)?.host ?? url)
                if !names.insert(sourceName.lowercased()).inserted {
                    sourceName += " (\(URL(string: url)?.host ?? url))"
                    names.insert(sourceName.lowercased())
                }
                let categories = (current.attribute("category") ?? "")
                    .split(whereSeparator: { $0 == "," || $0 == "/" }).map(String.init)
                let hint = categories.lazy.compactMap(ThemeHintNames.theme(for:)).first
                    ?? folder.flatMap(ThemeHintNames.theme(for:))
                sources.append(Source(name: sourceName, url: url, language: current.attribute("language"),
                    themeHint: hint))
            }
        }
        walk(root, folder: nil)
        if sources.isEmpty {
            throw ConfigError(file: path, message: "the OPML file lists no feed (no outline with an http(s) xmlUrl)",
                fix: "add <outline text=\"Name\" xmlUrl=\"https://...\"/> lines")
        }
        return sources
    }
}
