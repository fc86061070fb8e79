import CLibXML2
import Foundation

/// What the parser needs to know besides the bytes.
public struct ParseOptions: Sendable {
    /// The HTTP Content-Type header the document came with (charset precedence).
    public var contentType: String?
    /// The address the document was served from: relative links resolve against it.
    public var baseURL: String?
    /// XPath rules for an HTML source.
    public var htmlRules: HTMLRules?
    /// A ready-made HTML profile ("aggregator").
    public var profile: String?
    /// Dates later than this are capped to it.
    public var now: Date
    /// Documents larger than this are refused (a feed is never tens of megabytes).
    public var maxDocumentBytes: Int
    /// At most this many headlines are read from one document.
    public var maxItems: Int
    /// Plain RSS and Atom documents are read without building a libxml2 DOM (the tests turn
    /// it off to compare both ways).
    var usesFlatReader = true

    public init(
        contentType: String? = nil, baseURL: String? = nil, htmlRules: HTMLRules? = nil,
        profile: String? = nil, now: Date = Date(), maxDocumentBytes: Int = 32 << 20, maxItems: Int = 5000
    ) {
        self.contentType = contentType
        self.baseURL = baseURL
        self.htmlRules = htmlRules
        self.profile = profile
        self.now = now
        self.maxDocumentBytes = maxDocumentBytes
        self.maxItems = maxItems
    }
}

public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The one entry point: sniffs the format from the content and runs that format's parser.
///
/// Steps: size check → charset decision and conversion to UTF-8 → format sniffing →
/// (XML) entity repair and a recovering, network-free libxml2 parse → the format's parser.
public enum FeedParser {
    public static func parse(_ data: Data, options: ParseOptions = ParseOptions()) throws -> ParsedFeed {
        guard data.count <= options.maxDocumentBytes else {
            throw ParseError("document too large (\(data.count) bytes, limit \(options.maxDocumentBytes))")
        }
        return try data.withUnsafeBytes { raw in try parse(bytes: raw, options: options) }
    }

    public static func parse(bytes raw: UnsafeRawBufferPointer, options: ParseOptions) throws -> ParsedFeed {
        LibXML.initialize()
        let detected = CharsetDetector.detect(raw, contentType: options.contentType)
        var warnings: [String] = detected.warning.map { [$0] } ?? []
        let converted = Transcoder.utf8Bytes(raw, from: detected)
        var options = options
        if detected.charset == .utf8, let converted, converted.withUnsafeBytes({ UTF8Validation.check($0) }) == .invalid {
            // UTF-8 behind a byte-order mark is not checked on the way: libxml2 copes with
            // invalid bytes its own way, which the flat reader does not imitate.
            options.usesFlatReader = false
        }
        if let converted {
            return try converted.withUnsafeBytes { try parseUTF8($0, options: options, warnings: &warnings) }
        }
        return try parseUTF8(raw, options: options, warnings: &warnings)
    }

    static func parseUTF8(_ bytes: UnsafeRawBufferPointer, options: ParseOptions, warnings: inout [String]) throws -> ParsedFeed {
        if let problem = MarkupShape.problem(bytes) { throw ParseError(problem) }
        var feed: ParsedFeed
        switch FormatSniffer.sniff(bytes) {
        case .empty:
            throw ParseError("empty document")
        case .json:
            feed = try JSONFeedParser.parse(bytes, options: options)
        case .html:
            feed = try HTMLPageParser.parse(bytes, options: options)
        case .xml:
            // What the flat reader accepts holds only XML's own references (no C1 numbers):
            // entity repair would change nothing, so it is not run.
            if options.usesFlatReader, let flat = FlatFeedReader.read(bytes, options: options) {
                feed = flat
                break
            }
            let repaired = EntityRepair.repair(bytes)
            if repaired != nil { warnings.append("undeclared entities or bare ampersands repaired") }
            if options.usesFlatReader, let repaired,
               let flat = repaired.withUnsafeBytes({ FlatFeedReader.read($0, options: options) }) {
                feed = flat
                break
            }
            let document = try repaired.map { r in try r.withUnsafeBytes { try XMLDocument(parsing: $0, baseURL: options.baseURL) } }
                ?? XMLDocument(parsing: bytes, baseURL: options.baseURL)
            if !document.wellFormed { warnings.append("XML not well-formed: recovered what could be read") }
            guard let root = document.root else { throw ParseError("no XML root element") }
            feed = try parseXML(root: root, document: document, options: options, bytes: bytes)
        }
        feed.warnings = warnings + feed.warnings
        finish(&feed, options: options)
        return feed
    }

