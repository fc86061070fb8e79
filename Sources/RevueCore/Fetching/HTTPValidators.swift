import Foundation

/// The ETag and Last-Modified of a source's last good response, kept between runs so
/// that the next fetch can be conditional.
public struct HTTPValidators: Sendable, Hashable, Codable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// What to keep after a response. A 200 brings the new document's validators (and
    /// drops old ones it no longer sends); a 304 confirms the stored ones, updated with any
    /// it repeats.
    public static func next(after response: FetchResponse, previous: HTTPValidators?) -> HTTPValidators {
        let sent = HTTPValidators(etag: response.etag, lastModified: response.lastModified)
        guard response.isNotModified else { return sent }
        return confirmed(by: sent, stored: previous)
    }

    /// The stored validators after a 304 that repeated `sent` (often nothing, sometimes a
    /// refreshed Last-Modified or ETag).
    public static func confirmed(by sent: HTTPValidators, stored: HTTPValidators?) -> HTTPValidators {
        HTTPValidators(etag: sent.etag ?? stored?.etag, lastModified: sent.lastModified ?? stored?.lastModified)
    }
}

extension FetchRequest {
    public init(url: String, validators: HTTPValidators?) {
        self.init(url: url, etag: validators?.etag, lastModified: validators?.lastModified)
    }
}
