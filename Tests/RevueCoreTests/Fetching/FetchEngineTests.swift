import CCurl
import Foundation
import XCTest
@testable import RevueCore

/// The engine against a real HTTP server on 127.0.0.1 (Fixtures/fetching/testserver.py).
final class FetchEngineTests: XCTestCase {
    /// Short waits so that the whole class runs in a few seconds.
    private func settings(_ change: (inout FetchSettings) -> Void = { _ in }) -> FetchSettings {
        var settings = FetchSettings()
        settings.retryDelay = .milliseconds(50)
        settings.stageTimeout = .seconds(20)
        change(&settings)
        return settings
    }

    private func fetch(_ url: String, _ settings: FetchSettings? = nil, etag: String? = nil, lastModified: String? = nil,
                       deadline: Duration = .seconds(20)) async -> Result<FetchResponse, FetchError> {
        let engine = FetchEngine(settings: settings ?? self.settings())
        let request = FetchRequest(url: url, etag: etag, lastModified: lastModified)
        return await engine.fetchAll([request], deadline: .now + deadline)[0]
    }

    private func body(_ result: Result<FetchResponse, FetchError>, file: StaticString = #filePath, line: UInt = #line) -> String? {
        switch result {
        case .success(let response): return String(decoding: response.body, as: UTF8.self)
        case .failure(let error):
            XCTFail("expected a response, got \(error.reason): \(error.message)", file: file, line: line)
            return nil
        }
    }

    private func error(_ result: Result<FetchResponse, FetchError>, file: StaticString = #filePath, line: UInt = #line) -> FetchError? {
        switch result {
        case .success(let response):
            XCTFail("expected a failure, got HTTP \(response.status)", file: file, line: line)
            return nil
        case .failure(let error): return error
        }
    }

    private func failure(_ url: String, _ settings: FetchSettings? = nil, deadline: Duration = .seconds(20),
                         file: StaticString = #filePath, line: UInt = #line) async throws -> FetchError {
        let result = await fetch(url, settings, deadline: deadline)
        return try XCTUnwrap(error(result, file: file, line: line), file: file, line: line)
    }

    private func text(_ url: String, _ settings: FetchSettings? = nil, etag: String? = nil, lastModified: String? = nil,
                      file: StaticString = #filePath, line: UInt = #line) async throws -> String {
        let result = await fetch(url, settings, etag: etag, lastModified: lastModified)
        return try XCTUnwrap(body(result, file: file, line: line), file: file, line: line)
    }

    private func requests(_ server: TestHTTPServer, key: String) async -> Int {
        let engine = FetchEngine(settings: settings())
        guard case .success(let response) = await engine.fetch(FetchRequest(url: server.url("/count?key=\(key)"))) else { return -1 }
        return Int(String(decoding: response.body, as: UTF8.self)) ?? -1
    }

    // MARK: - Plain fetching

    func testFetchesABodyWithUserAgentAndEncodings() async throws {
        let server = try TestHTTPServer.require()
        let result = await fetch(server.url("/echo"))
        let text = try XCTUnwrap(body(result))
        XCTAssertTrue(text.hasPrefix("GET /echo HTTP/1.1"), text)
        XCTAssertTrue(text.contains("User-Agent: revue/\(RevueVersion.current)"), text)
        XCTAssertTrue(text.contains("Accept-Encoding: ") && text.contains("gzip"), text)
        XCTAssertFalse(text.contains("If-None-Match"), text)
    }

    func testDecodesGzip() async throws {
        let server = try TestHTTPServer.require()
        let text = try await text(server.url("/gzip"))
        XCTAssertEqual(text, String(repeating: "compressed hello ", count: 100))
    }

