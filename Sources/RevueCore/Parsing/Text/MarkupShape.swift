#if canImport(Glibc)
import Glibc
#endif

/// Refuses documents whose shape would make libxml2 itself slow: libxml2 2.9 checks each
/// attribute of an element against all the others, so one tag with 100,000 attributes
/// takes 15 seconds. Real feeds never have tags over 64 KB with thousands of attributes.
enum MarkupShape {
    static let longTag = 1 << 16
    static let maxAttributes = 2048

    /// A reason to refuse the document, or nil.
    static func problem(_ b: UnsafeRawBufferPointer) -> String? {
        // A document shorter than a long tag cannot hold one.
        guard b.count > longTag, let base = b.baseAddress else { return nil }
        let n = b.count
        var i = 0
        while i < n, let lt = memchr(base + i, 0x3C, n - i) {
            let start = base.distance(to: UnsafeRawPointer(lt))
            // CDATA sections and comments are text: skip to their end.
            if start + 3 < n, b[start + 1] == 0x21, b[start + 2] == 0x5B || b[start + 2] == 0x2D {
                let closer: UInt8 = b[start + 2] == 0x5B ? 0x5D : 0x2D  // "]]>" or "-->"
                var k = start + 3
                while k + 2 < n, !(b[k] == closer && b[k + 1] == closer && b[k + 2] == 0x3E) {
                    guard let next = memchr(base + k + 1, Int32(closer), n - k - 1) else { return nil }
                    k = base.distance(to: UnsafeRawPointer(next))
                }
                i = k + 3
                continue
            }
            guard let gt = memchr(base + start, 0x3E, n - start) else { return nil }
            let end = base.distance(to: UnsafeRawPointer(gt))
            if end - start > longTag {
                var equals = 0
                for k in start..<end where b[k] == 0x3D { equals += 1 }
                if equals > maxAttributes { return "an element with \(equals) attributes: refused" }
            }
            i = end + 1
        }
        return nil
    }
}
