#if canImport(Glibc)
import Glibc
#endif

/// A strictly well-formed XML document read in one pass into a flat table of elements, for
/// the common case: plain RSS 2.0 and Atom feeds. It is a fast path beside libxml2's DOM,
/// not a general XML parser: it accepts only what it fully understands and says nil for
/// anything else (a DOCTYPE with an internal subset, processing instructions, prefixed
/// element names, namespace declarations other than the Atom default, xml:base, entities
/// other than XML's five and character references, non-ASCII names, control characters,
/// deep nesting...), and the caller then parses the document with libxml2 as before.
///
/// What it accepts, it reads exactly as libxml2 would (without `XML_PARSE_NOENT`): text is
/// the concatenation of character data and CDATA sections (not comments) with references
/// decoded and line ends normalised; attribute values are decoded and their white space
/// normalised. No entity is ever expanded, so no input can make it build large text.
struct FlatXML {
    /// One element: its name, its attributes and the raw bytes between its tags.
    struct Node {
        var name: Range<Int>
        /// The bytes between the start and end tags (empty for `<x/>`).
        var content: Range<Int>
        /// Indices into `attributes`.
        var attributes: Range<Int>
        /// The first child element, -1 for none.
        var firstChild = -1
        var nextSibling = -1
        /// The content holds references, CDATA sections, comments or carriage returns: its
        /// text must be decoded rather than read in place.
        var needsDecoding = false
    }

    struct Attribute {
        var name: Range<Int>
        var value: Range<Int>
        /// The value holds references or white space other than spaces.
        var needsDecoding: Bool
    }

    let bytes: UnsafeRawBufferPointer
    var elements: [Node] = []
    var attributes: [Attribute] = []
    /// The default namespace the root element declares (.none, .atom10 or .atom03).
    var rootNamespace: XMLNamespace = .none

    /// Beyond these, libxml2 (or the DOM path's own limits) would behave differently or the
    /// document is not a plain feed: leave it to libxml2.
    static let maxDocumentBytes = 8 << 20
    static let maxDepth = 64
    static let maxNameLength = 256
    static let maxAttributesPerElement = 32
    static let maxElements = 1 << 18

    /// The document's elements, or nil when it is not a document this reader accepts.
    static func read(_ bytes: UnsafeRawBufferPointer) -> FlatXML? {
        guard bytes.count > 0, bytes.count <= maxDocumentBytes, bytes.baseAddress != nil else { return nil }
        var document = FlatXML(bytes: bytes)
        document.elements.reserveCapacity(bytes.count / 80 + 16)
        document.attributes.reserveCapacity(bytes.count / 400 + 16)
        return document.scan() ? document : nil
    }

    private init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var root: Int { 0 }

    // MARK: Reading the table

    func children(of e: Int) -> ChildSequence { ChildSequence(elements: elements, upcoming: elements[e].firstChild) }

    struct ChildSequence: Sequence, IteratorProtocol {
        let elements: [Node]
        var upcoming: Int
        mutating func next() -> Int? {
            let current = upcoming
            guard current >= 0 else { return nil }
            upcoming = elements[current].nextSibling
            return current
        }
    }

    func firstChild(of e: Int, named name: StaticString) -> Int? {
        for child in children(of: e) where named(child, name) { return child }
        return nil
    }

    func named(_ e: Int, _ name: StaticString) -> Bool {
        equal(elements[e].name, name, ignoringCase: false)
    }

    func namedIgnoringCase(_ e: Int, _ name: StaticString) -> Bool {
        equal(elements[e].name, name, ignoringCase: true)
    }

    private func equal(_ r: Range<Int>, _ s: StaticString, ignoringCase: Bool) -> Bool {
        guard r.count == s.utf8CodeUnitCount else { return false }
        let p = s.utf8Start
        var k = 0
        for i in r {
            let a = bytes[i], b = p[k]
            if a != b && !(ignoringCase && a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A) { return false }
            k += 1
        }
        return true
    }

    /// An unprefixed attribute's value, decoded.
    func attribute(_ e: Int, _ name: StaticString) -> String? {
        for a in elements[e].attributes where equal(attributes[a].name, name, ignoringCase: false) {
            return value(of: attributes[a])
        }
        return nil
    }