    func testFiftySlowURLsRunConcurrently() async throws {
        let server = try TestHTTPServer.require()
        let engine = FetchEngine(settings: settings { $0.maxPerHost = 0 })
        let requests = (0..<50).map { FetchRequest(url: server.url("/latency?ms=200&n=\($0)")) }
        let start = ContinuousClock.now
        let results = await engine.fetchAll(requests, deadline: .now + .seconds(10))
        let elapsed = ContinuousClock.now - start
        XCTAssertEqual(results.count, 50)
        XCTAssertEqual(results.filter { (try? $0.get().status) == 200 }.count, 50)
        XCTAssertLessThan(elapsed, .milliseconds(1500), "50 × 200 ms should overlap")
    }

    func testPerHostLimitQueuesTheRest() async throws {
        let server = try TestHTTPServer.require()
        let engine = FetchEngine(settings: settings { $0.maxPerHost = 2 })
        let requests = (0..<6).map { FetchRequest(url: server.url("/latency?ms=200&limited=\($0)")) }
        let start = ContinuousClock.now
        let results = await engine.fetchAll(requests, deadline: .now + .seconds(10))
        let elapsed = ContinuousClock.now - start
        XCTAssertEqual(results.filter { (try? $0.get().status) == 200 }.count, 6)
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(580), "6 requests, 2 at a time, 200 ms each: 3 rounds")
    }

    func testOnEachSeesEveryResultOnceAndResultsKeepRequestOrder() async throws {
        let server = try TestHTTPServer.require()
        let engine = FetchEngine(settings: settings())
        let urls = [server.url("/latency?ms=300"), server.url("/ok"), server.url("/status?code=404")]
        let seen = SeenIndexes()
        let results = await engine.fetchAll(urls.map { FetchRequest(url: $0) }, deadline: .now + .seconds(10)) { index, _ in
            seen.add(index)
        }
        XCTAssertEqual(seen.sorted, [0, 1, 2])
        XCTAssertEqual(seen.last, 0, "the slow one arrives last")
        XCTAssertEqual(try results[0].get().effectiveURL, urls[0])
        XCTAssertEqual(try results[1].get().status, 200)
        XCTAssertEqual(error(results[2])?.reason, .httpStatus)
    }

    func testSequentialFetchesReuseOneConnection() async throws {
        let server = try TestHTTPServer.require()
        let engine = FetchEngine(settings: settings())
        func connections() async throws -> Int {
            let response = try await engine.fetch(FetchRequest(url: server.url("/connections"))).get()
            return try XCTUnwrap(Int(String(decoding: response.body, as: UTF8.self)))
        }
        let before = try await connections()
        for index in 0..<5 {
            let status = try await engine.fetch(FetchRequest(url: server.url("/ok?n=\(index)"))).get().status
            XCTAssertEqual(status, 200)
        }
        let after = try await connections()
        XCTAssertEqual(after, before, "every request went over the connection already open")
    }

    func testFeedsOfOneHTTP2HostShareOneConnection() async throws {
        let server = try TestHTTPServer.require()
        let engine = FetchEngine(settings: settings { $0.extraCertificates = server.authorityPath })
        let before = await requests(server, key: "h2-connections")
        let feeds = (0..<20).map { FetchRequest(url: "https://127.0.0.1:\(server.http2Port)/feed/\($0).xml") }
        let results = await engine.fetchAll(feeds, deadline: .now + .seconds(10))
        XCTAssertEqual(results.filter { (try? $0.get().status) == 200 }.count, 20, "\(results)")
        let after = await requests(server, key: "h2-connections")
        XCTAssertEqual(after - before, 1, "20 feeds started at once, one connection multiplexed")
    }

    func testCancellingAtRandomMomentsResumesEveryCallerOnce() async throws {
        let server = try TestHTTPServer.require()
        let engine = FetchEngine(settings: settings())
        let outcomes = await withTaskGroup(of: FailureReason?.self) { group in
            for index in 0..<60 {
                let task = Task { await engine.fetch(FetchRequest(url: server.url("/latency?ms=\(index % 3 * 40)&c=\(index)"))) }
                group.addTask {
                    try? await Task.sleep(for: .milliseconds(index % 7 * 15))
                    task.cancel()
                    switch await task.value {
                    case .success: return nil
                    case .failure(let error): return error.reason
                    }
                }
            }
            var reasons: [FailureReason?] = []
            for await reason in group { reasons.append(reason) }
            return reasons
        }
        XCTAssertEqual(outcomes.count, 60)
        XCTAssertTrue(outcomes.allSatisfy { $0 == nil || $0 == .cancelled }, "\(outcomes)")
        XCTAssertTrue(outcomes.contains(.cancelled))
        let after = await engine.fetch(FetchRequest(url: server.url("/ok")))
        XCTAssertEqual(try after.get().status, 200, "the engine still works after the cancellations")
    }

    // MARK: - Conditional GET

    func testConditionalGetWithETagGives304AndValidators() async throws {
        let server = try TestHTTPServer.require()
        let first = try await fetch(server.url("/etag")).get()
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.etag, "\"v1\"")
        let lastModified = try XCTUnwrap(first.lastModified)
        XCTAssertTrue(lastModified.hasSuffix("GMT"), lastModified)

        let second = try await fetch(server.url("/etag"), etag: first.etag).get()
        XCTAssertEqual(second.status, 304)
        XCTAssertTrue(second.isNotModified)
        XCTAssertTrue(second.body.isEmpty)
        XCTAssertEqual(second.etag, "\"v1\"")

        let byDate = try await fetch(server.url("/etag"), lastModified: lastModified).get()
        XCTAssertEqual(byDate.status, 304)

        let stale = try await fetch(server.url("/etag"), etag: "\"v0\"").get()
        XCTAssertEqual(stale.status, 200)
        XCTAssertEqual(String(decoding: stale.body, as: UTF8.self), "fresh")
    }

    func testValidatorsAreSentAsHeaders() async throws {
        let server = try TestHTTPServer.require()
        let text = try await text(server.url("/echo"), etag: "\"abc\"", lastModified: "Tue, 14 Nov 2023 22:13:20 GMT")
        XCTAssertTrue(text.contains("If-None-Match: \"abc\""), text)
        XCTAssertTrue(text.contains("If-Modified-Since: Tue, 14 Nov 2023 22:13:20 GMT"), text)
    }

    // MARK: - Redirects

    func testFollowsARedirectChain() async throws {
        let server = try TestHTTPServer.require()
        let response = try await fetch(server.url("/redirect?n=3")).get()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.effectiveURL, server.url("/ok"))
    }

    func testRedirectLoopStopsAfterFive() async throws {
        let server = try TestHTTPServer.require()
        let loop = try await failure(server.url("/loop"))
        XCTAssertEqual(loop.reason, .redirect)
        XCTAssertEqual(loop.message, "more than 5 redirects")
        let tooLong = try await failure(server.url("/redirect?n=7"))
        XCTAssertEqual(tooLong.reason, .redirect)
    }

    func testRedirectToFileIsRefused() async throws {
        let server = try TestHTTPServer.require()
        let failure = try await failure(server.url("/tofile"))
        XCTAssertEqual(failure.reason, .redirect)
        XCTAssertEqual(failure.message, "redirect to file:// refused")
    }

    func testRedirectFromHTTPSToHTTPIsRefused() async throws {
        let server = try TestHTTPServer.require()
        let downgrade = "https://127.0.0.1:\(server.authorityTLSPort)/goto?url=\(server.url("/ok"))"
        let failure = try await failure(downgrade, settings { $0.extraCertificates = server.authorityPath })
        XCTAssertEqual(failure.reason, .redirect)
        XCTAssertEqual(failure.message, "redirect from https:// to http:// refused (allow_redirect_to_http in [fetch] follows it)")

        let allowed = try await fetch(downgrade, settings {
            $0.extraCertificates = server.authorityPath
            $0.allowRedirectToHTTP = true
        }).get()
        XCTAssertEqual(allowed.effectiveURL, server.url("/ok"))
    }

    func testRedirectFromHTTPToHTTPSIsFollowed() async throws {
        let server = try TestHTTPServer.require()
        let secure = "https://127.0.0.1:\(server.authorityTLSPort)/ok"
        let response = try await fetch(server.url("/goto?url=\(secure)"), settings { $0.extraCertificates = server.authorityPath }).get()
        XCTAssertEqual(response.effectiveURL, secure)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "ok")
    }

    // MARK: - Bounds

    func testTricklingBodyIsCut() async throws {
        let server = try TestHTTPServer.require()
        let slow = settings { $0.lowSpeedLimit = 1000; $0.lowSpeedTime = .seconds(1) }
        let start = ContinuousClock.now
        let failure = try await failure(server.url("/trickle"), slow)
        XCTAssertEqual(failure.reason, .tooSlow)
        XCTAssertEqual(failure.message, "too slow: under 1000 bytes/s for 1 s")
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(4))
    }

    func testSilentServerIsATimeoutRetriedWithinTheDeadline() async throws {
        let server = try TestHTTPServer.require()
        let quick = settings { $0.transferTimeout = .seconds(1); $0.maxAttempts = 2 }
        let start = ContinuousClock.now
        let failure = try await failure(server.url("/hold?s=3"), quick)
        XCTAssertEqual(failure.reason, .timeout)
        XCTAssertEqual(failure.message, "timed out after 1 s (2 attempts)")
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(3))
    }

    func testServerHoldingTheRequestIsANoAnswerTimeout() async throws {
        let server = try TestHTTPServer.require()
        let quick = settings { $0.lowSpeedTime = .seconds(1); $0.maxAttempts = 1 }
        let start = ContinuousClock.now
        let failure = try await failure(server.url("/hold?s=4"), quick)
        XCTAssertEqual(failure.reason, .timeout)
        XCTAssertEqual(failure.message, "no answer after 1 s")
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(3))
    }

    func testOversizedBodiesAreCut() async throws {
        let server = try TestHTTPServer.require()
        let small = settings { $0.maxBodyBytes = 100_000 }
        let announced = try await failure(server.url("/big?bytes=200000"), small)
        XCTAssertEqual(announced.reason, .tooLarge)
        let chunked = try await failure(server.url("/big?bytes=200000&chunked=1"), small)
        XCTAssertEqual(chunked.reason, .tooLarge)
        let fits = try await fetch(server.url("/big?bytes=100000&chunked=1"), small).get()
        XCTAssertEqual(fits.body.count, 100_000)
    }

    func testGzipBombIsCutOnDecodedSize() async throws {
        let server = try TestHTTPServer.require()
        let oneMB = settings { $0.maxBodyBytes = 1 << 20 }
        let failure = try await failure(server.url("/bomb?mb=50"), oneMB)
        XCTAssertEqual(failure.reason, .tooLarge)
        XCTAssertEqual(failure.message, "body larger than 1 MB (decoded), cut")
    }

    // MARK: - Retries

    func testServerErrorThenSuccessIsRetried() async throws {
        let server = try TestHTTPServer.require()
        let key = UUID().uuidString
        let text = try await text(server.url("/flaky?key=\(key)&fails=2"))
        XCTAssertEqual(text, "recovered after 2")
        let count = await requests(server, key: "flaky:\(key)")
        XCTAssertEqual(count, 3)
    }

    func testPersistentServerErrorIsReportedWithItsStatus() async throws {
        let server = try TestHTTPServer.require()
        let key = UUID().uuidString
        let failure = try await failure(server.url("/flaky?key=\(key)&fails=9&code=503"))
        XCTAssertEqual(failure.reason, .httpStatus)
        XCTAssertEqual(failure.httpStatus, 503)
        XCTAssertEqual(failure.message, "HTTP 503 Service Unavailable (3 attempts)")
    }

    func testNotFoundIsNotRetried() async throws {
        let server = try TestHTTPServer.require()
        let key = UUID().uuidString
        let failure = try await failure(server.url("/flaky?key=\(key)&fails=9&code=404"))
        XCTAssertEqual(failure.message, "HTTP 404 Not Found")
        let count = await requests(server, key: "flaky:\(key)")
        XCTAssertEqual(count, 1)
    }

    func testTooManyRequestsWaitsForRetryAfter() async throws {
        let server = try TestHTTPServer.require()
        let start = ContinuousClock.now
        let text = try await text(server.url("/ratelimit?key=\(UUID().uuidString)&after=1"))
        XCTAssertEqual(text, "thanks for waiting")
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - start, .milliseconds(950))
    }

    func testTooManyRequestsWithoutRetryAfterWaitsTheRateLimitDelay() async throws {
        let server = try TestHTTPServer.require()
        let start = ContinuousClock.now
        let patient = settings { $0.rateLimitDelay = .seconds(1) }
        let text = try await text(server.url("/ratelimit?key=\(UUID().uuidString)&after=none"), patient)
        XCTAssertEqual(text, "thanks for waiting")
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - start, .milliseconds(950), "not the 50 ms of other retries")
    }

    func testRetryAfterBeyondTheDeadlineIsNotAwaited() async throws {
        let server = try TestHTTPServer.require()
        let start = ContinuousClock.now
        let failure = try await failure(server.url("/ratelimit?key=\(UUID().uuidString)&after=30"), deadline: .seconds(5))
        XCTAssertEqual(failure.httpStatus, 429)
        XCTAssertEqual(failure.retryAfter, .seconds(30))
        XCTAssertEqual(failure.message, "HTTP 429 Too Many Requests")
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(2))
    }

    func testConnectionRefused() async throws {
        let port = try Self.closedPort()
        let failure = try await failure("http://127.0.0.1:\(port)/feed.xml")
        XCTAssertEqual(failure.reason, .connect)
        XCTAssertEqual(failure.message, "connection refused by 127.0.0.1:\(port) (3 attempts)")
    }

    // MARK: - Deadline and cancellation

    func testDeadlineCancelsWhatStillRuns() async throws {
        let server = try TestHTTPServer.require()
        let engine = FetchEngine(settings: settings())
        let start = ContinuousClock.now
        let results = await engine.fetchAll(
            [FetchRequest(url: server.url("/hold?s=5")), FetchRequest(url: server.url("/ok"))],
            deadline: .now + .milliseconds(700))
        let elapsed = ContinuousClock.now - start
        XCTAssertEqual(try results[1].get().status, 200)
        let failure = try XCTUnwrap(error(results[0]))
        XCTAssertEqual(failure.reason, .cancelled)
        XCTAssertTrue(failure.message.hasPrefix("cancelled at the deadline"), failure.message)
        XCTAssertLessThan(elapsed, .milliseconds(1500))
    }

    func testTaskCancellationEndsTheTransfer() async throws {
        let server = try TestHTTPServer.require()
        let engine = FetchEngine(settings: settings())
        let start = ContinuousClock.now
        let task = Task { await engine.fetch(FetchRequest(url: server.url("/hold?s=5"))) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let result = await task.value
        let failure = try XCTUnwrap(error(result))
        XCTAssertEqual(failure.reason, .cancelled)
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(2))
    }

    func testEngineReleasedWhileIdleStopsCleanly() async throws {
        let server = try TestHTTPServer.require()
        for _ in 0..<5 {
            let engine = FetchEngine(settings: settings())
            let result = await engine.fetch(FetchRequest(url: server.url("/ok")))
            XCTAssertEqual(try result.get().status, 200)
        }
    }

    func testEngineThreadEndsWhenTheEngineIsReleased() async throws {
        let server = try TestHTTPServer.require()
        func threadCount() -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? 0
        }
        func oneEngine() async -> Int? {
            let engine = FetchEngine(settings: settings())
            return try? await engine.fetch(FetchRequest(url: server.url("/ok"))).get().status
        }
        _ = await oneEngine()  // warms up the concurrency pool's own threads
        try await Task.sleep(for: .milliseconds(200))
        let before = threadCount()
        let status = await oneEngine()
        XCTAssertEqual(status, 200)
        var after = threadCount()
        for _ in 0..<20 where after > before {
            try await Task.sleep(for: .milliseconds(50))
            after = threadCount()
        }
        XCTAssertLessThanOrEqual(after, before, "the revue-fetch thread should have exited")
    }

    // MARK: - TLS

    func testUntrustedCertificateIsRefused() async throws {
        let server = try TestHTTPServer.require()
        let failure = try await failure("https://127.0.0.1:\(server.tlsPort)/ok")
        XCTAssertEqual(failure.reason, .tls)
        XCTAssertTrue(failure.message.hasPrefix("TLS certificate not trusted"), failure.message)
    }

    func testTrustedCertificateWorks() async throws {
        let server = try TestHTTPServer.require()
        let text = try await text("https://127.0.0.1:\(server.tlsPort)/ok", settings { $0.extraCertificates = server.certificatePath })
        XCTAssertEqual(text, "ok")
    }

    /// `tlsPort` is trusted only by the stand-in system store, `authorityTLSPort` only by the
    /// `ca_file`: both must pass.
    func testCAFileIsTrustedBesideTheSystemDirectory() async throws {
        let server = try TestHTTPServer.require()
        let both = settings {
            $0.extraCertificates = server.authorityPath
            $0.systemCertificates = SystemCertificates(bundle: nil, directory: server.systemStorePath)
        }
        let system = try await text("https://127.0.0.1:\(server.tlsPort)/ok", both)
        let extra = try await text("https://127.0.0.1:\(server.authorityTLSPort)/ok", both)
        XCTAssertEqual([system, extra], ["ok", "ok"])
        let withoutTheStore = try await failure("https://127.0.0.1:\(server.tlsPort)/ok", settings {
            $0.extraCertificates = server.authorityPath
            $0.systemCertificates = SystemCertificates(bundle: nil, directory: (server.systemStorePath as NSString).deletingLastPathComponent)
        })
        XCTAssertTrue(withoutTheStore.message.hasPrefix("TLS certificate not trusted"), "the stand-in store is what trusted it")
    }

    func testCAFileIsJoinedToASystemBundleWhenLibcurlHasNoDirectory() async throws {
        let server = try TestHTTPServer.require()
        let both = settings {
            $0.extraCertificates = server.authorityPath
            $0.systemCertificates = SystemCertificates(bundle: server.certificatePath, directory: nil)
        }
        let system = try await text("https://127.0.0.1:\(server.tlsPort)/ok", both)
        let extra = try await text("https://127.0.0.1:\(server.authorityTLSPort)/ok", both)
        XCTAssertEqual([system, extra], ["ok", "ok"])
    }

    /// With libcurl's own defaults (on Debian /etc/ssl/certs): the connection is set up
    /// with the system directory beside the file (libcurl's verbose log names both), and
    /// the private authority is trusted.
    func testCAFileKeepsLibcurlsSystemStore() async throws {
        let server = try TestHTTPServer.require()
        let system = SystemCertificates.libcurlDefault
        let directory = try XCTUnwrap(system.directory, "this libcurl has no CA directory: the joined bundle applies")
        let authorities = try CertificateAuthorities(extraFile: server.authorityPath, system: system)
        let url = "https://127.0.0.1:\(server.authorityTLSPort)/ok"
        let transfer = CurlTransfer(request: FetchRequest(url: url), settings: settings(), deadline: .now + .seconds(5))
        let easy = try transfer.makeEasyHandle(authorities: authorities)
        defer { transfer.close() }
        let logPath = NSTemporaryDirectory() + "revue-curl-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: logPath) }
        let log = try XCTUnwrap(fopen(logPath, "w"))
        XCTAssertEqual(revue_easy_setopt_long(easy, CURLOPT_VERBOSE, 1), CURLE_OK)
        XCTAssertEqual(revue_easy_setopt_pointer(easy, CURLOPT_STDERR, UnsafeMutableRawPointer(log)), CURLE_OK)
        let code = curl_easy_perform(easy)
        fclose(log)
        XCTAssertEqual(code, CURLE_OK)
        let lines = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n")
            .map { String($0.drop { $0 == "*" || $0 == " " }) }  // "*  CAfile: ..."
        XCTAssertTrue(lines.contains("CAfile: \(server.authorityPath)"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("CApath: \(directory)"), lines.joined(separator: "\n"))
    }

    // MARK: - file:// and proxy

    func testFileSourcesOnlyWhenAllowed() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("revue-fetch-\(UUID().uuidString).xml")
        try Data("<rss/>".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let response = try await fetch(file.absoluteString).get()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "<rss/>")

        let refused = try await failure(file.absoluteString, settings { $0.allowFileURLs = false })
        XCTAssertEqual(refused.reason, .other)
        XCTAssertEqual(refused.message, "file:// addresses are not allowed here")

        let missing = try await failure(file.absoluteString + ".missing")
        XCTAssertEqual(missing.reason, .other)
    }

    func testConfiguredProxyIsUsed() async throws {
        let server = try TestHTTPServer.require()
        let text = try await text("http://news.example.invalid/feed.xml", settings { $0.proxy = "http://127.0.0.1:\(server.port)" })
        XCTAssertEqual(text, "via proxy http://news.example.invalid/feed.xml")
    }

    func testHTTPSProxySignedByThePrivateAuthority() async throws {
        let server = try TestHTTPServer.require()
        let text = try await text("http://news.example.invalid/feed.xml", settings {
            $0.proxy = "https://127.0.0.1:\(server.authorityTLSPort)"
            $0.extraCertificates = server.authorityPath
        })
        XCTAssertEqual(text, "via proxy http://news.example.invalid/feed.xml")
    }

    // MARK: - libcurl's refusals

    func testAnOptionLibcurlRefusesFailsTheSourceAndIsNamed() async throws {
        let server = try TestHTTPServer.require()
        let failure = try await failure(server.url("/ok"), settings { $0.maxRedirects = -2 })
        XCTAssertEqual(failure.reason, .other)
        XCTAssertEqual(failure.message, "libcurl refused CURLOPT_MAXREDIRS = -2: A libcurl function was given a bad argument")
    }

    func testHonoursHttpProxyFromTheEnvironment() async throws {
        let server = try TestHTTPServer.require()
        setenv("http_proxy", "http://127.0.0.1:\(server.port)", 1)
        defer { unsetenv("http_proxy") }
        let text = try await text("http://news.example.invalid/feed.xml")
        XCTAssertEqual(text, "via proxy http://news.example.invalid/feed.xml")
    }

    /// A port on 127.0.0.1 with nothing listening: bound, then closed.
    private static func closedPort() throws -> Int {
        guard let (fd, port) = loopbackSocket(listening: false) else { throw TestServerError.didNotStart }
        close(fd)
        return port
    }
}

/// Indexes seen by an `onEach` callback, in arrival order.
private final class SeenIndexes: @unchecked Sendable {
    private let lock = NSLock()
    private var indexes: [Int] = []
    func add(_ index: Int) { lock.withLock { indexes.append(index) } }
    var sorted: [Int] { lock.withLock { indexes.sorted() } }
    var last: Int? { lock.withLock { indexes.last } }
}