    static func parseXML(root: XMLNodePointer, document: XMLDocument, options: ParseOptions, bytes: UnsafeRawBufferPointer) throws -> ParsedFeed {
        let ns = root.namespace
        if root.namedIgnoringCase("rss") || (root.named("channel") && ns == .none) {
            return RSSParser.parse(root: root, document: document, options: options)
        }
        if root.named("CHANNEL") || (root.namedIgnoringCase("channel") && root.attribute("HREF") != nil) {
            return CDFParser.parse(root: root, document: document, options: options)
        }
        if root.named("RDF") || ns == .rss10 || ns == .rss090 {
            return RDFParser.parse(root: root, document: document, options: options)
        }
        if root.named("feed") && (ns == .atom10 || ns == .atom03 || ns == .none || ns == .other) {
            return AtomParser.parse(root: root, document: document, options: options)
        }
        if root.named("entry") && (ns == .atom10 || ns == .atom03) {
            // A single Atom entry document (RFC 4287, 4.1.2) is a feed of one.
            var feed = ParsedFeed(format: .atom)
            feed.items = [AtomParser.readEntry(root, context: XMLFeedContext(document: document, options: options))]
            return feed
        }
        if root.namedIgnoringCase("html") {
            return try HTMLPageParser.parse(bytes, options: options)
        }
        throw ParseError("not a feed: root element <\(root.localName)>")
    }

    /// Rules that hold for every format: dates capped at the run time, items bounded.
    static func finish(_ feed: inout ParsedFeed, options: ParseOptions) {
        if feed.items.count > options.maxItems {
            feed.items.removeSubrange(options.maxItems...)
            feed.warnings.append("more than \(options.maxItems) items: the rest were ignored")
        }
        for i in feed.items.indices {
            if let d = feed.items[i].published, d > options.now { feed.items[i].published = options.now }
            if feed.items[i].language == nil { feed.items[i].language = feed.language }
        }
    }
}

/// What a document is, from its first bytes.
enum FormatSniffer {
    enum Kind { case xml, json, html, empty }

    static func sniff(_ b: UnsafeRawBufferPointer) -> Kind {
        var i = 0
        let n = b.count
        while i < n, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        guard i < n else { return .empty }
        if b[i] == 0x7B || b[i] == 0x5B { return .json }
        // Look at the first element name, skipping declarations, comments and the doctype.
        let limit = min(n, 16384)
        var htmlDoctype = false
        while i < limit {
            guard let lt = indexOf(0x3C, b, from: i, to: limit) else { break }
            i = lt + 1
            guard i < limit else { break }
            let c = b[i]
            if c == 0x3F { continue }  // <?
            if c == 0x21 {  // <!-- or <!DOCTYPE
                if i + 8 < limit, b[i + 1] | 0x20 == 0x64, b[i + 2] | 0x20 == 0x6F, b[i + 3] | 0x20 == 0x63 {
                    var j = i + 8
                    while j < limit, b[j] == 0x20 { j += 1 }
                    if j + 4 <= limit, b[j] | 0x20 == 0x68, b[j + 1] | 0x20 == 0x74, b[j + 2] | 0x20 == 0x6D, b[j + 3] | 0x20 == 0x6C {
                        htmlDoctype = true
                    }
                    i = doctypeEnd(b, from: i, to: limit)
                    continue
                }
                if i + 2 < limit, b[i + 1] == 0x2D, b[i + 2] == 0x2D {
                    // Skip the comment.
                    var j = i + 3
                    while j + 2 < limit, !(b[j] == 0x2D && b[j + 1] == 0x2D && b[j + 2] == 0x3E) { j += 1 }
                    i = j
                }
                continue
            }
            // Element name, compared case-insensitively without prefix.
            var j = i
            while j < limit, b[j] != 0x20, b[j] != 0x3E, b[j] != 0x2F, b[j] != 0x0A, b[j] != 0x0D, b[j] != 0x09 { j += 1 }
            var name = String(decoding: UnsafeRawBufferPointer(rebasing: b[i..<j]), as: UTF8.self).lowercased()
            if let colon = name.lastIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
            switch name {
            case "html", "head", "body", "div", "meta", "title", "link", "script", "p", "table": return .html
            // The root decides, not the doctype: a feed behind an XHTML doctype is a feed.
            case "rss", "feed", "rdf", "channel", "entry": return .xml
            default: return htmlDoctype ? .html : .xml
            }
        }
        return .xml
    }

    /// The index after the doctype declaration whose "<!" is at `start - 1`: its internal
    /// subset may hold quoted ">" and markup ("<!ENTITY x '<html>'>") that is not the root.
    static func doctypeEnd(_ b: UnsafeRawBufferPointer, from start: Int, to limit: Int) -> Int {
        var i = start
        var quote: UInt8 = 0
        var depth = 0
        while i < limit {
            let c = b[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if c == 0x5B {
                depth += 1
            } else if c == 0x5D {
                depth = max(0, depth - 1)
            } else if c == 0x3E && depth == 0 {
                return i + 1
            } else if depth > 0, c == 0x3C, i + 3 < limit, b[i + 1] == 0x21, b[i + 2] == 0x2D, b[i + 3] == 0x2D {
                // A comment in the subset may hold a lone quote.
                var j = i + 4
                while j + 2 < limit, !(b[j] == 0x2D && b[j + 1] == 0x2D && b[j + 2] == 0x3E) { j += 1 }
                i = j + 2
            }
            i += 1
        }
        return limit
    }

    static func indexOf(_ byte: UInt8, _ b: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        var i = from
        while i < to { if b[i] == byte { return i }; i += 1 }
        return nil
    }
}
