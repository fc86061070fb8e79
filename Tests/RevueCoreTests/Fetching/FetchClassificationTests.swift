import CCurl
import Foundation
import XCTest
@testable import RevueCore

/// The pure parts of fetching: failure classification, retry decisions, header values.
final class FetchClassificationTests: XCTestCase {
    private func outcome(_ code: CURLcode, status: Int = 0, url: String = "https://lematin.ma/rss",
                         effective: String? = nil, errorText: String = "", osErrno: Int32 = 0,
                         received: Int = 0, retryAfter: String? = nil) -> TransferOutcome {
        TransferOutcome(
            code: code, status: status, requestedURL: url, effectiveURL: effective ?? url, errorText: errorText,
            osErrno: osErrno, receivedBytes: received, bodyCut: false, body: Data("<rss/>".utf8),
            contentType: "application/rss+xml", etag: "\"e\"", lastModified: nil, retryAfter: retryAfter,
            now: Date(timeIntervalSince1970: 1_700_000_000))
    }

    private func failure(_ outcome: TransferOutcome) -> FetchError? {
        if case .failure(let error) = outcome.result(settings: FetchSettings()) { return error }
        XCTFail("expected a failure")
        return nil
    }

    func testTransportFailuresAreClassified() {
        let cases: [(TransferOutcome, FailureReason, String)] = [
            (outcome(CURLE_COULDNT_RESOLVE_HOST), .dns, "could not resolve host lematin.ma"),
            (outcome(CURLE_OPERATION_TIMEDOUT, errorText: "Resolving timed out after 5000 milliseconds"), .dns,
             "DNS lookup of lematin.ma timed out after 5 s"),
            (outcome(CURLE_COULDNT_CONNECT, osErrno: ECONNREFUSED), .connect, "connection refused by lematin.ma"),
            (outcome(CURLE_COULDNT_CONNECT, url: "http://10.0.0.1:8080/x", osErrno: EHOSTUNREACH), .connect,
             "could not connect to 10.0.0.1:8080 (No route to host)"),
            (outcome(CURLE_GOT_NOTHING), .connect, "the server closed the connection without answering"),
            (outcome(CURLE_PEER_FAILED_VERIFICATION, errorText: "SSL certificate problem: certificate has expired"), .tls,
             "TLS certificate not trusted: SSL certificate problem: certificate has expired"),
            (outcome(CURLE_SSL_CONNECT_ERROR), .tls, "TLS error"),
            (outcome(CURLE_OPERATION_TIMEDOUT, errorText: "Operation timed out after 10001 milliseconds with 0 bytes received"),
             .timeout, "timed out after 10 s"),
            (outcome(CURLE_OPERATION_TIMEDOUT, errorText: "Connection timed out after 5000 milliseconds"),
             .timeout, "connection timed out after 5 s"),
            (outcome(CURLE_OPERATION_TIMEDOUT, errorText: "Operation too slow. Less than 512 bytes/sec transferred the last 8 seconds", received: 300),
             .tooSlow, "too slow: under 512 bytes/s for 8 s"),
            (outcome(CURLE_OPERATION_TIMEDOUT, errorText: "Operation too slow. Less than 512 bytes/sec transferred the last 8 seconds"),
             .timeout, "no answer after 8 s"),
            (outcome(CURLE_FILESIZE_EXCEEDED), .tooLarge, "body larger than 10 MB"),
            (outcome(CURLE_TOO_MANY_REDIRECTS), .redirect, "more than 5 redirects"),
            (outcome(CURLE_UNSUPPORTED_PROTOCOL, effective: "ftp://lematin.ma/rss",
                     errorText: "Protocol \"ftp\" not supported or disabled in libcurl"), .redirect, "redirect to ftp:// refused"),
            (outcome(CURLE_UNSUPPORTED_PROTOCOL, effective: "http://lematin.ma/rss",
                     errorText: "Protocol \"http\" not supported or disabled in libcurl"), .redirect,
             "redirect from https:// to http:// refused (allow_redirect_to_http in [fetch] follows it)"),
            (outcome(CURLE_UNSUPPORTED_PROTOCOL, url: "gopher://old.example/"), .other, "unsupported address scheme gopher://"),
        ]
        for (outcome, reason, message) in cases {
            let error = failure(outcome)
            XCTAssertEqual(error?.reason, reason, message)
            XCTAssertEqual(error?.message, message)
        }
    }

