#if canImport(Glibc)
import Glibc
#endif

/// Rewrites the entity references an XML parser would reject, before libxml2 sees the bytes:
/// real feeds write HTML entities (`&eacute;`, `&nbsp;`) without declaring them, bare
/// ampersands ("AT&T"), and windows-1252 numbers (`&#146;`). XML's five entities, numeric
/// references and entities the document declares itself are left alone; CDATA sections,
/// comments and the DOCTYPE are copied untouched.
enum EntityRepair {
    /// The repaired document, or nil if nothing needed repair.
    static func repair(_ b: UnsafeRawBufferPointer) -> [UInt8]? {
        let n = b.count
        var out: [UInt8]? = nil
        var copied = 0  // input bytes before this index are already in `out` (when out != nil)
        var declared = Set<String>()
        var i = 0

        func begin(_ upTo: Int) {
            if out == nil {
                out = []
                out!.reserveCapacity(n + 256)
            }
            out!.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[copied..<upTo]))
        }

        guard let base = b.baseAddress, memchr(base, 0x26, n) != nil else { return nil }
        // The next "<!" (CDATA, comment, DOCTYPE), found with memmem and cached.
        var nextBang = -1
        func findBang(from: Int) -> Int {
            var at = from
            while at < n, let p = memchr(base + at, 0x3C, n - at) {
                let lt = base.distance(to: UnsafeRawPointer(p))
                if lt + 1 < n, b[lt + 1] == 0x21 { return lt }
                at = lt + 1
            }
            return n
        }
        while i < n {
            // Jump to the next "&" or "<!", whichever comes first.
            if nextBang < i { nextBang = findBang(from: i) }
            let amp = memchr(base + i, 0x26, n - i).map { base.distance(to: UnsafeRawPointer($0)) } ?? n
            if amp >= n && nextBang >= n { break }
            i = min(amp, nextBang)
            let c = b[i]
            if c == 0x3C {  // skip CDATA, comments and the DOCTYPE
                if matches(b, i, "<![CDATA[") {
                    i = (find(b, "]]>", from: i + 9) ?? n - 3) + 3
                    continue
                }
                if matches(b, i, "<!--") {
                    i = (find(b, "-->", from: i + 4) ?? n - 3) + 3
                    continue
                }
                if matches(b, i, "<!DOCTYPE") {
                    let end = endOfDoctype(b, from: i)
                    declared = declaredEntities(b, i, end)
                    i = end
                    continue
                }
                i += 1
                continue
            }
            if c != 0x26 { i += 1; continue }
            // An "&": find what follows.
            var j = i + 1
            if j < n, b[j] == 0x23 {  // numeric
                j += 1
                var hex = false
                var upperX = false
                if j < n, b[j] | 0x20 == 0x78 { hex = true; upperX = b[j] == 0x58; j += 1 }
                let start = j
                let v: UInt32
                (v, j) = PlainText.referenceDigits(b, from: j, hex: hex)
                if j > start, j < n, b[j] == 0x3B {
                    if isXMLChar(v) && !(v >= 0x80 && v <= 0x9F) && !upperX { i = j + 1; continue }
                    begin(i)
                    writeScalar(PlainText.numericScalar(v), to: &out!)
                    i = j + 1
                    copied = i
                    continue
                }
                begin(i)
                out!.append(contentsOf: Array("&amp;".utf8))
                i += 1
                copied = i
                continue
            }
            let start = j
            while j < n, j - start < 40, PlainText.isNameByte(b[j]) { j += 1 }
            if j > start, j < n, b[j] == 0x3B {
                if isPredefined(b, start, j) { i = j + 1; continue }
                let name = String(decoding: UnsafeRawBufferPointer(rebasing: b[start..<j]), as: UTF8.self)
                if declared.contains(name) {
                    i = j + 1
                    continue
                }
                if let points = HTMLEntities.characters(named: name) {
                    begin(i)
                    for p in points { writeScalar(p, to: &out!) }
                    i = j + 1
                    copied = i
                    continue
                }
            }
            // A bare ampersand or an unknown name: escape the ampersand itself.
            begin(i)
            out!.append(contentsOf: Array("&amp;".utf8))
            i += 1
            copied = i
        }
        if out != nil { out!.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[copied..<n])) }
        return out
    }

    /// amp, lt, gt, quot or apos, compared as bytes (most references in feeds are these).
    @inline(__always)
    static func isPredefined(_ b: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> Bool {
        switch e - s {
        case 2: return (b[s] == 0x6C || b[s] == 0x67) && b[s + 1] == 0x74  // lt gt
        case 3: return b[s] == 0x61 && b[s + 1] == 0x6D && b[s + 2] == 0x70  // amp
        case 4:
            return (b[s] == 0x71 && b[s + 1] == 0x75 && b[s + 2] == 0x6F && b[s + 3] == 0x74)  // quot
                || (b[s] == 0x61 && b[s + 1] == 0x70 && b[s + 2] == 0x6F && b[s + 3] == 0x73)  // apos
        default: return false
        }
    }

    /// Writes a character safely inside XML text: markup characters as references.
    static func writeScalar(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0x3C: out.append(contentsOf: Array("&lt;".utf8))
        case 0x26: out.append(contentsOf: Array("&amp;".utf8))
        case 0x3E: out.append(contentsOf: Array("&gt;".utf8))
        case 0x22: out.append(contentsOf: Array("&quot;".utf8))
        default: Transcoder.appendUTF8(isXMLChar(v) ? v : 0xFFFD, to: &out)
        }
    }

    static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD)
            || (v >= 0x10000 && v <= 0x10FFFF)
    }

    static func endOfDoctype(_ b: UnsafeRawBufferPointer, from: Int) -> Int {
        var i = from
        var bracket = false
        var quote: UInt8 = 0
        while i < b.count {
            let c = b[i]
            if quote != 0 { if c == quote { quote = 0 } }
            else if c == 0x22 || c == 0x27 { quote = c }
            else if c == 0x5B { bracket = true }
            else if c == 0x5D { bracket = false }
            else if c == 0x3E && !bracket { return i + 1 }
            i += 1
        }
        return b.count
    }

    /// Names of `<!ENTITY name ...>` declarations in the internal subset.
    static func declaredEntities(_ b: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> Set<String> {
        var names = Set<String>()
        var i = from
        while let at = find(b, "<!ENTITY", from: i), at < to {
            var j = at + 8
            while j < to, b[j] == 0x20 || b[j] == 0x09 || b[j] == 0x0A || b[j] == 0x0D || b[j] == 0x25 { j += 1 }
            let s = j
            while j < to, PlainText.isNameByte(b[j]) { j += 1 }
            if j > s { names.insert(String(decoding: UnsafeRawBufferPointer(rebasing: b[s..<j]), as: UTF8.self)) }
            i = j
        }
        return names
    }

    static func matches(_ b: UnsafeRawBufferPointer, _ i: Int, _ s: StaticString) -> Bool {
        let len = s.utf8CodeUnitCount
        guard i + len <= b.count else { return false }
        let p = s.utf8Start
        for k in 0..<len where b[i + k] != p[k] { return false }
        return true
    }

    static func find(_ b: UnsafeRawBufferPointer, _ s: StaticString, from: Int) -> Int? {
        var i = from
        let len = s.utf8CodeUnitCount
        let first = s.utf8Start[0]
        while i + len <= b.count {
            if b[i] == first && matches(b, i, s) { return i }
            i += 1
        }
        return nil
    }
}
