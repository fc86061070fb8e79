import CCurl
import Foundation

// STUB (owner: fetching). Interface the pipeline relies on; the real engine replaces it.

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
}

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

public struct FetchError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: FailureReason
    public var message: String

    public init(_ reason: FailureReason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}

public struct FetchSettings: Sendable, Hashable {
    public var maxConnections = 64
    public var maxPerHost = 6
    public var connectTimeout: Duration = .seconds(10)
    public var transferTimeout: Duration = .seconds(30)
    public var maxBodyBytes = 10 << 20
    public var userAgent = "revue/\(RevueVersion.current) (+press review digest)"
    /// file:// is allowed for configured sources (the offline demo), never from a redirect.
    public var allowFileURLs = true

    public init() {}
}

public final class FetchEngine: Sendable {
    public let settings: FetchSettings

    public init(settings: FetchSettings = FetchSettings()) {
        self.settings = settings
    }

    /// Fetches every request concurrently; results come back in request order.
    /// Whatever is still running at `deadline` ends as `.cancelled`.
    public func fetchAll(
        _ requests: [FetchRequest], deadline: ContinuousClock.Instant? = nil,
        onEach: (@Sendable (Int, Result<FetchResponse, FetchError>) -> Void)? = nil
    ) async -> [Result<FetchResponse, FetchError>] {
        var out: [Result<FetchResponse, FetchError>] = []
        for (i, r) in requests.enumerated() {
            let result = Self.blockingGet(r, settings: settings)
            onEach?(i, result)
            out.append(result)
        }
        return out
    }

    private final class Sink: @unchecked Sendable { var data = Data() }

    private static func blockingGet(_ r: FetchRequest, settings: FetchSettings) -> Result<FetchResponse, FetchError> {
        guard let h = curl_easy_init() else { return .failure(FetchError(.other, "curl_easy_init failed")) }
        defer { curl_easy_cleanup(h) }
        let sink = Sink()
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }
        _ = revue_easy_setopt_string(h, CURLOPT_URL, r.url)
        _ = revue_easy_setopt_long(h, CURLOPT_FOLLOWLOCATION, 1)
        _ = revue_easy_setopt_string(h, CURLOPT_ACCEPT_ENCODING, "")
        _ = revue_easy_setopt_pointer(h, CURLOPT_WRITEDATA, box.toOpaque())
        _ = revue_easy_setopt_write(h, CURLOPT_WRITEFUNCTION) { ptr, size, n, ud in
            let s = Unmanaged<Sink>.fromOpaque(ud!).takeUnretainedValue()
            s.data.append(UnsafeRawPointer(ptr!).assumingMemoryBound(to: UInt8.self), count: size * n)
            return size * n
        }
        let rc = curl_easy_perform(h)
        guard rc == CURLE_OK else {
            return .failure(FetchError(.other, String(cString: curl_easy_strerror(rc))))
        }
        var code = 0
        _ = revue_easy_getinfo_long(h, CURLINFO_RESPONSE_CODE, &code)
        return .success(FetchResponse(status: code == 0 ? 200 : code, body: sink.data, effectiveURL: r.url))
    }
}