    func testStatusesOutside2xxAreHTTPFailures() {
        XCTAssertEqual(failure(outcome(CURLE_OK, status: 503))?.message, "HTTP 503 Service Unavailable")
        XCTAssertEqual(failure(outcome(CURLE_OK, status: 404))?.reason, .httpStatus)
        XCTAssertEqual(failure(outcome(CURLE_OK, status: 301))?.message, "HTTP 301 Moved Permanently")
        XCTAssertEqual(failure(outcome(CURLE_OK, status: 599))?.message, "HTTP 599")
        XCTAssertEqual(failure(outcome(CURLE_OK, status: 429, retryAfter: "120"))?.retryAfter, .seconds(120))
    }

    func testNotModifiedIsASuccessWithNoBody() throws {
        let response = try outcome(CURLE_OK, status: 304).result(settings: FetchSettings()).get()
        XCTAssertTrue(response.isNotModified)
        XCTAssertTrue(response.body.isEmpty)
        XCTAssertEqual(response.etag, "\"e\"")
        let file = try outcome(CURLE_OK, status: 0, url: "file:///tmp/feed.xml").result(settings: FetchSettings()).get()
        XCTAssertEqual(file.status, 200)
    }

    func testOnlyTransientFailuresAreRetried() throws {
        var settings = FetchSettings()
        settings.retryDelay = .milliseconds(100)
        let policy = RetryPolicy(settings: settings)
        let refused = FetchError(.connect, "connection refused")
        XCTAssertEqual(policy.delay(after: refused, attempt: 1), .milliseconds(100))
        XCTAssertEqual(policy.delay(after: refused, attempt: 2), .milliseconds(200))
        XCTAssertNil(policy.delay(after: refused, attempt: 3), "three attempts by default")
        XCTAssertEqual(policy.delay(after: FetchError(.httpStatus, "", httpStatus: 502), attempt: 1), .milliseconds(100))
        XCTAssertEqual(policy.delay(after: FetchError(.httpStatus, "", httpStatus: 429, retryAfter: .seconds(7)), attempt: 1), .seconds(7))
        XCTAssertNil(policy.delay(after: FetchError(.httpStatus, "", httpStatus: 404), attempt: 1))
        XCTAssertNil(policy.delay(after: FetchError(.httpStatus, "", httpStatus: 501), attempt: 1))
        XCTAssertNil(policy.delay(after: FetchError(.tls, "expired"), attempt: 1))
        XCTAssertNil(policy.delay(after: FetchError(.tooSlow, "trickle"), attempt: 1))
        XCTAssertNil(policy.delay(after: FetchError(.tooLarge, "bomb"), attempt: 1))
        XCTAssertNil(policy.delay(after: FetchError(.dns, "nxdomain"), attempt: 1))
        let lookupTimeout = failure(outcome(CURLE_OPERATION_TIMEDOUT, errorText: "Resolving timed out after 5000 milliseconds"))
        XCTAssertNil(policy.delay(after: try XCTUnwrap(lookupTimeout), attempt: 1), "a name server that does not answer")
    }

    func testTooManyRequestsWithoutRetryAfterWaitsSeconds() {
        let policy = RetryPolicy(settings: FetchSettings())
        let tooMany = FetchError(.httpStatus, "HTTP 429 Too Many Requests", httpStatus: 429)
        XCTAssertEqual(policy.delay(after: tooMany, attempt: 1), .seconds(3))
        XCTAssertEqual(policy.delay(after: tooMany, attempt: 2), .seconds(6))
        XCTAssertEqual(policy.delay(after: FetchError(.httpStatus, "", httpStatus: 503), attempt: 1), .milliseconds(250),
                       "other transient failures keep the quick backoff")
    }

    func testRetryAfterInSecondsOrAsAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT
        XCTAssertEqual(RetryAfter.parse("120", now: now), .seconds(120))
        XCTAssertEqual(RetryAfter.parse(" 0 ", now: now), .seconds(0))
        XCTAssertEqual(RetryAfter.parse("Tue, 14 Nov 2023 22:13:50 GMT", now: now), .seconds(30))
        XCTAssertEqual(RetryAfter.parse("Tuesday, 14-Nov-23 22:14:20 GMT", now: now), .seconds(60))
        XCTAssertEqual(RetryAfter.parse("Tue Nov 14 22:13:25 2023", now: now), .seconds(5))
        XCTAssertEqual(RetryAfter.parse("Mon, 13 Nov 2023 00:00:00 GMT", now: now), .seconds(0), "a past date means now")
        XCTAssertNil(RetryAfter.parse("-5", now: now))
        XCTAssertNil(RetryAfter.parse("soon", now: now))
    }

    func testConditionalHeadersSkipEmptyOrInjectedValues() {
        XCTAssertEqual(FetchRequest(url: "u", etag: "\"a\"", lastModified: "Tue, 14 Nov 2023 22:13:20 GMT").conditionalHeaders,
                       ["If-None-Match: \"a\"", "If-Modified-Since: Tue, 14 Nov 2023 22:13:20 GMT"])
        XCTAssertEqual(FetchRequest(url: "u", etag: "  ", lastModified: nil).conditionalHeaders, [])
        XCTAssertEqual(FetchRequest(url: "u", etag: "\"a\"\r\nX-Evil: 1").conditionalHeaders, [])
    }

    func testValidatorsKeptBetweenRuns() {
        let stored = HTTPValidators(etag: "\"old\"", lastModified: "Mon, 13 Nov 2023 00:00:00 GMT")
        let fresh = FetchResponse(status: 200, body: Data("x".utf8), effectiveURL: "u", etag: "\"new\"")
        XCTAssertEqual(HTTPValidators.next(after: fresh, previous: stored), HTTPValidators(etag: "\"new\""),
                       "a 200 replaces the validators, dropping the Last-Modified it no longer sends")
        let confirmed = FetchResponse(status: 304, body: Data(), effectiveURL: "u", etag: "\"old\"")
        XCTAssertEqual(HTTPValidators.next(after: confirmed, previous: stored), stored)
        let bare304 = FetchResponse(status: 304, body: Data(), effectiveURL: "u")
        XCTAssertEqual(HTTPValidators.next(after: bare304, previous: stored), stored)
        let request = FetchRequest(url: "u", validators: stored)
        XCTAssertEqual(request.etag, stored.etag)
        XCTAssertEqual(request.lastModified, stored.lastModified)
        let report = SourceReading.read(Source(name: "Le Matin", url: "u"),
            fetched: .failure(FetchError(.httpStatus, "HTTP 503 Service Unavailable")), memory: nil, now: Date()).report
        XCTAssertEqual(report.status, .failed)
        XCTAssertEqual(report.reason, .httpStatus)
        XCTAssertEqual(report.detail, "HTTP 503 Service Unavailable")
    }

    func testA304KeepsTheItemsAndRefreshesTheValidatorsItRepeats() {
        let remembered = SourceMemory(etag: "\"v1\"", lastModified: "Mon, 13 Nov 2023 00:00:00 GMT",
            items: [Headline(title: "Titre")], lastSuccess: Date(timeIntervalSince1970: 0))
        let refreshed = FetchResponse(status: 304, body: Data(), effectiveURL: "u", lastModified: "Tue, 14 Nov 2023 06:00:00 GMT")
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let reading = SourceReading.read(Source(name: "Le Matin", url: "u"), fetched: .success(refreshed), memory: remembered, now: now)
        XCTAssertEqual(reading.report.status, .notModified)
        XCTAssertEqual(reading.items.map(\.title), ["Titre"])
        XCTAssertEqual(reading.memory.etag, "\"v1\"", "a validator the 304 does not repeat is kept")
        XCTAssertEqual(reading.memory.lastModified, "Tue, 14 Nov 2023 06:00:00 GMT", "one it repeats is updated")
        XCTAssertEqual(reading.memory.lastSuccess, now)
    }

    func testDurationsReadAsSeconds() {
        XCTAssertEqual(TransferOutcome.seconds(.seconds(10)), "10 s")
        XCTAssertEqual(TransferOutcome.seconds(.milliseconds(1500)), "1.5 s")
        XCTAssertEqual(TransferOutcome.megabytes(10 << 20), "10 MB")
        XCTAssertEqual(TransferOutcome.megabytes(100_000), "100000 bytes")
    }
}
