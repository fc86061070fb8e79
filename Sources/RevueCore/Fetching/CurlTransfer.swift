import CCurl
import Foundation
import Synchronization

/// One request on the engine thread: owns its easy handle, its header list and error
/// buffer, receives the body, and resumes the waiting caller exactly once.
///
/// Everything but `isCancelled` is touched only by the engine thread once submitted (the
/// mutex of the loop's inbox orders the hand-over), hence `@unchecked Sendable`.
final class CurlTransfer: @unchecked Sendable {
    typealias Completion = CheckedContinuation<Result<FetchResponse, FetchError>, Never>

    let request: FetchRequest
    let settings: FetchSettings
    let deadline: ContinuousClock.Instant
    var completion: Completion?

    private let cancelled = Atomic<Bool>(false)
    private(set) var easy: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    /// Held as long as the easy handle: it may point at their bytes.
    private var authorities: CertificateAuthorities?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    private var body = Data()
    private var bodyCut = false
    private(set) var startedAt: ContinuousClock.Instant?

    init(request: FetchRequest, settings: FetchSettings, deadline: ContinuousClock.Instant) {
        self.request = request
        self.settings = settings
        self.deadline = deadline
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        close()
        errorBuffer.deallocate()
    }

    /// Frees the easy handle and its header list once libcurl is done with them: the
    /// handle holds a 16 KB buffer, and the caller may keep this object a while longer.
    func close() {
        if let easy { curl_easy_cleanup(easy) }
        easy = nil
        curl_slist_free_all(headerList)
        headerList = nil
        authorities = nil
    }

    /// Lets go of an easy handle the multi handle would not give back: freeing it (or what
    /// it points to) while libcurl may still hold it would be worse than the leak.
    func abandonEasyHandle() {
        easy = nil
        headerList = nil
        if case .joinedBundle(let bundle)? = authorities { _ = Unmanaged.passRetained(bundle) }
        authorities = nil
    }

    var isCancelled: Bool { cancelled.load(ordering: .acquiring) }
    func markCancelled() { cancelled.store(true, ordering: .releasing) }

    /// Creates and configures the easy handle; an option libcurl refuses fails the transfer.
    func makeEasyHandle(authorities: CertificateAuthorities) throws(FetchError) -> UnsafeMutableRawPointer {
        guard let easy = curl_easy_init() else { throw FetchError(.other, "libcurl could not create a transfer") }
        self.easy = easy
        self.authorities = authorities
        startedAt = .now
        let s = settings
        let options = EasyHandleOptions(easy: easy)
        try options.set(CURLOPT_URL, request.url)
        try options.set(CURLOPT_NOSIGNAL, 1)
        // A name server that never answers leaves the resolver thread blocked in
        // getaddrinfo, and by default ending the transfer (at its timeout, or the deadline)
        // waits for that thread, which stalls the engine thread and every other transfer.
        try options.set(CURLOPT_QUICK_EXIT, 1)
        try options.set(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        try options.set(CURLOPT_PROTOCOLS_STR, allowedProtocols)
        try options.set(CURLOPT_REDIR_PROTOCOLS_STR, redirectProtocols)
        try options.set(CURLOPT_FOLLOWLOCATION, 1)
        try options.set(CURLOPT_MAXREDIRS, s.maxRedirects)
        // "" asks for every encoding this libcurl decodes (gzip, deflate, br, zstd).
        try options.set(CURLOPT_ACCEPT_ENCODING, "")
        try options.set(CURLOPT_USERAGENT, s.userAgent)
        // HTTP/2 is a wish: a libcurl built without it still fetches, over HTTP/1.1.
        let http2 = (try? options.set(CURLOPT_HTTP_VERSION, revue_http_version_2tls())) != nil
        if http2, scheme == "https" {
            // Wait for a connection being opened to the same host rather than open another:
            // if it speaks HTTP/2, all the feeds of that host share it. Not for plain http:
            // it never multiplexes here, and the wait would last a whole response.
            try options.set(CURLOPT_PIPEWAIT, 1)
        }
        try options.set(CURLOPT_SSL_VERIFYPEER, 1)
        try options.set(CURLOPT_SSL_VERIFYHOST, 2)
        try options.trust(authorities)
        // Unset, libcurl reads http_proxy, https_proxy and no_proxy from the environment.
        if let proxy = s.proxy { try options.set(CURLOPT_PROXY, proxy) }
        try options.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(s.connectTimeout))
        try options.set(CURLOPT_TIMEOUT_MS, Self.milliseconds(s.transferTimeout))
        if s.lowSpeedLimit > 0, s.lowSpeedTime > .zero {
            try options.set(CURLOPT_LOW_SPEED_LIMIT, s.lowSpeedLimit)
            try options.set(CURLOPT_LOW_SPEED_TIME, max(1, Self.milliseconds(s.lowSpeedTime) / 1000))
        }
        // Refuses early when Content-Length is over the limit; the write callback covers
        // the rest (chunked bodies, decompressed sizes).
        try options.set(CURLOPT_MAXFILESIZE_LARGE, bytes: curl_off_t(s.maxBodyBytes))
        for header in request.conditionalHeaders {
            headerList = curl_slist_append(headerList, header)
        }
        if let headerList { try options.set(CURLOPT_HTTPHEADER, headerList) }
        try options.set(CURLOPT_WRITEDATA, Unmanaged.passUnretained(self).toOpaque())
        try options.set(CURLOPT_WRITEFUNCTION, Self.receiveBody)
        return easy
    }

