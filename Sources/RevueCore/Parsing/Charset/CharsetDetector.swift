import Foundation

/// Decides which character set a document's bytes are in.
///
/// Precedence: a byte-order mark; the HTTP `Content-Type` charset; the XML declaration or an
/// HTML `<meta>`; and whatever is declared, bytes that are valid UTF-8 with some non-ASCII
/// text stay UTF-8 (a feed that declares windows-1252 but writes UTF-8 is common; the reverse,
/// windows-1252 bytes that happen to form valid UTF-8, is vanishingly rare in real text).
enum Charset: Equatable, Sendable {
    case utf8
    case utf16LE
    case utf16BE
    case utf32LE
    case utf32BE
    case windows1252
    /// Any other label, converted with iconv.
    case other(String)
}

enum CharsetDetector {
    struct Result: Equatable {
        var charset: Charset
        /// Bytes to skip at the start (a byte-order mark).
        var skip: Int
        /// Why the declared charset was not used, if it was not.
        var warning: String?
    }

    static func detect(_ bytes: UnsafeRawBufferPointer, contentType: String?) -> Result {
        if let bom = byteOrderMark(bytes) { return bom }
        if let unmarked = unmarkedWideEncoding(bytes) { return Result(charset: unmarked, skip: 0) }

        let httpLabel = contentType.flatMap(charsetParameter(ofContentType:))
        let documentLabel = declaredCharset(bytes)
        let utf8 = UTF8Validation.check(bytes)

        for label in [httpLabel, documentLabel].compactMap({ $0 }) {
            guard let charset = charset(forLabel: label) else { continue }
            switch charset {
            case .utf8:
                if utf8 != .invalid { return Result(charset: .utf8, skip: 0) }
                // Declared UTF-8 but is not: fall through to the next declaration.
            case .utf16LE, .utf16BE, .utf32LE, .utf32BE:
                // A wide label on bytes without NULs is a wrong label: ignore it.
                continue
            default:
                if utf8 == .validNonASCII {
                    return Result(charset: .utf8, skip: 0, warning: "declared \(label) but the bytes are UTF-8")
                }
                return Result(charset: charset, skip: 0)
            }
        }
        if utf8 != .invalid { return Result(charset: .utf8, skip: 0) }
        return Result(charset: .windows1252, skip: 0, warning: "bytes are not valid UTF-8: read as windows-1252")
    }

    static func byteOrderMark(_ b: UnsafeRawBufferPointer) -> Result? {
        let n = b.count
        if n >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0, b[3] == 0 { return Result(charset: .utf32LE, skip: 4) }
        if n >= 4, b[0] == 0, b[1] == 0, b[2] == 0xFE, b[3] == 0xFF { return Result(charset: .utf32BE, skip: 4) }
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { return Result(charset: .utf8, skip: 3) }
        if n >= 2, b[0] == 0xFF, b[1] == 0xFE { return Result(charset: .utf16LE, skip: 2) }
        if n >= 2, b[0] == 0xFE, b[1] == 0xFF { return Result(charset: .utf16BE, skip: 2) }
        return nil
    }

    /// UTF-16/32 without a mark, recognised by the NULs around the first "<".
    static func unmarkedWideEncoding(_ b: UnsafeRawBufferPointer) -> Charset? {
        guard b.count >= 4 else { return nil }
        switch (b[0], b[1], b[2], b[3]) {
        case (0x3C, 0, 0, 0): return .utf32LE
        case (0, 0, 0, 0x3C): return .utf32BE
        case (0x3C, 0, _, 0): return .utf16LE
        case (0, 0x3C, 0, _): return .utf16BE
        default: return nil
        }
    }