    /// xml:lang on this element, as `XMLNodePointer.xmlLang` reads it.
    func xmlLang(_ e: Int) -> String? {
        for a in elements[e].attributes where equal(attributes[a].name, "xml:lang", ignoringCase: false) {
            let v = value(of: attributes[a]).trimmedASCII
            return v.isEmpty ? nil : v
        }
        return nil
    }

    private func value(of a: Attribute) -> String {
        if !a.needsDecoding { return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[a.value]), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(a.value.count)
        decode(a.value, into: &out, attribute: true)
        return String(decoding: out, as: UTF8.self)
    }

    /// The element's text (character data and CDATA, decoded, comments left out, as the DOM
    /// path joins the text nodes around them), or nil when its content holds elements, which
    /// this reader leaves to the DOM path.
    func withText<R>(_ e: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let element = elements[e]
        guard element.firstChild < 0 else { return nil }
        if !element.needsDecoding {
            let raw = UnsafeRawBufferPointer(rebasing: bytes[element.content])
            return body(raw.bindMemory(to: UInt8.self))
        }
        var out: [UInt8] = []
        out.reserveCapacity(element.content.count)
        decode(element.content, into: &out, attribute: false)
        return out.withUnsafeBufferPointer(body)
    }

    /// Decodes content or an attribute value already checked by `scan`.
    private func decode(_ range: Range<Int>, into out: inout [UInt8], attribute: Bool) {
        var i = range.lowerBound
        let end = range.upperBound
        var run = i
        func flush(_ upTo: Int) {
            if upTo > run { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[run..<upTo])) }
        }
        let base = bytes.baseAddress!
        while i < end {
            // Eight bytes at a time while none is "&", "<" or a control character.
            if i + 8 <= end {
                let flags = Self.decodingFlags(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                if flags == 0 { i += 8; continue }
                i += flags.trailingZeroBitCount >> 3  // the first byte that may need work
            }
            let c = bytes[i]
            switch c {
            case 0x26:  // &
                flush(i)
                let (scalar, next) = reference(at: i)
                Transcoder.appendUTF8(scalar, to: &out)
                i = next
                run = i
            case 0x0D:
                flush(i)
                out.append(attribute ? 0x20 : 0x0A)
                i += 1
                if i < end, bytes[i] == 0x0A { i += 1 }
                run = i
            case 0x09, 0x0A:
                if attribute {
                    flush(i)
                    out.append(0x20)
                    run = i + 1
                }
                i += 1
            case 0x3C where bytes[i + 2] == 0x2D:  // <!-- ... --> (never in an attribute value)
                flush(i)
                i += 4
                while !(bytes[i] == 0x2D && bytes[i + 1] == 0x2D) { i += 1 }
                i += 3
                run = i
            case 0x3C:  // <![CDATA[ ... ]]> (never in an attribute value)
                flush(i)
                i += 9
                run = i
                while !(bytes[i] == 0x5D && bytes[i + 1] == 0x5D && bytes[i + 2] == 0x3E) {
                    if bytes[i] == 0x0D {
                        flush(i)
                        out.append(0x0A)
                        if bytes[i + 1] == 0x0A { i += 1 }
                        run = i + 1
                    }
                    i += 1
                }
                flush(i)
                i += 3
                run = i
            default:
                i += 1
            }
        }
        flush(end)
    }

    /// 0x80 at (at least) the first of the eight bytes that is "&", "<" or a control
    /// character, 0 if none is. Flags above the first may be false alarms (borrows), the
    /// lowest one never is.
    @inline(__always) private static func decodingFlags(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeros(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        return ((x &- ones &* 0x20) & ~x & highs) | zeros(x ^ (ones &* 0x26)) | zeros(x ^ (ones &* 0x3C))
    }

    /// The character a reference checked by `scan` stands for, and the index after it.
    private func reference(at i: Int) -> (UInt32, Int) {
        let c1 = bytes[i + 1]
        if c1 == 0x23 {
            var j = i + 2
            let hex = bytes[j] == 0x78
            if hex { j += 1 }
            var v: UInt32 = 0
            while bytes[j] != 0x3B {
                let d = bytes[j]
                v = v &* (hex ? 16 : 10) &+ UInt32(d <= 0x39 ? d - 0x30 : (d | 0x20) - 0x61 + 10)
                j += 1
            }
            return (v, j + 1)
        }
        switch c1 {
        case 0x6C: return (0x3C, i + 4)  // &lt;
        case 0x67: return (0x3E, i + 4)  // &gt;
        case 0x71: return (0x22, i + 6)  // &quot;
        default: return bytes[i + 2] == 0x6D ? (0x26, i + 5) : (0x27, i + 6)  // &amp; &apos;
        }
    }
}

