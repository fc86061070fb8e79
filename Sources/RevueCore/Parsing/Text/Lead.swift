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

    /// Byte offset of the scalar number `k` (from 0), or -1 if the text is shorter. Counts
    /// eight bytes at a time: a scalar starts at every byte that is not 10xxxxxx.
    /// `from` and `scalarsBefore` resume a count: byte `from` starts scalar `scalarsBefore`.
    static func offset(ofScalar k: Int, in b: UnsafeMutableBufferPointer<UInt8>, count: Int,
                       from: Int = 0, scalarsBefore: Int = 0) -> Int {
        guard let base = b.baseAddress else { return -1 }
        var scalars = scalarsBefore
        var i = from
        while i + 8 <= count {
            let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let continuation = (x & ~(x << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            if scalars + 8 - continuation > k { break }
            scalars += 8 - continuation
            i += 8
        }
        while i < count {
            if b[i] & 0xC0 != 0x80 {
                if scalars == k { return i }
                scalars += 1
            }
            i += 1
        }
        return -1
    }

    /// Cuts UTF-8 text in place and returns its new length. The buffer must have 3 bytes of
    /// room after `count` for the "…".
    static func cut(_ b: UnsafeMutableBufferPointer<UInt8>, count: Int, maxLength: Int = defaultLength) -> Int {
        if count <= maxLength { return count }
        // Byte offsets where scalar number `maxLength` starts, and where half of it starts.
        let half = offset(ofScalar: maxLength / 2, in: b, count: count)
        let cut = half < 0 ? -1 : offset(ofScalar: maxLength, in: b, count: count, from: half, scalarsBefore: maxLength / 2)
        guard cut > 0, half >= 0 else { return count }
        var i: Int
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
