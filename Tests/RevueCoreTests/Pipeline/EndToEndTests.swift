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
        let now = ISO8601DateFormatter().date(from: "2025-12-23T06:10:00Z")!
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
        // Undated, first seen by this run (06:10 UTC, after the window closed at 06:00): it
        // belongs to this digest, not to tomorrow's.
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
}