    private var scheme: String? { TransferOutcome.scheme(of: request.url) }

    /// file:// only for a configured file source, and only when the settings allow it.
    private var allowedProtocols: String {
        settings.allowFileURLs && scheme == "file" ? "http,https,file" : "http,https"
    }

    /// Redirects never lead off the web (no file://, whatever the source was), and an https
    /// source stays on https unless the settings allow the downgrade.
    private var redirectProtocols: String {
        scheme == "https" && !settings.allowRedirectToHTTP ? "https" : "http,https"
    }

    /// Called by libcurl with decoded body bytes. Returning less than given aborts the
    /// transfer: that is how an oversized (or decompression-bomb) body is cut.
    private static let receiveBody: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        bytes, size, count, context in
        guard let bytes, let context else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        return transfer.receive(UnsafeRawPointer(bytes), size * count)
    }

    private func receive(_ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        guard body.count + count <= settings.maxBodyBytes else {
            bodyCut = true
            return 0
        }
        body.append(bytes.assumingMemoryBound(to: UInt8.self), count: count)
        return count
    }

    /// Reads what libcurl knows about the finished transfer.
    func outcome(code: CURLcode) -> TransferOutcome {
        var status = 0
        var osErrno = 0
        var headerBytes = 0
        var bodyBytes: curl_off_t = 0
        var effective: UnsafeMutablePointer<CChar>?
        var contentType: UnsafeMutablePointer<CChar>?
        if let easy {
            _ = revue_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            _ = revue_easy_getinfo_long(easy, CURLINFO_OS_ERRNO, &osErrno)
            _ = revue_easy_getinfo_long(easy, CURLINFO_HEADER_SIZE, &headerBytes)
            _ = revue_easy_getinfo_off(easy, CURLINFO_SIZE_DOWNLOAD_T, &bodyBytes)
            _ = revue_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &effective)
            _ = revue_easy_getinfo_string(easy, CURLINFO_CONTENT_TYPE, &contentType)
        }
        let outcome = TransferOutcome(
            code: code, status: status, requestedURL: request.url,
            effectiveURL: effective.map { String(cString: $0) } ?? request.url,
            errorText: String(cString: errorBuffer).trimmedWhitespace,
            osErrno: Int32(osErrno), receivedBytes: headerBytes + Int(bodyBytes), bodyCut: bodyCut,
            body: body, contentType: contentType.map { String(cString: $0) },
            etag: header("ETag"), lastModified: header("Last-Modified"), retryAfter: header("Retry-After"),
            now: Date())
        body = Data()
        return outcome
    }

    /// A header of the last response of the chain (after redirects), if the server sent it.
    private func header(_ name: String) -> String? {
        guard let easy else { return nil }
        var found: UnsafeMutablePointer<curl_header>?
        guard curl_easy_header(easy, name, 0, revue_header_origin_server(), -1, &found) == CURLHE_OK,
              let value = found?.pointee.value else { return nil }
        let text = String(cString: value).trimmedWhitespace
        return text.isEmpty ? nil : text
    }

    /// Resumes the caller; the loop calls it exactly once per transfer.
    func finish(_ result: Result<FetchResponse, FetchError>) {
        completion?.resume(returning: result)
        completion = nil
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attos) = duration.components
        return Int(seconds) * 1000 + Int(attos / 1_000_000_000_000_000)
    }
}
