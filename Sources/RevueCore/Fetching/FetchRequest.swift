import Foundation

/// One address to fetch, with the validators of its last good response.
public struct FetchRequest: Sendable, Hashable {
    public var url: String
    /// Validators from the last good response, for a conditional GET.
    public var etag: String?
    public var lastModified: String?

    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }

    /// The request headers a conditional GET adds: a server that still has the same
    /// document answers 304 with no body.
    public var conditionalHeaders: [String] {
        var headers: [String] = []
        if let etag = Self.headerValue(etag) { headers.append("If-None-Match: \(etag)") }
        if let lastModified = Self.headerValue(lastModified) { headers.append("If-Modified-Since: \(lastModified)") }
        return headers
    }

    /// A stored validator, or nil when it is empty or could smuggle another header in.
    private static func headerValue(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty,
              !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else { return nil }
        return value
    }
}

/// What a server answered: a 2xx with its body, or a 304 (empty body) when the validators
/// still match.
public struct FetchResponse: Sendable {
    public var status: Int
    public var body: Data
    public var contentType: String?
    /// Address after redirects: relative links resolve against it.
    public var effectiveURL: String
    public var etag: String?
    public var lastModified: String?

    public init(
        status: Int, body: Data, contentType: String? = nil, effectiveURL: String,
        etag: String? = nil, lastModified: String? = nil
    ) {
        self.status = status
        self.body = body
        self.contentType = contentType
        self.effectiveURL = effectiveURL
        self.etag = etag
        self.lastModified = lastModified
    }

    public var isNotModified: Bool { status == 304 }
}

/// Why a fetch failed: a classified reason for the coverage footer and a human message
/// ("HTTP 503 Service Unavailable", "timed out after 10 s").
public struct FetchError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: FailureReason
    public var message: String
    /// The HTTP status, when the server answered with an error status.
    public var httpStatus: Int?
    /// How long the server asked us to wait (429, 503 with Retry-After).
    public var retryAfter: Duration?

    public init(_ reason: FailureReason, _ message: String, httpStatus: Int? = nil, retryAfter: Duration? = nil) {
        self.reason = reason
        self.message = message
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
    }

    public var description: String { message }

    /// Worth another try: the next attempt may well succeed (refused or reset connection,
    /// no answer in time, 429, 5xx). A 404, a TLS error or a trickling server will not change.
    public var isTransient: Bool {
        switch reason {
        case .connect, .timeout: return true
        case .httpStatus:
            guard let status = httpStatus else { return false }
            return status == 408 || status == 429 || (500...599).contains(status) && status != 501
        default: return false
        }
    }
}
