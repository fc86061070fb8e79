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

final class StateStoreTests: XCTestCase {
    func testMemoriesSurviveReopening() throws {
        let dir = NSTemporaryDirectory() + "revue-state-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let when = Date(timeIntervalSince1970: 1_766_476_800)
        do {
            let store = try StateStore(directory: dir)
            try store.save(["https://a/rss": SourceMemory(etag: "\"e\"", lastModified: "Tue, 23 Dec 2025 06:00:00 GMT",
                items: [Headline(title: "Titre", link: "https://a/1", published: when)], lastSuccess: when)])
            XCTAssertEqual(try store.firstSeen(["k"], now: when)["k"], when)
        }
        let store = try StateStore(directory: dir)
        let m = try XCTUnwrap(store.memory(of: "https://a/rss"))
        XCTAssertEqual(m.etag, "\"e\"")
        XCTAssertEqual(m.items.first?.title, "Titre")
        XCTAssertEqual(m.items.first?.published, when)
        // First seen is kept from the first time, not moved to the later run.
        XCTAssertEqual(try store.firstSeen(["k"], now: when.addingTimeInterval(86400))["k"], when)
    }

    func testOnlyOneRunHoldsTheLock() throws {
        let path = NSTemporaryDirectory() + "revue-lock-\(UUID().uuidString)"
        defer { unlink(path) }
        let first = try RunLock(path: path)
        XCTAssertNotNil(first)
        // flock locks belong to open file descriptions: a second open in the same process conflicts too.
        XCTAssertNil(try RunLock(path: path))
        _ = first
    }

    func testAtomicWriteReplacesWholeFile() throws {
        let path = NSTemporaryDirectory() + "revue-atomic-\(UUID().uuidString).txt"
        defer { unlink(path) }
        try AtomicFile.write("first version, longer", to: path)
        try AtomicFile.write("second", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "second")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { $0.hasPrefix(".revue-atomic") }
        XCTAssertTrue(leftovers.isEmpty)
    }

    func testAtomicWriteOfSeveralFilesWritesAllOrLeavesNoTemporaryFile() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write([(Data("a".utf8), dir + "/a.txt"), (Data("b".utf8), dir + "/b.txt")])
        XCTAssertEqual(try String(contentsOfFile: dir + "/a.txt", encoding: .utf8), "a")
        XCTAssertEqual(try String(contentsOfFile: dir + "/b.txt", encoding: .utf8), "b")

        // The second target's folder does not exist: nothing is renamed, no temporary file stays.
        XCTAssertThrowsError(try AtomicFile.write([(Data("A".utf8), dir + "/a.txt"), (Data("c".utf8), dir + "/missing/c.txt")])) {
            XCTAssertTrue("\($0)".contains("missing/c.txt"), "\($0)")
        }
        XCTAssertEqual(try String(contentsOfFile: dir + "/a.txt", encoding: .utf8), "a")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["a.txt", "b.txt"])
    }
}
