import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// A libxml2 node. Helpers below read it without copying names into Swift strings: the
/// parsers compare names with `strcmp` against static strings, once per element.
typealias XMLNodePointer = UnsafeMutablePointer<xmlNode>

/// The namespaces feeds mix, recognised by their URI.
enum XMLNamespace {
    case none, atom10, atom03, rss10, rss090, rss20, rdf, dc, dcterms, content, xhtml, xml, itunes, media, other

    static func of(_ href: UnsafePointer<xmlChar>?) -> XMLNamespace {
        guard let href else { return .none }
        let s = UnsafeRawPointer(href).assumingMemoryBound(to: CChar.self)
        if strcmp(s, "http://www.w3.org/2005/Atom") == 0 { return .atom10 }
        if strcmp(s, "http://purl.org/dc/elements/1.1/") == 0 { return .dc }
        if strcmp(s, "http://purl.org/rss/1.0/modules/content/") == 0 { return .content }
        if strcmp(s, "http://purl.org/rss/1.0/") == 0 { return .rss10 }
        if strcmp(s, "http://www.w3.org/1999/02/22-rdf-syntax-ns#") == 0 { return .rdf }
        if strcmp(s, "http://purl.org/atom/ns#") == 0 { return .atom03 }
        if strcmp(s, "http://purl.org/dc/terms/") == 0 { return .dcterms }
        if strcmp(s, "http://www.w3.org/1999/xhtml") == 0 { return .xhtml }
        if strcmp(s, "http://my.netscape.com/rdf/simple/0.9/") == 0 { return .rss090 }
        if strcmp(s, "http://www.w3.org/XML/1998/namespace") == 0 { return .xml }
        if strcasecmp(s, "http://www.itunes.com/dtds/podcast-1.0.dtd") == 0 { return .itunes }
        if strncmp(s, "http://search.yahoo.com/mrss", 28) == 0 { return .media }
        if strncmp(s, "http://backend.userland.com/rss", 31) == 0 { return .rss20 }
        // Old Atom drafts and RSS 1.0 with a missing slash are still the same vocabulary.
        if strncmp(s, "http://purl.org/atom", 20) == 0 { return .atom03 }
        if strncmp(s, "http://purl.org/rss/1.0", 23) == 0 { return .rss10 }
        return .other
    }
}

extension UnsafeMutablePointer where Pointee == xmlNode {
    @inline(__always) var isElement: Bool { pointee.type == XML_ELEMENT_NODE }

