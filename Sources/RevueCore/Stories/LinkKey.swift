import Foundation

/// The identity of an article address for merging stories: two links with the same key are
/// the same article.
///
/// `LinkIdentity`'s normalisation (no fragment, no tracking parameters, no default port,
/// no trailing slash, scheme and host in lower case), and further: the scheme left out (the
/// http and https addresses of an article are one article), no "www." nor "m." host, no
/// "/amp" page, the remaining parameters sorted. Only http and https links have a key.
enum LinkKey {
    /// Parameters that say where the reader came from, beyond `LinkIdentity`'s list.
    private static let referrerNames: Set<String> = ["ref", "cmp", "share", "amp"]

    static func key(_ link: String?) -> String? {
        keyBytes(link).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The key reduced to 128 bits (FNV-1a): what story merging compares. Keeping 16 bytes
    /// per headline instead of the key itself matters when a day holds 60,000 headlines;
    /// two different keys meet with a probability of about n²/2¹²⁹.
    static func fingerprint(_ link: String?) -> UInt128? {
        keyBytes(link).map(FNV1a.hash128)
    }

    private static func keyBytes(_ link: String?) -> [UInt8]? {
        guard let link else { return nil }
        var bytes = Array(link.utf8)
        return bytes.withUnsafeMutableBufferPointer { b -> [UInt8]? in
            guard let parts = LinkIdentity.parts(b, alsoDropping: referrerNames),
                LinkIdentity.equals(b, parts.scheme, "http") || LinkIdentity.equals(b, parts.scheme, "https")
            else { return nil }
            var host = parts.authority
            guard !host.isEmpty else { return nil }
            for prefix: StaticString in ["www.", "m."] {
                let n = prefix.utf8CodeUnitCount
                if host.count > n, LinkIdentity.equals(b, host.lowerBound..<(host.lowerBound + n), prefix) {
                    host = (host.lowerBound + n)..<host.upperBound
                    break
                }
            }
            var path = parts.path
            if LinkIdentity.hasSuffix(b, path, "/amp") { path = path.lowerBound..<(path.upperBound - 4) }
            var out = Array(b[host])
            out.append(contentsOf: b[path])
            let pairs = parts.query.map { Array(b[$0]) }.sorted { $0.lexicographicallyPrecedes($1) }
            for (i, pair) in pairs.enumerated() {
                out.append(i == 0 ? 0x3F : 0x26)  // ? &
                out.append(contentsOf: pair)
            }
            return out
        }
    }
}