// MARK: - The scan

extension FlatXML {
    /// Reads the whole document; false at the first thing outside the accepted subset.
    private mutating func scan() -> Bool {
        let n = bytes.count
        var i = 0
        if starts("<?xml", at: 0) {
            guard let end = xmlDeclarationEnd() else { return false }
            i = end
        }
        var stack: [Int] = []
        var lastChild: [Int] = []
        stack.reserveCapacity(16)
        lastChild.reserveCapacity(16)
        var rootSeen = false
        var doctypeSeen = false
        while i < n {
            guard let current = stack.last else {
                // Outside the root: white space and comments only, one root element.
                while i < n, isSpace(bytes[i]) { i += 1 }
                if i >= n { break }
                guard bytes[i] == 0x3C else { return false }
                if starts("<!--", at: i) {
                    guard let end = commentEnd(from: i) else { return false }
                    i = end
                    continue
                }
                if starts("<!DOCTYPE", at: i) {
                    // libxml2 reads no external DTD here (no DTDLOAD, NONET), so a declaration
                    // that names one changes nothing. An internal subset may declare entities:
                    // left to libxml2.
                    guard !rootSeen, !doctypeSeen, let end = doctypeEnd(from: i) else { return false }
                    doctypeSeen = true
                    i = end
                    continue
                }
                guard !rootSeen, let (end, empty) = startTag(at: i, isRoot: true) else { return false }
                rootSeen = true
                i = end
                if !empty {
                    stack.append(elements.count - 1)
                    lastChild.append(-1)
                } else {
                    elements[elements.count - 1].content = end..<end
                }
                continue
            }
            // Inside an element: character data up to the next "<".
            guard let lt = textEnd(from: i, element: current) else { return false }
            i = lt
            guard i + 1 < n else { return false }
            let next = bytes[i + 1]
            if next == 0x2F {  // </name>
                let name = elements[current].name
                let nameEnd = i + 2 + name.count
                guard nameEnd < n, memcmp(bytes.baseAddress! + i + 2, bytes.baseAddress! + name.lowerBound, name.count) == 0 else {
                    return false
                }
                var j = nameEnd
                while j < n, isSpace(bytes[j]) { j += 1 }
                guard j < n, bytes[j] == 0x3E else { return false }
                elements[current].content = elements[current].content.lowerBound..<i
                stack.removeLast()
                lastChild.removeLast()
                i = j + 1
            } else if next == 0x21 {  // <!-- or <![CDATA[
                if starts("<!--", at: i) {
                    guard let end = commentEnd(from: i) else { return false }
                    elements[current].needsDecoding = true
                    i = end
                } else if starts("<![CDATA[", at: i) {
                    guard let end = cdataEnd(from: i + 9) else { return false }
                    elements[current].needsDecoding = true
                    i = end
                } else {
                    return false
                }
            } else {
                guard stack.count < Self.maxDepth, elements.count < Self.maxElements,
                      let (end, empty) = startTag(at: i, isRoot: false) else { return false }
                let child = elements.count - 1
                if let previous = lastChild.last, previous >= 0 { elements[previous].nextSibling = child }
                else { elements[current].firstChild = child }
                lastChild[lastChild.count - 1] = child
                i = end
                if empty {
                    elements[child].content = end..<end
                } else {
                    stack.append(child)
                    lastChild.append(-1)
                }
            }
        }
        return rootSeen && stack.isEmpty
    }

