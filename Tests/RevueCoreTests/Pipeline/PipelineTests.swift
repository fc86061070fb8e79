import XCTest
@testable import RevueCore

final class DigestWindowTests: XCTestCase {
    func testWindowIsTheDayBeforeTheMorningHour() {
        let casablanca = TimeZone(identifier: "Africa/Casablanca")!
        let window = DigestWindow.interval(for: DigestDay(year: 2025, month: 12, day: 23), morningHour: 7, timeZone: casablanca)
        let iso = ISO8601DateFormatter()
        // Morocco is UTC+1 all year since 2018 (except Ramadan).
        XCTAssertEqual(iso.string(from: window.end), "2025-12-23T06:00:00Z")
        XCTAssertEqual(iso.string(from: window.start), "2025-12-22T06:00:00Z")
    }

    /// Morocco leaves UTC+1 for Ramadan: in 2025 it moved its clocks back on 23 February
    /// and forward on 6 April. The digest still covers "from 07:00 yesterday to 07:00
    /// today" on the wall clock, so those windows last 25 and 23 hours and each starts
    /// exactly where the previous one ended.
    func testWindowsFollowTheLocalClockWhenMoroccoChangesItsOffset() {
        let casablanca = TimeZone(identifier: "Africa/Casablanca")!
        func window(_ month: Int, _ day: Int) -> DateInterval {
            DigestWindow.interval(for: DigestDay(year: 2025, month: month, day: day), morningHour: 7, timeZone: casablanca)
        }
        let iso = ISO8601DateFormatter()
        XCTAssertEqual(iso.string(from: window(2, 23).start), "2025-02-22T06:00:00Z")
        XCTAssertEqual(iso.string(from: window(2, 23).end), "2025-02-23T07:00:00Z")
        XCTAssertEqual(window(2, 23).duration, 25 * 3600)
        XCTAssertEqual(window(4, 6).duration, 23 * 3600)
        for (month, day) in [(2, 23), (2, 24), (4, 6), (4, 7), (3, 1)] {
            let yesterday = DigestDay(year: 2025, month: month, day: day).previous
            XCTAssertEqual(window(month, day).start, window(yesterday.month, yesterday.day).end,
                "\(month)-\(day) starts where the day before ended")
        }
        XCTAssertEqual(DigestDay(year: 2025, month: 3, day: 1).previous, DigestDay(year: 2025, month: 2, day: 28))
        XCTAssertEqual(DigestDay(year: 2025, month: 1, day: 1).previous, DigestDay(year: 2024, month: 12, day: 31))
    }

    func testUndatedHeadlinesCountFromWhenFirstSeen() {
        let window = DateInterval(start: Date(timeIntervalSince1970: 1000), end: Date(timeIntervalSince1970: 2000))
        let dated = SourcedHeadline(source: "A", headline: Headline(title: "in", published: Date(timeIntervalSince1970: 1500)))
        let old = SourcedHeadline(source: "A", headline: Headline(title: "old", published: Date(timeIntervalSince1970: 500)))
        let undatedNew = SourcedHeadline(source: "A", headline: Headline(title: "new"))
        let undatedOld = SourcedHeadline(source: "A", headline: Headline(title: "seen before"))
        let seen = [DigestWindow.key(of: undatedNew): Date(timeIntervalSince1970: 1900),
                    DigestWindow.key(of: undatedOld): Date(timeIntervalSince1970: 100)]
        let kept = DigestWindow.select([dated, old, undatedNew, undatedOld], in: window, firstSeen: seen)
        XCTAssertEqual(kept.map(\.headline.title), ["in", "new"])
    }
}

final class SourceReadingTests: XCTestCase {
    let source = Source(name: "Le Matin", url: "https://lematin.ma/rss")
    let now = Date(timeIntervalSince1970: 1_766_476_800)

    func testNotModifiedReusesTheLastItems() {
        let memory = SourceMemory(etag: "\"v1\"", items: [Headline(title: "Hier")], failingSince: now.addingTimeInterval(-86400))
        let r = SourceReading.read(source, fetched: .success(FetchResponse(status: 304, body: Data(), effectiveURL: source.url)),
            memory: memory, now: now)
        XCTAssertEqual(r.report.status, .notModified)
        XCTAssertEqual(r.items.map(\.title), ["Hier"])
        XCTAssertEqual(r.memory.etag, "\"v1\"")
        XCTAssertNil(r.memory.failingSince)
    }

