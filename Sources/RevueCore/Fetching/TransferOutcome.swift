import CCurl
import Foundation

/// What libcurl reported at the end of one transfer, read off the easy handle. Turning it
/// into a response or a classified error is a pure function of these values.
struct TransferOutcome: Sendable {
    var code: CURLcode
    /// HTTP status of the last response (0 for file:// or when nothing came back).
    var status: Int
    var requestedURL: String
    var effectiveURL: String
    /// libcurl's own explanation (CURLOPT_ERRORBUFFER), possibly empty.
    var errorText: String
    /// errno of the last failed socket call (ECONNREFUSED...).
    var osErrno: Int32
    /// Header plus body bytes received: zero means the server never answered.
    var receivedBytes: Int
    /// The write callback refused the body for being over the size limit.
    var bodyCut: Bool
    var body: Data
    var contentType: String?
    var etag: String?
    var lastModified: String?
    var retryAfter: String?
    var now: Date

    /// A 2xx or 304 becomes a response; everything else a classified error.
    func result(settings: FetchSettings) -> Result<FetchResponse, FetchError> {
        guard code == CURLE_OK else { return .failure(transportError(settings: settings)) }
        let isFile = Self.scheme(of: requestedURL) == "file"
        let status = (status == 0 && isFile) ? 200 : status
        guard (200...299).contains(status) || status == 304 else {
            var error = FetchError(.httpStatus, HTTPStatusText.describe(status), httpStatus: status)
            error.retryAfter = retryAfter.flatMap { RetryAfter.parse($0, now: now) }
            return .failure(error)
        }
        return .success(FetchResponse(
            status: status, body: status == 304 ? Data() : body, contentType: contentType,
            effectiveURL: effectiveURL.isEmpty ? requestedURL : effectiveURL,
            etag: etag, lastModified: lastModified))
    }

