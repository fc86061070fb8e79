import Foundation

/// The identity of an article address: two links with the same key are the same article.
///
/// Kept small and private to the clusterer on purpose (the parser has its own, fuller
/// normaliser): lower-case scheme and host, no "www.", no fragment, no tracking
/// parameters, no trailing slash, remaining parameters sorted.
enum LinkKey {
    private static let trackingNames: Set<String> = [
        "fbclid", "gclid", "dclid", "msclkid", "xtor", "xtref", "ref", "ref_src", "cmp", "cmpid",
        "igshid", "mc_cid", "mc_eid", "at_medium", "at_campaign", "share", "amp", "ns_source", "ns_mchannel",
    ]

    static func key(_ link: String?) -> String? {
        guard let link, var components = URLComponents(string: link.trimmingCharacters(in: .whitespaces)),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            var host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        if host.hasPrefix("www.") { host = String(host.dropFirst(4)) }
        if host.hasPrefix("m.") { host = String(host.dropFirst(2)) }
        components.fragment = nil
        let kept = (components.queryItems ?? []).filter { item in
            let name = item.name.lowercased()
            return !name.hasPrefix("utm_") && !trackingNames.contains(name)
        }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix("/amp") { path.removeLast(4) }
        let query = kept.map { "\($0.name)=\($0.value ?? "")" }.sorted().joined(separator: "&")
        // The scheme is left out: the http and https addresses of an article are one article.
        return host + path + (query.isEmpty ? "" : "?" + query)
    }
}