    /// `charset=` of a Content-Type header value, unquoted.
    static func charsetParameter(ofContentType value: String) -> String? {
        for part in value.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2,
                  pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let label = pair[1].trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return label.isEmpty ? nil : label
        }
        return nil
    }

    /// The charset an XML declaration or an HTML `<meta>` names, looked for in the head
    /// (the first 8 KB: far enough for pages that put scripts before their meta).
    static func declaredCharset(_ b: UnsafeRawBufferPointer) -> String? {
        let limit = min(b.count, 8192)
        guard limit > 5 else { return nil }
        // <?xml ... encoding="X" ?>
        var start = 0
        while start < min(limit, 64), b[start] == 0x20 || b[start] == 0x0A || b[start] == 0x0D || b[start] == 0x09 { start += 1 }
        if start + 5 < limit, b[start] == 0x3C, b[start + 1] == 0x3F, b[start + 2] | 0x20 == 0x78,
           b[start + 3] | 0x20 == 0x6D, b[start + 4] | 0x20 == 0x6C {
            var end = start
            while end < limit, b[end] != 0x3E { end += 1 }
            if let v = value(after: "encoding", in: b, from: start, to: end) { return v }
            return nil
        }
        // HTML: charset= anywhere inside a <meta ...> tag.
        var i = 0
        while i + 5 < limit {
            if b[i] == 0x3C, b[i + 1] | 0x20 == 0x6D, b[i + 2] | 0x20 == 0x65, b[i + 3] | 0x20 == 0x74, b[i + 4] | 0x20 == 0x61 {
                var end = i
                while end < limit, b[end] != 0x3E { end += 1 }
                if let v = value(after: "charset", in: b, from: i, to: end) { return v }
                i = end
            }
            i += 1
        }
        return nil
    }

    /// The value following `key` `=` (quoted or not) between two offsets.
    private static func value(after key: String, in b: UnsafeRawBufferPointer, from: Int, to: Int) -> String? {
        let k = Array(key.utf8)
        var i = from
        while i + k.count < to {
            var match = true
            for j in 0..<k.count where b[i + j] | 0x20 != k[j] { match = false; break }
            if match {
                var p = i + k.count
                while p < to, b[p] == 0x20 { p += 1 }
                guard p < to, b[p] == 0x3D else { i += 1; continue }
                p += 1
                while p < to, b[p] == 0x20 || b[p] == 0x22 || b[p] == 0x27 { p += 1 }
                var e = p
                while e < to, b[e] != 0x22, b[e] != 0x27, b[e] != 0x20, b[e] != 0x3B, b[e] != 0x3F, b[e] != 0x2F || e == p { e += 1 }
                guard e > p else { return nil }
                return String(decoding: UnsafeRawBufferPointer(rebasing: b[p..<e]), as: UTF8.self)
            }
            i += 1
        }
        return nil
    }

    /// Maps a label (and its common aliases) to a charset; nil for labels we cannot read.
    static func charset(forLabel raw: String) -> Charset? {
        let label = raw.lowercased().trimmingCharacters(in: .whitespaces)
        switch label {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return .utf8
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us": return .utf8
        case "utf-16", "utf16", "utf-16le", "unicode", "ucs-2": return .utf16LE
        case "utf-16be": return .utf16BE
        case "utf-32", "utf-32le", "ucs-4": return .utf32LE
        case "utf-32be": return .utf32BE
        // Browsers read Latin-1 labels as windows-1252: C1 bytes in feeds mean curly quotes.
        case "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
             "latin-1", "l1", "cp819", "ibm819", "iso-ir-100", "8859-1", "iso_8859-1:1987":
            return .windows1252
        case "windows-1256", "cp1256", "x-cp1256": return .other("WINDOWS-1256")
        case "iso-8859-6", "iso8859-6", "arabic": return .other("ISO-8859-6")
        case "iso-8859-15", "iso8859-15", "latin-9", "latin9": return .other("ISO-8859-15")
        case "gb2312", "gbk", "x-gbk", "chinese", "gb_2312-80": return .other("GBK")
        case "euc-kr", "ks_c_5601-1987", "korean": return .other("EUC-KR")
        case "shift_jis", "sjis", "x-sjis", "ms_kanji": return .other("SHIFT_JIS")
        default:
            if label.isEmpty || label.count > 40 { return nil }
            return .other(label.uppercased())
        }
    }
}

/// A fast check of UTF-8 validity that also says whether any non-ASCII byte was seen.
enum UTF8Validation: Equatable {
    case ascii, validNonASCII, invalid

    static func check(_ b: UnsafeRawBufferPointer) -> UTF8Validation {
        let n = b.count
        var i = 0
        var sawHigh = false
        while i < n {
            // Eight ASCII bytes at a time.
            if i + 8 <= n {
                let high = b.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080
                if high == 0 { i += 8; continue }
                i += high.trailingZeroBitCount >> 3  // straight to the first non-ASCII byte
            }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            sawHigh = true
            // Two-byte characters (accented Latin letters, Arabic) without the general loop.
            if c >= 0xC2 && c <= 0xDF && i + 1 < n && b[i + 1] & 0xC0 == 0x80 { i += 2; continue }
            let len: Int
            if c >= 0xC2 && c <= 0xDF { len = 2 }
            else if c >= 0xE0 && c <= 0xEF { len = 3 }
            else if c >= 0xF0 && c <= 0xF4 { len = 4 }
            else { return .invalid }
            guard i + len <= n else { return .invalid }
            for k in 1..<len where b[i + k] & 0xC0 != 0x80 { return .invalid }
            if len == 3 {
                let c1 = b[i + 1]
                if c == 0xE0 && c1 < 0xA0 { return .invalid }
                if c == 0xED && c1 > 0x9F { return .invalid }
            } else if len == 4 {
                let c1 = b[i + 1]
                if c == 0xF0 && c1 < 0x90 { return .invalid }
                if c == 0xF4 && c1 > 0x8F { return .invalid }
            }
            i += len
        }
        return sawHigh ? .validNonASCII : .ascii
    }
}