    @inline(__always) private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }
    @inline(__always) private func isNameStart(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x5F }
    @inline(__always) private func isNameByte(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2E
    }

    private func starts(_ s: StaticString, at i: Int) -> Bool {
        let len = s.utf8CodeUnitCount
        guard i + len <= bytes.count else { return false }
        return memcmp(bytes.baseAddress! + i, s.utf8Start, len) == 0
    }

    /// A name of ASCII name characters with at most one inner colon; its end, or nil.
    private func nameEnd(from i: Int, colon: inout Int) -> Int? {
        let n = bytes.count
        guard i < n, isNameStart(bytes[i]) else { return nil }
        var j = i + 1
        colon = -1
        while j < n {
            let c = bytes[j]
            if isNameByte(c) { j += 1; continue }
            if c == 0x3A, colon < 0, j + 1 < n, isNameStart(bytes[j + 1]) { colon = j; j += 1; continue }
            break
        }
        return j - i <= Self.maxNameLength ? j : nil
    }

    /// Parses a start tag at `i` ("<name attr="v" ...>" or "/>") and appends its element;
    /// returns the index after it and whether it was empty.
    private mutating func startTag(at i: Int, isRoot: Bool) -> (Int, Bool)? {
        let n = bytes.count
        var colon = -1
        guard let nameEnd = nameEnd(from: i + 1, colon: &colon), colon < 0 else { return nil }
        let firstAttribute = attributes.count
        var j = nameEnd
        var empty = false
        while true {
            var sawSpace = false
            while j < n, isSpace(bytes[j]) { j += 1; sawSpace = true }
            guard j < n else { return nil }
            let c = bytes[j]
            if c == 0x3E { j += 1; break }
            if c == 0x2F {
                guard j + 1 < n, bytes[j + 1] == 0x3E else { return nil }
                j += 2
                empty = true
                break
            }
            guard sawSpace, attributes.count - firstAttribute < Self.maxAttributesPerElement,
                  let end = attribute(at: j, isRoot: isRoot, firstAttribute: firstAttribute) else { return nil }
            j = end
        }
        elements.append(Node(name: (i + 1)..<nameEnd, content: j..<j, attributes: firstAttribute..<attributes.count))
        return (j, empty)
    }

    /// One attribute `name="value"`, checked and appended; the index after it.
    private mutating func attribute(at i: Int, isRoot: Bool, firstAttribute: Int) -> Int? {
        let n = bytes.count
        var colon = -1
        guard let nameEnd = nameEnd(from: i, colon: &colon) else { return nil }
        let name = i..<nameEnd
        if colon >= 0 {
            // Only xml:lang; xml:base, other xml: attributes and prefixed names go to libxml2.
            guard nameEnd - i == 8, starts("xml:lang", at: i) else { return nil }
        }
        var j = nameEnd
        while j < n, isSpace(bytes[j]) { j += 1 }
        guard j < n, bytes[j] == 0x3D else { return nil }
        j += 1
        while j < n, isSpace(bytes[j]) { j += 1 }
        guard j < n, bytes[j] == 0x22 || bytes[j] == 0x27 else { return nil }
        let quote = bytes[j]
        let valueStart = j + 1
        j = valueStart
        var needsDecoding = false
        while true {
            guard j < n else { return nil }
            let c = bytes[j]
            if c == quote { break }
            switch c {
            case 0x3C: return nil
            case 0x26:
                guard let end = referenceEnd(at: j) else { return nil }
                needsDecoding = true
                j = end
                continue
            case 0x09, 0x0A, 0x0D: needsDecoding = true
            case 0x00...0x1F: return nil
            case 0xEF: if !validEF(at: j) { return nil }
            default: break
            }
            j += 1
        }
        let value = valueStart..<j
        // No duplicate names (libxml2 reports them as errors).
        for a in firstAttribute..<attributes.count where attributes[a].name.count == name.count {
            if memcmp(bytes.baseAddress! + attributes[a].name.lowerBound, bytes.baseAddress! + i, name.count) == 0 { return nil }
        }
        if name.count >= 5, starts("xmlns", at: i) {
            // The Atom default namespace on the root, nothing else.
            guard name.count == 5, isRoot, !needsDecoding else { return nil }
            var uri = Array(UnsafeRawBufferPointer(rebasing: bytes[value]))
            uri.append(0)
            let ns = uri.withUnsafeBufferPointer { XMLNamespace.of($0.baseAddress) }
            guard ns == .atom10 || ns == .atom03 else { return nil }
            rootNamespace = ns
        }
        attributes.append(Attribute(name: name, value: value, needsDecoding: needsDecoding))
        return j + 1
    }

    /// The end of XML's five entities or a character reference of a valid character.
    private func referenceEnd(at i: Int) -> Int? {
        let n = bytes.count
        guard i + 3 < n else { return nil }
        let c1 = bytes[i + 1]
        if c1 == 0x23 {
            var j = i + 2
            let hex = bytes[j] == 0x78
            if hex { j += 1 }
            let start = j
            var v: UInt32 = 0
            while j < n, j - start < 7 {
                let d = bytes[j]
                if d >= 0x30 && d <= 0x39 { v = v * (hex ? 16 : 10) + UInt32(d - 0x30) }
                else if hex, (d | 0x20) >= 0x61, (d | 0x20) <= 0x66 { v = v * 16 + UInt32((d | 0x20) - 0x61 + 10) }
                else { break }
                j += 1
            }
            // C1 numbers are windows-1252 characters that entity repair rewrites: left to it.
            guard j > start, j < n, bytes[j] == 0x3B, EntityRepair.isXMLChar(v), !(v >= 0x80 && v <= 0x9F) else { return nil }
            return j + 1
        }
        // Byte by byte rather than memcmp: descriptions hold one of these every few words.
        let c2 = bytes[i + 2], c3 = bytes[i + 3]
        switch c1 {
        case 0x6C, 0x67:  // &lt; &gt;
            return c2 == 0x74 && c3 == 0x3B ? i + 4 : nil
        case 0x61:  // &amp; &apos;
            guard i + 4 < n else { return nil }
            if c2 == 0x6D && c3 == 0x70 && bytes[i + 4] == 0x3B { return i + 5 }
            return starts("&apos;", at: i) ? i + 6 : nil
        case 0x71:  // &quot;
            return starts("&quot;", at: i) ? i + 6 : nil
        default:
            return nil
        }
    }

    /// U+FFFE and U+FFFF are not XML characters.
    @inline(__always) private func validEF(at i: Int) -> Bool {
        !(i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF))
    }

    /// 0x80 at the first of the eight bytes that is below 0x20, '<', '&', ']' or 0xEF (the
    /// bytes the text loop must look at one by one), 0 if none is; as `decodingFlags`.
    @inline(__always) private static func specialFlags(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeros(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        return ((x &- ones &* 0x20) & ~x & highs) | zeros(x ^ (ones &* 0x3C)) | zeros(x ^ (ones &* 0x26))
            | zeros(x ^ (ones &* 0x5D)) | zeros(x ^ (ones &* 0xEF))
    }

    /// Character data from `i`: checks it and returns the index of the next "<".
    private mutating func textEnd(from start: Int, element: Int) -> Int? {
        let n = bytes.count
        let base = bytes.baseAddress!
        var i = start
        while i < n {
            if i + 8 <= n {
                let flags = Self.specialFlags(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                if flags == 0 { i += 8; continue }
                i += flags.trailingZeroBitCount >> 3  // the first byte that may be special
            }
            let c = bytes[i]
            switch c {
            case 0x3C:
                return i
            case 0x26:
                guard let end = referenceEnd(at: i) else { return nil }
                elements[element].needsDecoding = true
                i = end
                continue
            case 0x5D:
                if i + 2 < n, bytes[i + 1] == 0x5D, bytes[i + 2] == 0x3E { return nil }  // "]]>" in text
            case 0x0D:
                elements[element].needsDecoding = true
            case 0x09, 0x0A:
                break
            case 0x00...0x1F:
                return nil
            case 0xEF:
                if !validEF(at: i) { return nil }
            default:
                break
            }
            i += 1
        }
        return nil  // the document ended inside an element
    }

    /// Checks the characters of a comment or CDATA section body.
    private func validCharacters(_ range: Range<Int>) -> Bool {
        for i in range {
            let c = bytes[i]
            if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D { return false }
            if c == 0xEF && !validEF(at: i) { return false }
        }
        return true
    }

    /// The index after the comment starting at `i` ("<!--"); nil if "--" appears inside.
    private func commentEnd(from i: Int) -> Int? {
        let n = bytes.count
        var j = i + 4
        while j + 1 < n {
            if bytes[j] == 0x2D && bytes[j + 1] == 0x2D {
                guard j + 2 < n, bytes[j + 2] == 0x3E, validCharacters((i + 4)..<j) else { return nil }
                return j + 3
            }
            j += 1
        }
        return nil
    }

    /// The index after the "]]>" that ends a CDATA section whose body starts at `i`.
    private func cdataEnd(from i: Int) -> Int? {
        let n = bytes.count
        var j = i
        while j + 2 < n {
            if bytes[j] == 0x5D && bytes[j + 1] == 0x5D && bytes[j + 2] == 0x3E {
                return validCharacters(i..<j) ? j + 3 : nil
            }
            j += 1
        }
        return nil
    }

    /// `<!DOCTYPE name>`, `<!DOCTYPE name SYSTEM "uri">` or `<!DOCTYPE name PUBLIC "id" "uri">`
    /// at `i` (the Netscape RSS 0.91 declaration, an XHTML one); the index after it, or nil for
    /// anything else, an internal subset included.
    private func doctypeEnd(from i: Int) -> Int? {
        let n = bytes.count
        var j = i + 9
        func spaces() -> Bool {
            let s = j
            while j < n, isSpace(bytes[j]) { j += 1 }
            return j > s
        }
        func literal(publicID: Bool) -> Bool {
            guard j < n, bytes[j] == 0x22 || bytes[j] == 0x27 else { return false }
            let quote = bytes[j]
            j += 1
            while j < n, bytes[j] != quote {
                let c = bytes[j]
                if publicID {
                    // XML's PubidChar.
                    guard isSpace(c) && c != 0x09 || (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A)
                            || "-'()+,./:=?;!*#@$_%".utf8.contains(c) else { return false }
                } else {
                    guard c >= 0x20 || isSpace(c), c != 0xEF || validEF(at: j) else { return false }
                }
                j += 1
            }
            guard j < n else { return false }
            j += 1
            return true
        }
        var colon = -1
        guard spaces(), let nameEnd = nameEnd(from: j, colon: &colon) else { return nil }
        j = nameEnd
        if spaces() {
            if starts("PUBLIC", at: j) {
                j += 6
                guard spaces(), literal(publicID: true), spaces(), literal(publicID: false) else { return nil }
                _ = spaces()
            } else if starts("SYSTEM", at: j) {
                j += 6
                guard spaces(), literal(publicID: false) else { return nil }
                _ = spaces()
            }
        }
        guard j < n, bytes[j] == 0x3E else { return nil }
        return j + 1
    }

    /// `<?xml version="1.0" [encoding="..."] [standalone="yes|no"] ?>`, strictly; the index
    /// after it.
    private func xmlDeclarationEnd() -> Int? {
        let n = bytes.count
        var j = 5
        func spaces() -> Bool {
            let s = j
            while j < n, isSpace(bytes[j]) { j += 1 }
            return j > s
        }
        func pseudoAttribute(_ name: StaticString, _ valid: (Range<Int>) -> Bool) -> Bool {
            guard starts(name, at: j) else { return false }
            j += name.utf8CodeUnitCount
            _ = spaces()
            guard j < n, bytes[j] == 0x3D else { return false }
            j += 1
            _ = spaces()
            guard j < n, bytes[j] == 0x22 || bytes[j] == 0x27 else { return false }
            let quote = bytes[j]
            let s = j + 1
            j = s
            while j < n, bytes[j] != quote, bytes[j] != 0x3E { j += 1 }
            guard j < n, bytes[j] == quote, valid(s..<j) else { return false }
            j += 1
            return true
        }
        guard spaces(), pseudoAttribute("version", { r in r.count == 3 && starts("1.0", at: r.lowerBound) }) else { return nil }
        var space = spaces()
        if space, starts("encoding", at: j) {
            let ok = pseudoAttribute("encoding") { r in
                guard let first = r.first, isNameStart(bytes[first]), bytes[first] != 0x5F else { return false }
                return r.allSatisfy { bytes[$0] == 0x5F || isNameByte(bytes[$0]) }
            }
            guard ok else { return nil }
            space = spaces()
        }
        if space, starts("standalone", at: j) {
            let ok = pseudoAttribute("standalone") { r in
                (r.count == 3 && starts("yes", at: r.lowerBound)) || (r.count == 2 && starts("no", at: r.lowerBound))
            }
            guard ok else { return nil }
            _ = spaces()
        }
        guard starts("?>", at: j) else { return nil }
        return j + 2
    }
}