    func testFailureKeepsMemoryAndStartsAStreak() {
        let memory = SourceMemory(etag: "\"v1\"", items: [Headline(title: "Hier")])
        let first = SourceReading.read(source, fetched: .failure(FetchError(.timeout, "timed out after 10 s")),
            memory: memory, now: now)
        XCTAssertEqual(first.report.status, .failed)
        XCTAssertEqual(first.report.reason, .timeout)
        XCTAssertNil(first.report.failingSince, "a first failure is not a streak yet")
        XCTAssertEqual(first.memory.failingSince, now)
        XCTAssertEqual(first.memory.items.map(\.title), ["Hier"])
        let later = now.addingTimeInterval(86400)
        let second = SourceReading.read(source, fetched: .failure(FetchError(.httpStatus, "HTTP 503")),
            memory: first.memory, now: later)
        XCTAssertEqual(second.report.failingSince, now)
        XCTAssertEqual(second.memory.failingSince, now)
    }

    func testHTTPErrorStatusIsAFailure() {
        let r = SourceReading.read(source, fetched: .success(FetchResponse(status: 404, body: Data("nope".utf8), effectiveURL: source.url)),
            memory: nil, now: now)
        XCTAssertEqual(r.report.reason, .httpStatus)
        XCTAssertEqual(r.report.detail, "HTTP 404")
    }

    func testGarbageIsAParseFailureNamedBySource() {
        let r = SourceReading.read(source, fetched: .success(FetchResponse(status: 200, body: Data("\u{0}\u{1}garbage".utf8), effectiveURL: source.url)),
            memory: nil, now: now)
        XCTAssertEqual(r.report.status, .failed)
        XCTAssertEqual(r.report.name, "Le Matin")
        XCTAssertTrue([.parse, .empty].contains(r.report.reason!))
    }
}

/// The line a partial outage prints under cron.
final class RunAlertTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_766_476_800)

    private func coverage(ok: Int, failed: Int, failingFor days: Double? = nil) -> [SourceReport] {
        (0..<ok).map { SourceReport(name: "OK \($0)", url: "https://ok/\($0)", status: .ok) }
            + (0..<failed).map {
                SourceReport(name: "KO \($0)", url: "https://ko/\($0)", status: .failed, reason: .timeout,
                    failingSince: days.map { now.addingTimeInterval(-$0 * 86_400) })
            }
    }

    func testHalfTheSourcesFailingIsSaid() throws {
        let line = try XCTUnwrap(RunAlert.message(coverage(ok: 5, failed: 5), settings: AlertSettings(), now: now))
        XCTAssertTrue(line.contains("5 of 10 sources failed") && line.contains("KO 0: timeout"), line)
    }

    func testOneSourceFailingTodayIsNotWorthAMail() {
        XCTAssertNil(RunAlert.message(coverage(ok: 9, failed: 1), settings: AlertSettings(), now: now))
        XCTAssertNil(RunAlert.message(coverage(ok: 9, failed: 1, failingFor: 2.5), settings: AlertSettings(), now: now))
        XCTAssertNil(RunAlert.message(coverage(ok: 10, failed: 0), settings: AlertSettings(), now: now))
    }

    func testASourceDeadForDaysIsSaidAndThresholdsCanBeTurnedOff() throws {
        let line = try XCTUnwrap(RunAlert.message(coverage(ok: 9, failed: 1, failingFor: 3), settings: AlertSettings(), now: now))
        XCTAssertTrue(line.contains("failing for 3 days or more: KO 0"), line)
        var off = AlertSettings()
        off.failingDays = 0
        off.failedShare = 0
        XCTAssertNil(RunAlert.message(coverage(ok: 1, failed: 9, failingFor: 30), settings: off, now: now))
    }
}

/// The terminal's progress line names the sources still awaited.
final class FetchProgressTests: XCTestCase {
    func testTheLastSourcesAwaitedAreNamed() {
        var progress = FetchProgress(sources: ["Le Matin", "Le360", "Hespress", "L'Opinion", "Médias24", "MAP"])
        XCTAssertEqual(progress.done("Le360", failed: false), "[1/6] ✓ Le360")
        XCTAssertEqual(progress.done("MAP", failed: true), "[2/6] ✗ MAP")
        XCTAssertEqual(progress.done("Le Matin", failed: false),
            "[3/6] ✓ Le Matin · en attente : Hespress, L'Opinion, Médias24")
        _ = progress.done("Hespress", failed: false)
        XCTAssertEqual(progress.done("Médias24", failed: false), "[5/6] ✓ Médias24 · en attente : L'Opinion")
        XCTAssertEqual(progress.done("L'Opinion", failed: true), "[6/6] ✗ L'Opinion")
    }

    func testAManySourcesRunShowsThreeAndACount() {
        var progress = FetchProgress(sources: (1...10).map { "S\($0)" })
        for n in 1...5 { _ = progress.done("S\(n)", failed: false) }
        XCTAssertEqual(progress.done("S6", failed: false), "[6/10] ✓ S6 · en attente : S7, S8, S9 +1")
    }
}