    private func transportError(settings: FetchSettings) -> FetchError {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST:
            return FetchError(.dns, "could not resolve host \(host)")
        case CURLE_COULDNT_RESOLVE_PROXY:
            return FetchError(.dns, "could not resolve the proxy host")
        case CURLE_COULDNT_CONNECT:
            if osErrno == ECONNREFUSED { return FetchError(.connect, "connection refused by \(hostAndPort)") }
            return FetchError(.connect, "could not connect to \(hostAndPort)\(osErrorSuffix)")
        case CURLE_GOT_NOTHING:
            return FetchError(.connect, "the server closed the connection without answering")
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            return FetchError(.connect, "connection lost\(osErrorSuffix)")
        case CURLE_PARTIAL_FILE:
            return FetchError(.connect, "connection closed before the end of the body")
        case CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return FetchError(.connect, "HTTP/2 stream error")
        case CURLE_OPERATION_TIMEDOUT:
            return timeoutError(settings: settings)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE,
             CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
             CURLE_SSL_ENGINE_INITFAILED, CURLE_USE_SSL_FAILED, CURLE_SSL_CLIENTCERT:
            let what = code == CURLE_PEER_FAILED_VERIFICATION ? "TLS certificate not trusted" : "TLS error"
            return FetchError(.tls, errorText.isEmpty ? what : "\(what): \(errorText)")
        case CURLE_TOO_MANY_REDIRECTS:
            return FetchError(.redirect, "more than \(settings.maxRedirects) redirects")
        case CURLE_UNSUPPORTED_PROTOCOL:
            return protocolError
        case CURLE_FILESIZE_EXCEEDED:
            return FetchError(.tooLarge, "body larger than \(Self.megabytes(settings.maxBodyBytes))")
        case CURLE_WRITE_ERROR where bodyCut:
            return FetchError(.tooLarge, "body larger than \(Self.megabytes(settings.maxBodyBytes)) (decoded), cut")
        case CURLE_BAD_CONTENT_ENCODING:
            return FetchError(.other, "could not decode the compressed body")
        case CURLE_FILE_COULDNT_READ_FILE:
            return FetchError(.other, "cannot read \(requestedURL)")
        case CURLE_URL_MALFORMAT:
            return FetchError(.other, "malformed URL \(requestedURL)")
        case CURLE_ABORTED_BY_CALLBACK:
            return FetchError(.cancelled, "cancelled")
        default:
            let text = errorText.isEmpty ? String(cString: curl_easy_strerror(code)) : errorText
            return FetchError(.other, text)
        }
    }

    /// Error 28 covers four cases: no name in time, no connection in time, the whole
    /// transfer over time, and the low-speed cut. A server that never sent a byte is a
    /// timeout, not a slow one.
    private func timeoutError(settings: FetchSettings) -> FetchError {
        // The connect timeout covers the name lookup: a name server that does not answer
        // is a DNS failure (not retried), not a slow site.
        if errorText.hasPrefix("Resolving timed out") {
            let name = settings.proxy == nil ? host : "the proxy host"
            let limit = min(settings.connectTimeout, settings.transferTimeout)
            return FetchError(.dns, "DNS lookup of \(name) timed out after \(Self.seconds(limit))")
        }
        if errorText.hasPrefix("Connection timed out") || errorText.hasPrefix("Failed to connect") {
            return FetchError(.timeout, "connection timed out after \(Self.seconds(settings.connectTimeout))")
        }
        if errorText.hasPrefix("Operation too slow") {
            if receivedBytes == 0 {
                return FetchError(.timeout, "no answer after \(Self.seconds(settings.lowSpeedTime))")
            }
            return FetchError(
                .tooSlow,
                "too slow: under \(settings.lowSpeedLimit) bytes/s for \(Self.seconds(settings.lowSpeedTime))")
        }
        return FetchError(.timeout, "timed out after \(Self.seconds(settings.transferTimeout))")
    }

    /// Unsupported protocol on an http(s) source can only come from a redirect, and means
    /// the redirect pointed at a scheme we refuse (file://, ftp://...).
    private var protocolError: FetchError {
        let requestedScheme = Self.scheme(of: requestedURL)
        let refused = Self.quotedScheme(in: errorText) ?? Self.scheme(of: effectiveURL) ?? "unknown"
        if requestedScheme == "https" && refused == "http" {
            return FetchError(.redirect, "redirect from https:// to http:// refused (allow_redirect_to_http in [fetch] follows it)")
        }
        if requestedScheme == "http" || requestedScheme == "https" {
            return FetchError(.redirect, "redirect to \(refused):// refused")
        }
        if requestedScheme == "file" {
            return FetchError(.other, "file:// addresses are not allowed here")
        }
        return FetchError(.other, "unsupported address scheme \(requestedScheme ?? refused)://")
    }

    private var host: String { URLComponents(string: effectiveURL.isEmpty ? requestedURL : effectiveURL)?.host ?? requestedURL }

    private var hostAndPort: String {
        guard let parts = URLComponents(string: effectiveURL.isEmpty ? requestedURL : effectiveURL),
              let host = parts.host else { return requestedURL }
        return parts.port.map { "\(host):\($0)" } ?? host
    }

    private var osErrorSuffix: String {
        osErrno == 0 ? "" : " (\(String(cString: strerror(osErrno))))"
    }

    static func scheme(of url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon].lowercased()
        return scheme.isEmpty || scheme.contains(where: { !$0.isLetter && $0 != "+" && $0 != "-" && $0 != "." })
            ? nil : scheme
    }

    /// libcurl says `Protocol "file" not supported or disabled in libcurl`.
    static func quotedScheme(in text: String) -> String? {
        let parts = text.split(separator: "\"", omittingEmptySubsequences: false)
        guard parts.count >= 3, text.hasPrefix("Protocol") else { return nil }
        return parts[1].lowercased()
    }

    static func seconds(_ duration: Duration) -> String {
        let (whole, attos) = duration.components
        if attos == 0 { return "\(whole) s" }
        let value = Double(whole) + Double(attos) / 1e18
        return "\((value * 10).rounded() / 10) s"
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }
}
