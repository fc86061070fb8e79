import CLibXML2

/// Turns a link as written into an absolute http(s) address, or nothing.
///
/// Relative links resolve against the nearest `xml:base` (libxml2 walks it up the tree and
/// falls back to the document address, which is `ParseOptions.baseURL`), then the feed's
/// own address. Only http and https survive: `javascript:`, `mailto:`, `file:` never reach
/// a reader.
enum LinkResolver {
    static func resolve(_ raw: String, node: XMLNodePointer?, document: xmlDocPtr?, fallbackBase: String?) -> String? {
        let link = raw.trimmedASCII
        guard !link.isEmpty, link.utf8.count < 4096 else { return nil }
        if isAbsoluteHTTP(link) { return cleaned(link) }
        if hasScheme(link) { return nil }
        var base: String? = nil
        if let node, let document, let b = xmlNodeGetBase(document, node) {
            base = String(cString: b)
            revue_xml_free(b)
        }
        if base == nil || !(base.map(isAbsoluteHTTP) ?? false) { base = fallbackBase ?? base }
        guard let base, isAbsoluteHTTP(base) else { return nil }
        return join(link, base: base)
    }

    /// RFC 3986 resolution through libxml2.
    static func join(_ link: String, base: String) -> String? {
        guard let built = xmlBuildURI(link, base) else { return nil }
        defer { revue_xml_free(built) }
        let result = String(cString: built)
        return isAbsoluteHTTP(result) ? cleaned(result) : nil
    }

    static func isAbsoluteHTTP(_ s: String) -> Bool {
        var u = s.utf8.makeIterator()
        guard let h = u.next(), h | 0x20 == 0x68, let t1 = u.next(), t1 | 0x20 == 0x74,
              let t2 = u.next(), t2 | 0x20 == 0x74, let p = u.next(), p | 0x20 == 0x70 else { return false }
        var c = u.next()
        if c.map({ $0 | 0x20 == 0x73 }) == true { c = u.next() }  // https
        guard c == 0x3A, u.next() == 0x2F, u.next() == 0x2F, u.next() != nil else { return false }
        return true
    }

    static func hasScheme(_ s: String) -> Bool {
        for (i, c) in s.utf8.enumerated() {
            if c == 0x3A { return i > 0 }
            let letter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
            let other = (c >= 0x30 && c <= 0x39) || c == 0x2B || c == 0x2D || c == 0x2E
            if !(letter || (i > 0 && other)) { return false }
        }
        return false
    }

    /// Spaces inside an address are percent-encoded rather than breaking it.
    static func cleaned(_ s: String) -> String {
        var needsWork = false
        var copy = s
        copy.withUTF8 { b in for c in b where c <= 0x20 { needsWork = true; break } }
        guard needsWork else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case " ": out += "%20"
            case "\n", "\r", "\t": continue
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
