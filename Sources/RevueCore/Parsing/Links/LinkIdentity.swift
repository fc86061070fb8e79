import Foundation

/// The identity of an article address: two links that lead to the same article compare
/// equal once normalised. The story-merging stage uses it; it is never shown to readers.
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
    public static func normalized(_ url: String) -> String {
        var s = url.trimmedASCII
        // Fragment.
        if let hash = s.firstIndex(of: "#") { s = String(s[..<hash]) }
        // Scheme and authority.
        guard let schemeEnd = s.range(of: "://") else { return s }
        let scheme = s[..<schemeEnd.lowerBound].lowercased()
        var rest = s[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd].lowercased()
        rest = rest[authorityEnd...]
        if let at = authority.lastIndex(of: "@") { authority = String(authority[authority.index(after: at)...]) }
        if scheme == "http", authority.hasSuffix(":80") { authority.removeLast(3) }
        if scheme == "https", authority.hasSuffix(":443") { authority.removeLast(4) }
        if authority.hasSuffix(".") { authority.removeLast() }
        // Path and query.
        var path: Substring
        var query: Substring?
        if let q = rest.firstIndex(of: "?") {
            path = rest[..<q]
            query = rest[rest.index(after: q)...]
        } else {
            path = rest
        }
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        if path == "/" { path = "" }
        var kept: [Substring] = []
        if let query {
            for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
                let key = (pair.split(separator: "=", maxSplits: 1).first ?? "").lowercased()
                if key.hasPrefix("utm_") || trackingParameters.contains(key) { continue }
                kept.append(pair)
            }
        }
        var result = scheme + "://" + authority + path
        if !kept.isEmpty { result += "?" + kept.joined(separator: "&") }
        return result
    }
}
