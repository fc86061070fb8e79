import Foundation

/// A compact binary form of the remembered headlines. JSONDecoder was the largest cost of a
/// run where every source answers 304 (it decodes every remembered item); this reads the
/// same values about ten times faster. Version byte first, so the form can change.
enum HeadlineCodec {
    private static let version: UInt8 = 1

    static func encode(_ headlines: [Headline]) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(headlines.count * 256)
        out.append(version)
        appendLength(headlines.count, to: &out)
        for h in headlines {
            appendString(h.title, to: &out)
            appendOptional(h.link, to: &out)
            appendOptional(h.id, to: &out)
            if let published = h.published {
                out.append(1)
                withUnsafeBytes(of: published.timeIntervalSince1970.bitPattern.littleEndian) { out.append(contentsOf: $0) }
            } else {
                out.append(0)
            }
            appendString(h.summary, to: &out)
            appendLength(h.categories.count, to: &out)
            for c in h.categories { appendString(c, to: &out) }
            appendOptional(h.language, to: &out)
            appendOptional(h.originalSource, to: &out)
        }
        return Data(out)
    }

    /// nil when the bytes are not in this form (damaged, or written by another version).
    static func decode(_ data: Data) -> [Headline]? {
        data.withUnsafeBytes { raw -> [Headline]? in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            guard reader.byte() == version, let count = reader.length(), count <= raw.count else { return nil }
            var out: [Headline] = []
            out.reserveCapacity(count)
            for _ in 0..<count {
                guard let title = reader.string(), let link = reader.optional(), let id = reader.optional(),
                      let dated = reader.byte() else { return nil }
                var published: Date?
                if dated == 1 {
                    guard let bits = reader.uint64() else { return nil }
                    published = Date(timeIntervalSince1970: Double(bitPattern: bits))
                }
                guard let summary = reader.string(), let categoryCount = reader.length(), categoryCount <= raw.count
                else { return nil }
                var categories: [String] = []
                for _ in 0..<categoryCount {
                    guard let c = reader.string() else { return nil }
                    categories.append(c)
                }
                guard let language = reader.optional(), let source = reader.optional() else { return nil }
                out.append(Headline(title: title, link: link, id: id, published: published, summary: summary,
                    categories: categories, language: language, originalSource: source))
            }
            return reader.atEnd ? out : nil
        }
    }

    private static func appendLength(_ n: Int, to out: inout [UInt8]) {
        var v = UInt64(n)
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    private static func appendString(_ s: String, to out: inout [UInt8]) {
        appendLength(s.utf8.count, to: &out)
        out.append(contentsOf: s.utf8)
    }

    /// 0 for nil, else 1 + the string.
    private static func appendOptional(_ s: String?, to out: inout [UInt8]) {
        guard let s else { out.append(0); return }
        out.append(1)
        appendString(s, to: &out)
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        var atEnd: Bool { offset == bytes.count }

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func length() -> Int? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while let b = byte() {
                value |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return value <= UInt64(Int32.max) ? Int(value) : nil }
                shift += 7
                if shift > 35 { return nil }
            }
            return nil
        }

        mutating func uint64() -> UInt64? {
            guard bytes.count - offset >= 8 else { return nil }
            var v: UInt64 = 0
            for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
            offset += 8
            return v
        }

        mutating func string() -> String? {
            guard let n = length(), bytes.count - offset >= n else { return nil }
            defer { offset += n }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + n]), as: UTF8.self)
        }

        mutating func optional() -> String?? {
            switch byte() {
            case 0?: return .some(nil)
            case 1?: return string().map { .some($0) }
            default: return nil
            }
        }
    }
}
