/// A summary is a short lead, not the article: long text is cut at a sentence end if one
/// falls in the second half of the allowance, else at a word boundary, and marked with "…".
enum Lead {
    static let defaultLength = 300

    /// `maxLength` counts Unicode scalars; the work is done on UTF-8 bytes.
    static func of(_ text: String, maxLength: Int = defaultLength) -> String {
        if text.utf8.count <= maxLength { return text }
        var text = text
        return text.withUTF8 { b -> String in
            // Byte offset where scalar number `maxLength` starts, and where half of it starts.
            var scalars = 0
            var cut = -1
            var half = 0
            for (i, c) in b.enumerated() where c & 0xC0 != 0x80 {
                if scalars == maxLength / 2 { half = i }
                if scalars == maxLength { cut = i; break }
                scalars += 1
            }
            guard cut > 0 else { return String(decoding: b, as: UTF8.self) }
            // Last sentence end in the second half: ". " "! " "? " or Arabic "؟ ".
            var i = cut
            while i > half {
                if b[i] == 0x20 {
                    let p = b[i - 1]
                    if p == 0x2E || p == 0x21 || p == 0x3F || (i >= 2 && b[i - 2] == 0xD8 && p == 0x9F) {
                        return String(decoding: UnsafeBufferPointer(rebasing: b[..<i]), as: UTF8.self)
                    }
                }
                i -= 1
            }
            // Else the last space.
            i = cut - 1
            while i > half {
                if b[i] == 0x20 {
                    return String(decoding: UnsafeBufferPointer(rebasing: b[..<i]), as: UTF8.self) + "…"
                }
                i -= 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: b[..<cut]), as: UTF8.self) + "…"
        }
    }
}
