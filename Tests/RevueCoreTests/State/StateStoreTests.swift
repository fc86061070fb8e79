import GRDB
import XCTest
@testable import RevueCore

/// The state is a cache: damaged, it is moved aside and the run goes on with a fresh one.
final class StateStoreTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = TestPaths.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private let moment = ISO8601DateFormatter().date(from: "2025-12-23T06:05:09Z")!

    private static func sources(_ n: Int) -> [Source] {
        (0..<n).map { Source(name: "S\($0)", url: "https://a.example/\($0)/feed") }
    }

    private func fill(_ store: StateStore, sources: Int) throws {
        var memories: [String: SourceMemory] = [:]
        for i in 0..<sources {
            let items = (0..<20).map { Headline(title: "Titre \(i)-\($0)", link: "https://a.example/\(i)/\($0)",
                summary: String(repeating: "résumé ", count: 30)) }
            memories["https://a.example/\(i)/feed"] = SourceMemory(etag: "\"e\(i)\"", items: items)
        }
        try store.save(memories)
    }

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

    func testASoundStateIsKept() throws {
        try fill(StateStore(directory: directory), sources: 3)
        let reopened = try StateStore(directory: directory, now: moment)
        XCTAssertNil(reopened.setAside)
        XCTAssertEqual(try reopened.validators(for: Self.sources(3)).count, 3)
    }

    func testAStateThatIsNotADatabaseIsMovedAsideWithItsWAL() throws {
        let path = directory + "/state.sqlite"
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        try Data("stale wal".utf8).write(to: URL(fileURLWithPath: path + "-wal"))

        let store = try StateStore(directory: directory, now: moment)

        let aside = try XCTUnwrap(store.setAside)
        XCTAssertEqual(aside.movedTo, path + ".damaged-20251223T060509")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: aside.movedTo)).first, 0x5A, "kept for inspection")
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data()
        XCTAssertNil(wal.firstRange(of: Data("stale wal".utf8)), "the old WAL is not replayed into the fresh state")
        XCTAssertTrue(aside.description.contains(aside.movedTo), aside.description)
        // The fresh state works.
        XCTAssertEqual(try store.validators(for: Self.sources(200)).count, 0)
        try fill(store, sources: 2)
        XCTAssertEqual(try store.validators(for: Self.sources(2)).count, 2)
    }

    func testATruncatedStateIsMovedAside() throws {
        try fill(StateStore(directory: directory), sources: 200)
        let path = directory + "/state.sqlite"
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        XCTAssertGreaterThan(size, 100_000)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()

        let store = try StateStore(directory: directory, now: moment)

        XCTAssertNotNil(store.setAside, "half a database is not trusted")
        XCTAssertEqual(try store.validators(for: Self.sources(200)).count, 0)
    }

    func testASecondDamageOnTheSameSecondDoesNotOverwriteTheFirst() throws {
        let path = directory + "/state.sqlite"
        for _ in 0..<2 {
            try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: path))
            _ = try StateStore(directory: directory, now: moment)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + ".damaged-20251223T060509"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + ".damaged-20251223T060509-2"))
    }

    func testUnreadableItemsAreReportedLostAndForgetTheirValidators() throws {
        let store = try StateStore(directory: directory)
        try fill(store, sources: 1)
        let db = try DatabaseQueue(path: directory + "/state.sqlite")
        try db.write { try $0.execute(sql: "UPDATE source_state SET items = x'FF00'") }
        try db.close()

        let memory = try XCTUnwrap(try store.memory(of: "https://a.example/0/feed"))
        XCTAssertTrue(memory.itemsLost)
        XCTAssertNil(memory.etag)
        XCTAssertEqual(memory.items, [])
    }

    func testSourcesThatLeftTheConfigAndHeadlinesGoneFromTheFeedsAreForgottenAfterTheRetention() throws {
        let store = try StateStore(directory: directory)
        let day: TimeInterval = 86_400
        let start = moment
        try store.save([
            "https://kept/feed": SourceMemory(etag: "k", lastSuccess: start),
            "https://left/feed": SourceMemory(etag: "l", lastSuccess: start),
            "https://left-recently/feed": SourceMemory(etag: "r", lastSuccess: start.addingTimeInterval(25 * day)),
        ])
        _ = try store.firstSeen(["gone", "still there"], now: start)
        _ = try store.firstSeen(["still there"], now: start.addingTimeInterval(20 * day))

        try store.prune(keeping: ["https://kept/feed"], now: start.addingTimeInterval(StateStore.retention + day))

        let all = ["https://kept/feed", "https://left/feed", "https://left-recently/feed"].map { Source(name: $0, url: $0) }
        XCTAssertEqual(Set(try store.validators(for: all).keys), ["https://kept/feed", "https://left-recently/feed"],
            "a configured source is never forgotten; one that left is, once it has been silent for the retention")
        let later = start.addingTimeInterval(40 * day)
        XCTAssertEqual(try store.firstSeen(["still there"], now: later)["still there"], start, "still in a feed: remembered")
        XCTAssertEqual(try store.firstSeen(["gone"], now: later)["gone"], later, "forgotten: seen anew")
    }

    /// Months of daily runs: the state holds the current feeds and a month of first
    /// sightings, and its file stops growing once the retention is reached.
    func testTheStateStopsGrowingOnceTheRetentionIsReached() throws {
        let store = try StateStore(directory: directory)
        let sources = 50, perFeed = 30, newPerDay = 10
        var sizes: [Int] = []
        for day in 0..<75 {
            let now = moment.addingTimeInterval(Double(day) * 86_400)
            var memories: [String: SourceMemory] = [:]
            var undated: [String] = []
            for s in 0..<sources {
                // Each day ten new items push the ten oldest out of a 30-item feed; half undated.
                let items = (0..<perFeed).map { i -> Headline in
                    let n = day * newPerDay + i
                    return Headline(title: "Source \(s), article \(n)", link: "https://s\(s).example/\(n)",
                        published: n % 2 == 0 ? now : nil, summary: String(repeating: "mot ", count: 40))
                }
                memories["https://s\(s).example/feed"] = SourceMemory(etag: "\"\(day)\"", items: items, lastSuccess: now)
                undated += items.filter { $0.published == nil }.map { "s\(s)\u{1}\($0.link!)" }
            }
            try store.save(memories)
            _ = try store.firstSeen(undated, now: now)
            try store.prune(keeping: Set(memories.keys), now: now)
            sizes.append(try fileSize(store.path))
        }
        // The retention is 30 days: from day 40 on the file holds about as much as it will
        // (without pruning it would grow by a third between these two days).
        XCTAssertLessThanOrEqual(sizes[74], sizes[40] + sizes[40] / 20, "sizes: \(sizes)")
    }

    private func fileSize(_ path: String) throws -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// Fixing a page's XPath rules must show at once, not when the page next changes.
    func testASourceWhoseRulesChangedIsAskedWithoutValidators() throws {
        let store = try StateStore(directory: directory)
        var page = Source(name: "Une", url: "https://une.example/", html: HTMLRules(item: "//article", title: ".//h2"))
        var memory = SourceMemory(etag: "\"v1\"", items: [Headline(title: "Titre")])
        memory.reading = page.reading
        try store.save([page.url: memory])
        XCTAssertNotNil(try store.validators(for: [page])[page.url])

        page.html?.title = ".//h3"
        XCTAssertNil(try store.validators(for: [page])[page.url], "new rules: ask for the whole page")
        page.html?.title = ".//h2"
        page.language = "ar"
        XCTAssertNil(try store.validators(for: [page])[page.url], "items were tagged with the old language")
        page.language = nil
        page.profile = "aggregator"
        XCTAssertNil(try store.validators(for: [page])[page.url])
    }
}
