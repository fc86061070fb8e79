import Foundation

/// The `revue parse --json` line for a document, written by hand into bytes: it runs for
/// every item of every file, and JSONEncoder would dominate the parse time.
extension ParsedFeed {
    public func jsonLine(path: String) -> [UInt8] {
        var w = JSONLineWriter(capacity: 256 + items.count * 900)
        w.raw("{\"path\":"); w.string(path)
        w.raw(",\"format\":"); w.string(format.rawValue)
        w.raw(",\"title\":"); w.optional(title)
        w.raw(",\"link\":"); w.optional(link)
        w.raw(",\"language\":"); w.optional(language)
        w.raw(",\"warnings\":"); w.array(warnings)
        w.raw(",\"items\":[")
        for (i, item) in items.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"title\":"); w.string(item.title)
            w.raw(",\"link\":"); w.optional(item.link)
            w.raw(",\"id\":"); w.optional(item.id)
            w.raw(",\"published\":"); w.date(item.published)
            w.raw(",\"summary\":"); w.string(item.summary)
            w.raw(",\"categories\":"); w.array(item.categories)
            w.raw(",\"language\":"); w.optional(item.language)
            w.raw(",\"source\":"); w.optional(item.originalSource)
            w.raw("}")
        }
        w.raw("]}\n")
        return w.bytes
    }

    /// The line printed for a file that could not be parsed.
    public static func errorLine(path: String, message: String) -> [UInt8] {
        var w = JSONLineWriter()
        w.raw("{\"path\":"); w.string(path)
        w.raw(",\"error\":"); w.string(message)
        w.raw(",\"items\":[]}\n")
        return w.bytes
    }
}

struct JSONLineWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    /// "2025-12-23T08:15:00Z" or null, written digit by digit.
    mutating func date(_ date: Date?) {
        guard let date, let c = DateParser.civilFields(date) else { raw("null"); return }
        func digits(_ v: Int, _ n: Int) {
            var d = 1
            for _ in 1..<n { d *= 10 }
            var v = v
            for _ in 0..<n { bytes.append(UInt8(0x30 + v / d % 10)); v %= d; d /= 10 }
        }
        bytes.append(0x22)
        digits(c.year, 4); bytes.append(0x2D); digits(c.month, 2); bytes.append(0x2D); digits(c.day, 2)
        bytes.append(0x54); digits(c.hour, 2); bytes.append(0x3A); digits(c.minute, 2); bytes.append(0x3A); digits(c.second, 2)
        bytes.append(0x5A); bytes.append(0x22)
    }

    mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func optional(_ s: String?) {
        if let s { string(s) } else { raw("null") }
    }

    mutating func array(_ list: [String]) {
        raw("[")
        for (i, s) in list.enumerated() {
            if i > 0 { raw(",") }
            string(s)
        }
        raw("]")
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            let n = buffer.count
            var runStart = 0
            var i = 0
            while i < n {
                // Eight bytes at a time while none needs escaping ("has byte" bit tricks; a
                // false alarm only sends those bytes through the byte loop).
                if i + 8 <= n, !Self.mayNeedEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                let c = buffer[i]
                if c >= 0x20 && c != 0x22 && c != 0x5C && c != 0x7F { i += 1; continue }
                if i > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<i])) }
                switch c {
                case 0x22: bytes.append(0x5C); bytes.append(0x22)
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                case 0x09: bytes.append(0x5C); bytes.append(0x74)
                default:
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(c >> 4)], Self.hex[Int(c & 0xF)]])
                }
                i += 1
                runStart = i
            }
            if n > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart...])) }
        }
        bytes.append(0x22)
    }

    /// True if any of the eight bytes may be a control character, '"', '\\' or DEL.
    @inline(__always)
    static func mayNeedEscape(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        let control = (x &- ones &* 0x20) & ~x & highs != 0
        return control || hasZero(x ^ (ones &* 0x22)) || hasZero(x ^ (ones &* 0x5C)) || hasZero(x ^ (ones &* 0x7F))
    }
}
