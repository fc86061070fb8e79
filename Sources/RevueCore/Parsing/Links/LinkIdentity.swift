import Foundation

/// The identity of an article address: two links that lead to the same article compare
/// equal once normalised. The story-merging stage uses it (see `LinkKey`); it is never
/// shown to readers.
public enum LinkIdentity {
    /// Query parameters that only track the reader.
    static let trackingParameters: Set<String> = [
        "xtor", "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid",
        "_ga", "_gl", "ocid", "cmpid", "at_medium", "at_campaign", "ns_mchannel", "ns_source", "ns_campaign",
        "ns_linkname", "ns_fee", "sr_share", "smid", "ref_src", "twclid", "wt_mc", "mkt_tok", "vero_id", "__twitter_impression",
    ]

    /// The link with its tracking parameters, fragment, default port, trailing slash and
    /// letter case of scheme and host removed. Not a URL parser's full normalisation: just
    /// what makes the same article's address compare equal.
    ///
    /// Works on the UTF-8 bytes: it runs for every headline of the day, and character-wise
    /// string handling cost more than the rest of story merging.
    public static func normalized(_ url: String) -> String {
        var bytes = Array(url.utf8)
        return bytes.withUnsafeMutableBufferPointer { normalize($0) }
    }

    /// The parts of a normalised link, as byte ranges of the buffer `normalize` was given.
    struct Parts {
        var scheme: Range<Int>
        var authority: Range<Int>
        var path: Range<Int>
        /// The kept `name=value` pairs, in their order.
        var query: [Range<Int>]
    }

    static func normalize(_ b: UnsafeMutableBufferPointer<UInt8>) -> String {
        guard let parts = parts(b) else {
            let (start, end) = trimmedAndUnfragmented(b)
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        out.append(contentsOf: b[parts.scheme])
        out.append(contentsOf: "://".utf8)
        out.append(contentsOf: b[parts.authority])
        out.append(contentsOf: b[parts.path])
        for (i, pair) in parts.query.enumerated() {
            out.append(i == 0 ? 0x3F : 0x26)  // ? &
            out.append(contentsOf: b[pair])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Splits and normalises in place (scheme and host lower-cased); nil without "://".
    /// `alsoDropping`: parameter names to drop beside the tracking ones.
    static func parts(_ b: UnsafeMutableBufferPointer<UInt8>, alsoDropping extra: Set<String> = []) -> Parts? {
        let (start, end) = trimmedAndUnfragmented(b)
        guard let schemeEnd = find(b, "://", from: start, to: end) else { return nil }
        lowercaseASCII(b, start..<schemeEnd)
        let scheme = start..<schemeEnd
        var i = schemeEnd + 3
        let authorityStart = i
        while i < end, b[i] != 0x2F, b[i] != 0x3F { i += 1 }  // / ?
        var authority = authorityStart..<i
        // User information ("user:pass@") is not part of the address.
        if let at = (authority.lowerBound..<authority.upperBound).last(where: { b[$0] == 0x40 }) {
            authority = (at + 1)..<authority.upperBound
        }
        lowercaseASCII(b, authority)
        if hasSuffix(b, authority, ":80"), equals(b, scheme, "http") { authority = authority.lowerBound..<(authority.upperBound - 3) }
        if hasSuffix(b, authority, ":443"), equals(b, scheme, "https") { authority = authority.lowerBound..<(authority.upperBound - 4) }
        if hasSuffix(b, authority, ".") { authority = authority.lowerBound..<(authority.upperBound - 1) }
        let pathStart = i
        while i < end, b[i] != 0x3F { i += 1 }
        var pathEnd = i
        while pathEnd - pathStart > 1, b[pathEnd - 1] == 0x2F { pathEnd -= 1 }
        if pathEnd - pathStart == 1, b[pathStart] == 0x2F { pathEnd = pathStart }
        var query: [Range<Int>] = []
        var pairStart = i + 1
        while pairStart < end {
            var pairEnd = pairStart
            while pairEnd < end, b[pairEnd] != 0x26 { pairEnd += 1 }
            if pairEnd > pairStart, !isTracking(b, pairStart..<pairEnd, also: extra) { query.append(pairStart..<pairEnd) }
            pairStart = pairEnd + 1
        }
        return Parts(scheme: scheme, authority: authority, path: pathStart..<pathEnd, query: query)
    }

    /// Whether a `name=value` pair only tracks the reader (names compared in lower case).
    static func isTracking(_ b: UnsafeMutableBufferPointer<UInt8>, _ pair: Range<Int>, also extra: Set<String> = []) -> Bool {
        var nameEnd = pair.lowerBound
        while nameEnd < pair.upperBound, b[nameEnd] != 0x3D { nameEnd += 1 }  // =
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[pair.lowerBound..<nameEnd]), as: UTF8.self).lowercased()
        return name.hasPrefix("utm_") || trackingParameters.contains(name) || extra.contains(name)
    }

    // MARK: - Bytes

    /// Without surrounding ASCII white space and without the fragment.
    private static func trimmedAndUnfragmented(_ b: UnsafeMutableBufferPointer<UInt8>) -> (Int, Int) {
        var start = 0
        var end = b.count
        // ASCII white space and no-break spaces (C2 A0), as `trimmedASCII`.
        while start < end {
            if isSpace(b[start]) { start += 1 } else if start + 1 < end, b[start] == 0xC2, b[start + 1] == 0xA0 { start += 2 } else { break }
        }
        while end > start {
            if isSpace(b[end - 1]) { end -= 1 } else if end - 2 >= start, b[end - 2] == 0xC2, b[end - 1] == 0xA0 { end -= 2 } else { break }
        }
        if let hash = (start..<end).first(where: { b[$0] == 0x23 }) {
            end = hash
            while end > start, isSpace(b[end - 1]) { end -= 1 }
        }
        return (start, end)
    }

    private static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
    }

    static func lowercaseASCII(_ b: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>) {
        for i in range where b[i] >= 0x41 && b[i] <= 0x5A { b[i] |= 0x20 }
    }

    private static func find(_ b: UnsafeMutableBufferPointer<UInt8>, _ needle: StaticString, from: Int, to end: Int) -> Int? {
        let n = needle.utf8CodeUnitCount
        var i = from
        while i + n <= end {
            if equals(b, i..<(i + n), needle) { return i }
            i += 1
        }
        return nil
    }

    static func equals(_ b: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount else { return false }
        let t = text.utf8Start
        for k in 0..<range.count where b[range.lowerBound + k] != t[k] { return false }
        return true
    }

    static func hasSuffix(_ b: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>, _ text: StaticString) -> Bool {
        let n = text.utf8CodeUnitCount
        return range.count >= n && equals(b, (range.upperBound - n)..<range.upperBound, text)
    }
}
