import GRDB
import XCTest
@testable import RevueCore

/// The whole morning run over real HTTP on 127.0.0.1: fetch, parse, group, rank, write.
final class EndToEndTests: XCTestCase {
    func testMorningRunWritesTheDigestAndSurvivesBrokenSources() async throws {
        let server = try StaticFileServer(directory: TestPaths.fixtures("e2e"))
        let out = TestPaths.temporaryDirectory()
        let stateDir = TestPaths.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: stateDir)
        }
        var config = RevueConfig()
        config.sources = [
            Source(name: "Le Matin", url: server.url("lematin.xml"), language: "fr"),
            Source(name: "Le360", url: server.url("le360.xml"), language: "fr"),
            Source(name: "Morocco World News", url: server.url("mwn.atom"), language: "en"),
            Source(name: "Broken", url: server.url("broken.xml")),
            Source(name: "Missing", url: server.url("missing.xml")),
        ]
        config.fetch.stageTimeout = .seconds(20)
        let day = DigestDay(year: 2025, month: 12, day: 23)
        let now = ISO8601DateFormatter().date(from: "2025-12-23T05:50:00Z")!
        let store = try StateStore(directory: stateDir)

        let outcome = try await MorningRun(config: config, day: day, now: now, outputDirectory: out, state: store).run()

        // Every healthy source made it; each broken one is named with its reason.
        let coverage = Dictionary(uniqueKeysWithValues: outcome.digest.coverage.map { ($0.name, $0) })
        XCTAssertEqual(coverage["Le Matin"]?.status, .ok)
        XCTAssertEqual(coverage["Morocco World News"]?.status, .ok)
        XCTAssertEqual(coverage["Broken"]?.status, .failed)
        XCTAssertEqual(coverage["Missing"]?.reason, .httpStatus)
        XCTAssertEqual(outcome.sourcesOK, 3)

        // The same story from two sources is one story listing both.
        let mahrez = try XCTUnwrap(outcome.digest.stories.first { $0.title.contains("Mahrez") })
        XCTAssertEqual(Set(mahrez.sources).intersection(["Le Matin", "Le360"]).count, 2)
        XCTAssertEqual(mahrez.theme, .sport)
        XCTAssertEqual(outcome.digest.stories.first?.id, mahrez.id, "the story told by most sources leads")

        let text = try String(contentsOfFile: outcome.files.text, encoding: .utf8)
        XCTAssertTrue(text.contains("Revue de presse"))
        XCTAssertTrue(text.contains("mardi 23 décembre 2025"))
        for section in ["Sport", "Politique", "Météo", "Culture"] {
            XCTAssertTrue(text.contains(section), "no \(section) section in:\n\(text)")
        }
        XCTAssertFalse(text.contains("vieille nouvelle"), "a story from 20 December is not news on the 23rd")
        // Undated, first seen by this run (05:50 UTC, before the window closes at 06:00).
        XCTAssertTrue(text.contains("Un dossier sans date"), "an undated headline seen for the first time is today's news")
        XCTAssertTrue(text.contains("Broken") && text.contains("Missing"), "failed sources are named in the footer")
        // Links are absolute and tracking parameters are not shown.
        XCTAssertTrue(text.contains("https://lematin.ma/politique/conseil-gouvernement-nominations/302") ||
                      text.contains("http://127.0.0.1:\(server.port)/politique/conseil-gouvernement-nominations/302"))

        let html = try String(contentsOfFile: outcome.files.html, encoding: .utf8)
        XCTAssertTrue(html.contains("mardi 23 décembre 2025"))
        XCTAssertTrue(html.contains("Météo"))
        let mail = try String(contentsOfFile: outcome.files.mail, encoding: .utf8)
        XCTAssertTrue(mail.contains("Subject: "))
        XCTAssertTrue(mail.contains("multipart/alternative"))

        let status = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: outcome.files.status))) as! [String: Any]
        XCTAssertEqual(status["date"] as? String, "2025-12-23")
        XCTAssertEqual(status["sources_failed"] as? Int, 2)

        // The next run: the server answers 304 and the digest still shows the stories.
        let again = try await MorningRun(config: config, day: day, now: now.addingTimeInterval(60), outputDirectory: out,
            state: store).run()
        let second = Dictionary(uniqueKeysWithValues: again.digest.coverage.map { ($0.name, $0) })
        XCTAssertEqual(second["Le Matin"]?.status, .notModified)
        XCTAssertEqual(again.digest.stories.count, outcome.digest.stories.count)
        XCTAssertEqual(second["Missing"]?.failingSince, now, "a source that keeps failing says since when")
    }

    /// When every source answers 304, the stories are grouped from what was remembered
    /// while the network works: the digest must be the one the run would have made anyway.
    /// One changed feed sends the run back to the ordinary path.
    func testAllNotModifiedRunsGroupWhileFetchingAndGiveTheSameDigest() async throws {
        let site = TestPaths.temporaryDirectory()
        let out = TestPaths.temporaryDirectory()
        let stateDir = TestPaths.temporaryDirectory()
        defer {
            for dir in [site, out, stateDir] { try? FileManager.default.removeItem(atPath: dir) }
        }
        for file in ["lematin.xml", "le360.xml", "mwn.atom"] {
            try FileManager.default.copyItem(atPath: TestPaths.fixtures("e2e") + "/" + file, toPath: site + "/" + file)
        }
        let server = try StaticFileServer(directory: site)
        var config = RevueConfig()
        config.sources = [
            Source(name: "Le Matin", url: server.url("lematin.xml"), language: "fr"),
            Source(name: "Le360", url: server.url("le360.xml"), language: "fr"),
            Source(name: "Morocco World News", url: server.url("mwn.atom"), language: "en"),
        ]
        config.fetch.stageTimeout = .seconds(20)
        let day = DigestDay(year: 2025, month: 12, day: 23)
        let now = ISO8601DateFormatter().date(from: "2025-12-23T05:50:00Z")!
        let store = try StateStore(directory: stateDir)
        func run(_ minutes: Double) async throws -> RunOutcome {
            try await MorningRun(config: config, day: day, now: now.addingTimeInterval(minutes * 60), outputDirectory: out,
                state: store).run()
        }
        func summary(_ outcome: RunOutcome) -> [String] {
            outcome.digest.stories.map { "\($0.id) \($0.theme) \($0.headlines.map(\.source))" }
        }
        func groupedWhileFetching(_ outcome: RunOutcome) -> Bool {
            outcome.timings.contains { $0.stage.contains("grouped while fetching") }
        }

        let first = try await run(0)
        XCTAssertFalse(groupedWhileFetching(first), "a first run has nothing remembered")
        let second = try await run(1)
        XCTAssertTrue(second.digest.coverage.allSatisfy { $0.status == .notModified })
        XCTAssertTrue(groupedWhileFetching(second))
        XCTAssertEqual(summary(second), summary(first))
        let text = try String(contentsOfFile: second.files.text, encoding: .utf8)
        XCTAssertTrue(text.contains("Un dossier sans date"), "undated headlines keep the day they were first seen")

        // Le360 changes: its new headline is in, and the others still come from memory.
        let le360 = site + "/le360.xml"
        var feed = try String(contentsOfFile: le360, encoding: .utf8)
        feed = feed.replacingOccurrences(of: "<item>", with: """
            <item><title>Intempéries : alerte orange sur le Rif et l'Oriental</title>\
            <link>https://le360.ma/societe/alerte-orange-rif</link>\
            <pubDate>Tue, 23 Dec 2025 05:30:00 GMT</pubDate></item>
            <item>
            """, options: [], range: feed.range(of: "<item>"))
        try feed.write(toFile: le360, atomically: true, encoding: .utf8)
        // http.server's Last-Modified has a one-second resolution.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: le360)
        let third = try await run(2)
        XCTAssertFalse(groupedWhileFetching(third))
        let statuses = Dictionary(uniqueKeysWithValues: third.digest.coverage.map { ($0.name, $0.status) })
        XCTAssertEqual(statuses["Le360"], .ok)
        XCTAssertEqual(statuses["Le Matin"], .notModified)
        XCTAssertEqual(statuses["Morocco World News"], .notModified)
        XCTAssertTrue(third.digest.stories.contains { $0.title.contains("alerte orange sur le Rif") })
        XCTAssertEqual(third.digest.stories.count, first.digest.stories.count + 1)
        XCTAssertTrue(Set(third.digest.stories.flatMap(\.sources)).isSuperset(of: ["Le Matin", "Morocco World News"]),
            "sources that answered 304 keep their headlines")
    }

    /// A run after the morning hour, or a rebuild of a past day, must not file a headline
    /// nobody had seen before into a digest that was already mailed: it waits for the next.
    func testUndatedHeadlinesFirstSeenAfterTheWindowGoToTheNextDigest() async throws {
        let server = try StaticFileServer(directory: TestPaths.fixtures("e2e"))
        let out = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        var config = RevueConfig()
        config.sources = [Source(name: "Le360", url: server.url("le360.xml"), language: "fr")]
        config.fetch.stageTimeout = .seconds(20)
        let iso = ISO8601DateFormatter()
        let undated = "Un dossier sans date"
        func build(_ day: Int, at time: String, state: StateStore) async throws -> String {
            let outcome = try await MorningRun(config: config, day: DigestDay(year: 2025, month: 12, day: day),
                now: iso.date(from: time)!, outputDirectory: out, state: state).run()
            return try String(contentsOfFile: outcome.files.text, encoding: .utf8)
        }

        // Late: the 23rd's window closed at 06:00 UTC (07:00 in Casablanca).
        let late = try StateStore(directory: TestPaths.temporaryDirectory())
        let mailed = try await build(23, at: "2025-12-23T06:10:00Z", state: late)
        XCTAssertTrue(mailed.contains("Mahrez"), "dated headlines of the window are there")
        XCTAssertFalse(mailed.contains(undated), "first seen after the window closed")
        let rebuilt = try await build(23, at: "2025-12-23T09:00:00Z", state: late)
        XCTAssertFalse(rebuilt.contains(undated), "a second build of the same day does not add it either")
        let next = try await build(24, at: "2025-12-24T06:05:00Z", state: late)
        XCTAssertTrue(next.contains(undated), "it is the next morning's news")

        // A past day rebuilt today leaves today's headlines to today.
        let past = try StateStore(directory: TestPaths.temporaryDirectory())
        let yesterday = try await build(22, at: "2025-12-23T05:50:00Z", state: past)
        XCTAssertFalse(yesterday.contains(undated))
        let today = try await build(23, at: "2025-12-23T05:55:00Z", state: past)
        XCTAssertTrue(today.contains(undated))
        for store in [late, past] { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
    }

    /// A 304 says "what you have is current"; if what revue has cannot be read any more,
    /// the same run asks again for the whole feed instead of showing nothing of the source.
    func testANotModifiedAnswerForLostItemsIsAskedAgainUnconditionally() async throws {
        let server = try StaticFileServer(directory: TestPaths.fixtures("e2e"))
        let out = TestPaths.temporaryDirectory(), stateDir = TestPaths.temporaryDirectory()
        defer { for dir in [out, stateDir] { try? FileManager.default.removeItem(atPath: dir) } }
        var config = RevueConfig()
        config.sources = [
            Source(name: "Le Matin", url: server.url("lematin.xml"), language: "fr"),
            Source(name: "Le360", url: server.url("le360.xml"), language: "fr"),
        ]
        config.fetch.stageTimeout = .seconds(20)
        let day = DigestDay(year: 2025, month: 12, day: 23)
        let now = ISO8601DateFormatter().date(from: "2025-12-23T05:50:00Z")!
        let store = try StateStore(directory: stateDir)
        let first = try await MorningRun(config: config, day: day, now: now, outputDirectory: out, state: store).run()
        XCTAssertEqual(first.digest.coverage.map(\.status), [.ok, .ok])

        // Le360's remembered items become unreadable (a damaged row, or an older form).
        let raw = try DatabaseQueue(path: store.path)
        let le360 = server.url("le360.xml")
        try await raw.write { try $0.execute(sql: "UPDATE source_state SET items = x'FF00' WHERE url = ?",
            arguments: [le360]) }
        try raw.close()

        let second = try await MorningRun(config: config, day: day, now: now.addingTimeInterval(60), outputDirectory: out,
            state: store).run()
        XCTAssertEqual(second.digest.coverage.map(\.status), [.notModified, .ok], "Le360 was read again in full")
        XCTAssertEqual(second.digest.coverage[1].items, first.digest.coverage[1].items)
        XCTAssertEqual(second.digest.stories.map(\.id), first.digest.stories.map(\.id))
    }
}
