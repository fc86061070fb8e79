import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Converts a document to UTF-8 once, before any parser sees it, so that every later step
/// (entity repair, libxml2, text extraction) works on one encoding.
enum Transcoder {
    /// UTF-8 bytes of the document; nil when the input bytes can be used as they are
    /// (already UTF-8, no byte-order mark).
    static func utf8Bytes(_ b: UnsafeRawBufferPointer, from detected: CharsetDetector.Result) -> [UInt8]? {
        let body = UnsafeRawBufferPointer(rebasing: b[detected.skip...])
        switch detected.charset {
        case .utf8:
            return detected.skip == 0 ? nil : Array(body)
        case .windows1252:
            return fromWindows1252(body)
        case .utf16LE, .utf16BE:
            return fromUTF16(body, bigEndian: detected.charset == .utf16BE)
        case .utf32LE, .utf32BE:
            return fromUTF32(body, bigEndian: detected.charset == .utf32BE)
        case .other(let name):
            // A label the bytes contradict (an EBCDIC name on an ASCII "<?xml") is ignored.
            if let converted = withIconv(body, from: name), startsAlike(converted, body) { return converted }
            return UTF8Validation.check(body) == .invalid ? fromWindows1252(body) : Array(body)
        }
    }

    /// Whether the first non-space character is the same before and after conversion.
    static func startsAlike(_ converted: [UInt8], _ original: UnsafeRawBufferPointer) -> Bool {
        func first<C: Collection>(_ c: C) -> UInt8? where C.Element == UInt8 {
            c.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        }
        guard let a = first(original), a == 0x3C || a == 0x7B else { return true }
        return first(converted) == a
    }

    /// windows-1252 code points of 0x80...0x9F (0 for the five undefined bytes, kept as C1).
    static let windows1252High: [UInt16] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func fromWindows1252(_ b: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(b.count + b.count / 8)
        for c in b {
            if c < 0x80 { out.append(c); continue }
            let scalar: UInt32 = (c < 0xA0) ? UInt32(windows1252High[Int(c) - 0x80]) : UInt32(c)
            appendUTF8(scalar, to: &out)
        }
        return out
    }

    static func fromUTF16(_ b: UnsafeRawBufferPointer, bigEndian: Bool) -> [UInt8] {
        var units = [UInt16]()
        units.reserveCapacity(b.count / 2)
        var i = 0
        while i + 1 < b.count {
            units.append(bigEndian ? UInt16(b[i]) << 8 | UInt16(b[i + 1]) : UInt16(b[i + 1]) << 8 | UInt16(b[i]))
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    static func fromUTF32(_ b: UnsafeRawBufferPointer, bigEndian: Bool) -> [UInt8] {
        var out = [UInt8]()
        var i = 0
        while i + 3 < b.count {
            let v: UInt32 = bigEndian
                ? UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
                : UInt32(b[i + 3]) << 24 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i])
            appendUTF8(Unicode.Scalar(v) != nil ? v : 0xFFFD, to: &out)
            i += 4
        }
        return out
    }

    /// Any other charset through iconv; an invalid byte becomes U+FFFD and conversion goes on.
    static func withIconv(_ b: UnsafeRawBufferPointer, from name: String) -> [UInt8]? {
        let cd = iconv_open("UTF-8", name)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var out = [UInt8](repeating: 0, count: b.count * 4 + 16)
        var produced = 0
        guard let base = b.baseAddress else { return [] }
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: CChar.self))
        var inLeft = b.count
        out.withUnsafeMutableBytes { outBuf in
            guard let outBase = outBuf.baseAddress else { return }
            var outPtr: UnsafeMutablePointer<CChar>? = outBase.assumingMemoryBound(to: CChar.self)
            var outLeft = outBuf.count - 4
            while inLeft > 0 {
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r != -1 { break }
                if errno == EILSEQ || errno == EINVAL {
                    // Skip the bad byte and write U+FFFD.
                    guard let ip = inPtr, let op = outPtr, outLeft >= 8 else { break }
                    inPtr = ip + 1
                    inLeft -= 1
                    op[0] = CChar(bitPattern: 0xEF); op[1] = CChar(bitPattern: 0xBF); op[2] = CChar(bitPattern: 0xBD)
                    outPtr = op + 3
                    outLeft -= 3
                } else {
                    break
                }
            }
            produced = outBuf.count - 4 - outLeft
        }
        out.removeSubrange(produced...)
        return out
    }

    @inline(__always)
    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
