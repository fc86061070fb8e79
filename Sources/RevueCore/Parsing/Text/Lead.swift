/// A summary is a short lead, not the article: long text is cut at a sentence end if one
/// falls in the second half of the allowance, else at a word boundary, and marked with "…".
enum Lead {
    static let defaultLength = 300

    /// `maxLength` counts Unicode scalars.
    static func of(_ text: String, maxLength: Int = defaultLength) -> String {
        if text.utf8.count <= maxLength { return text }
        var bytes = Array(text.utf8)
        bytes.append(contentsOf: [0, 0, 0])
        let count = bytes.withUnsafeMutableBufferPointer { cut($0, count: $0.count - 3, maxLength: maxLength) }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }

    /// Cuts UTF-8 text in place and returns its new length. The buffer must have 3 bytes of
    /// room after `count` for the "…".
    static func cut(_ b: UnsafeMutableBufferPointer<UInt8>, count: Int, maxLength: Int = defaultLength) -> Int {
        if count <= maxLength { return count }
        // Byte offset where scalar number `maxLength` starts, and where half of it starts.
        var scalars = 0
        var cut = -1
        var half = 0
        var i = 0
        while i < count {
            if b[i] & 0xC0 != 0x80 {
                if scalars == maxLength / 2 { half = i }
                if scalars == maxLength { cut = i; break }
                scalars += 1
            }
            i += 1
        }
        guard cut > 0 else { return count }
        // Last sentence end in the second half: ". " "! " "? " or Arabic "؟ ".
        i = cut
        while i > half {
            if b[i] == 0x20 {
                let p = b[i - 1]
                if p == 0x2E || p == 0x21 || p == 0x3F || (i >= 2 && b[i - 2] == 0xD8 && p == 0x9F) { return i }
            }
            i -= 1
        }
        // Else the last space; else the cut itself.
        var end = cut
        i = cut - 1
        while i > half {
            if b[i] == 0x20 { end = i; break }
            i -= 1
        }
        b[end] = 0xE2; b[end + 1] = 0x80; b[end + 2] = 0xA6  // …
        return end + 3
    }
}