    /// True if the local name is `name` (ASCII, case-sensitive as XML is).
    @inline(__always) func named(_ name: StaticString) -> Bool {
        guard let n = pointee.name else { return false }
        return strcmp(UnsafeRawPointer(n).assumingMemoryBound(to: CChar.self),
                      UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    /// Case-insensitive name comparison, for HTML and sloppy RSS ("pubdate").
    @inline(__always) func namedIgnoringCase(_ name: StaticString) -> Bool {
        guard let n = pointee.name else { return false }
        return strcasecmp(UnsafeRawPointer(n).assumingMemoryBound(to: CChar.self),
                          UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    var localName: String {
        guard let n = pointee.name else { return "" }
        return String(cString: n)
    }

    var namespace: XMLNamespace { XMLNamespace.of(pointee.ns?.pointee.href) }

    /// Child elements, in order.
    var elements: XMLElementSequence { XMLElementSequence(first: pointee.children) }

    func firstChild(_ name: StaticString) -> XMLNodePointer? {
        for child in elements where child.named(name) { return child }
        return nil
    }

    /// An attribute's value by local name (any namespace unless `ns` is given).
    func attribute(_ name: StaticString, ns: XMLNamespace? = nil) -> String? {
        var attr = pointee.properties
        while let a = attr {
            if let n = a.pointee.name,
               strcmp(UnsafeRawPointer(n).assumingMemoryBound(to: CChar.self),
                      UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0,
               ns == nil || XMLNamespace.of(a.pointee.ns?.pointee.href) == ns {
                // One text child (the usual case): no intermediate buffer.
                if let only = a.pointee.children, only.pointee.next == nil {
                    return only.pointee.content.map { String(cString: $0) } ?? ""
                }
                var bytes = [UInt8]()
                var child = a.pointee.children
                while let c = child {
                    if let content = c.pointee.content { appendCString(content, to: &bytes, limit: 1 << 14) }
                    child = c.pointee.next
                }
                return String(decoding: bytes, as: UTF8.self)
            }
            attr = a.pointee.next
        }
        return nil
    }

    /// xml:lang on this element, if any.
    var xmlLang: String? {
        guard let v = attribute("lang", ns: .xml)?.trimmedASCII, !v.isEmpty else { return nil }
        return v
    }
}

struct XMLElementSequence: Sequence, IteratorProtocol {
    var next_: XMLNodePointer?
    init(first: XMLNodePointer?) { next_ = first }
    mutating func next() -> XMLNodePointer? {
        while let n = next_ {
            next_ = n.pointee.next
            if n.pointee.type == XML_ELEMENT_NODE { return n }
        }
        return nil
    }
}

@inline(__always)
func appendCString(_ p: UnsafePointer<xmlChar>, to out: inout [UInt8], limit: Int) {
    let len = strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
    let room = max(0, limit - out.count)
    out.append(contentsOf: UnsafeBufferPointer(start: p, count: min(len, room)))
}

extension String {
    /// Trimmed of ASCII white space (and no-break spaces), without Foundation.
    var trimmedASCII: String {
        // Fast path: nothing to trim at either end (first and last bytes are not spaces).
        if let first = utf8.first, let last = utf8.last, first > 0x20, last > 0x20, first != 0xC2, last != 0xA0 {
            return self
        }
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\n" || s == "\r" || s == "\t" || s.value == 0xA0 || s.value == 0x0C }
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }
}

/// How the text of an element is to be read.
enum TextKind {
    /// Text nodes are HTML source (RSS description, Atom type="html").
    case html
    /// Text nodes are literal text (Atom type="text"); child elements are markup (xhtml).
    case plain
}

/// Builds the markup of an element's content, bounded, for `PlainText` to reduce.
///
/// Entity reference nodes contribute their (short) replacement text once: never the
/// recursive expansion, which is how the quadratic blowup builds gigabytes.
struct MarkupCollector {
    static let textLimit = 1 << 18
    static let entityLimit = 4096
    static let depthLimit = 48

    var bytes: [UInt8] = []
    let kind: TextKind

    init(kind: TextKind) {
        self.kind = kind
        bytes.reserveCapacity(128)
    }

    mutating func collect(childrenOf node: XMLNodePointer, depth: Int = 0) {
        var child = node.pointee.children
        while let c = child, bytes.count < Self.textLimit {
            switch c.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content { appendText(content) }
            case XML_ENTITY_REF_NODE:
                // children of an entity reference node is the xmlEntity itself.
                if let ent = UnsafeMutableRawPointer(c.pointee.children)?.assumingMemoryBound(to: xmlEntity.self),
                   let content = ent.pointee.content,
                   strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self)) <= Self.entityLimit {
                    appendText(content)
                }
            case XML_ELEMENT_NODE where depth < Self.depthLimit:
                let name = c.localName
                bytes.append(0x3C)
                bytes.append(contentsOf: name.utf8)
                bytes.append(0x3E)
                collect(childrenOf: c, depth: depth + 1)
                bytes.append(contentsOf: [0x3C, 0x2F])
                bytes.append(contentsOf: name.utf8)
                bytes.append(0x3E)
            default:
                break
            }
            child = c.pointee.next
        }
    }

    private mutating func appendText(_ p: UnsafePointer<xmlChar>) {
        switch kind {
        case .html:
            appendCString(p, to: &bytes, limit: Self.textLimit)
        case .plain:
            // Literal text: escape what the HTML reduction would otherwise read as markup.
            var q = p
            while q.pointee != 0, bytes.count < Self.textLimit {
                switch q.pointee {
                case 0x3C: bytes.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])
                case 0x26: bytes.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])
                default: bytes.append(q.pointee)
                }
                q += 1
            }
        }
    }
}

extension UnsafeMutablePointer where Pointee == xmlNode {
    /// The element's content reduced to plain text.
    func plainText(_ kind: TextKind = .html, limit: Int = 1 << 16, leadLength: Int? = nil) -> String {
        // Fast path: one text node, read in place.
        if let only = pointee.children, only.pointee.next == nil,
           only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE,
           let content = only.pointee.content {
            let length = min(strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self)), MarkupCollector.textLimit)
            return PlainText.reduce(UnsafeBufferPointer(start: content, count: length), html: kind == .html,
                                    limit: limit, leadLength: leadLength)
        }
        var collector = MarkupCollector(kind: kind)
        collector.collect(childrenOf: self)
        return collector.bytes.withUnsafeBufferPointer {
            PlainText.reduce($0, html: true, limit: limit, leadLength: leadLength)
        }
    }

    /// The raw text content (for links, ids, dates): text and CDATA only, trimmed.
    var rawText: String {
        if let only = pointee.children, only.pointee.next == nil,
           only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE,
           let content = only.pointee.content {
            return String(cString: content).trimmedASCII
        }
        var bytes = [UInt8]()
        var child = pointee.children
        while let c = child, bytes.count < 8192 {
            if c.pointee.type == XML_TEXT_NODE || c.pointee.type == XML_CDATA_SECTION_NODE, let content = c.pointee.content {
                appendCString(content, to: &bytes, limit: 8192)
            }
            child = c.pointee.next
        }
        return String(decoding: bytes, as: UTF8.self).trimmedASCII
    }
}
