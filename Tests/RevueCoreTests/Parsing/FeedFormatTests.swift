import Foundation
import XCTest
@testable import RevueCore

/// One test per format, and the detection of the format from content alone.
final class FeedFormatTests: XCTestCase {
    func testRSS1RDFItemsBesideTheChannel() throws {
        let feed = try ParsingFixtures.parse("rss-1.0-rdf.xml")
        XCTAssertEqual(feed.format, .rdf)
        XCTAssertEqual(feed.title, "Aujourd'hui le Maroc")
        XCTAssertEqual(feed.language, "fr")
        XCTAssertEqual(feed.items.count, 1)
        XCTAssertEqual(feed.items[0].id, "https://www.aujourdhui.ma/economie/1")
        XCTAssertEqual(ParsingFixtures.iso(feed.items[0].published), "2025-12-23T05:00:00Z")
        XCTAssertEqual(feed.items[0].categories, ["Économie"])
        XCTAssertEqual(feed.items[0].language, "fr")
    }

    func testAtom03EscapedModeAndIssuedDate() throws {
        let feed = try ParsingFixtures.parse("atom-0.3.xml")
        XCTAssertEqual(feed.format, .atom)
        XCTAssertEqual(feed.title, "Le Desk")
        XCTAssertEqual(feed.link, "https://ledesk.ma/")
        XCTAssertEqual(feed.items[0].summary, "Industrie sidérurgique")
        XCTAssertEqual(ParsingFixtures.iso(feed.items[0].published), "2025-12-23T10:00:00Z")
    }

    func testAtomXHTMLContentBecomesPlainTextWithoutScript() throws {
        let feed = try ParsingFixtures.parse("atom-xhtml-content.xml")
        let item = try XCTUnwrap(feed.items.first)
        XCTAssertEqual(feed.link, "https://www.moroccoworldnews.com/", "rel=self is not the page")
        XCTAssertEqual(item.title, "Cold wave: 833,000 people targeted")
        XCTAssertEqual(item.summary, "The national plan reaches 833,000 people & families. A <tag> stays text.")
        XCTAssertEqual(item.language, "en")
        XCTAssertEqual(item.categories, ["Society"])
        XCTAssertEqual(ParsingFixtures.iso(item.published), "2025-12-23T08:15:00Z", "published wins over updated")
    }

    func testJSONFeed() throws {
        let feed = try ParsingFixtures.parse("json-feed.json", ParseOptions(baseURL: "https://snrtnews.com/feed.json"))
        XCTAssertEqual(feed.format, .json)
        XCTAssertEqual(feed.title, "SNRTnews")
        XCTAssertEqual(feed.items.count, 2)
        XCTAssertEqual(feed.items[0].summary, "Les Lions ont repris.")
        XCTAssertEqual(feed.items[0].categories, ["Sport", "CAN"])
        XCTAssertEqual(ParsingFixtures.iso(feed.items[0].published), "2025-12-23T07:15:00Z")
        XCTAssertEqual(feed.items[1].link, "https://snrtnews.com/article/2")
        XCTAssertNil(feed.items[1].published)
        XCTAssertEqual(feed.items[0].language, "fr")
    }

    func testFormatComesFromContentNotName() throws {
        let atom = Data("<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title></feed>".utf8)
        XCTAssertEqual(try FeedParser.parse(atom).format, .atom)
        let rss = Data("\n\n<rss version='0.91'><channel><title>t</title><item><title>x</title></item></channel></rss>".utf8)
        XCTAssertEqual(try FeedParser.parse(rss).format, .rss)
    }

    func testNotAFeedIsAnError() {
        XCTAssertThrowsError(try ParsingFixtures.parse("not-a-feed.xml"))
        XCTAssertThrowsError(try FeedParser.parse(Data()))
        XCTAssertThrowsError(try FeedParser.parse(Data("{\"hello\": 1}".utf8)))
    }

    func testJSONLineEscapesAndFormatsDates() throws {
        let feed = ParsedFeed(format: .rss, title: "a \"b\"\n\\", items: [
            Headline(title: "t\u{1}", published: Date(timeIntervalSince1970: 1_766_477_700)),
        ])
        let line = String(decoding: feed.jsonLine(path: "p.xml"), as: UTF8.self)
        XCTAssertTrue(line.hasSuffix("\n"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        XCTAssertEqual(object["title"] as? String, "a \"b\"\n\\")
        let item = try XCTUnwrap((object["items"] as? [[String: Any]])?.first)
        XCTAssertEqual(item["title"] as? String, "t\u{1}")
        XCTAssertEqual(item["published"] as? String, "2025-12-23T08:15:00Z")
    }
}

extension FeedFormatTests {
    func testSingleAtomEntryDocument() throws {
        let xml = "<entry xmlns='http://www.w3.org/2005/Atom'><title>Seul</title><link href='https://ex.ma/1'/></entry>"
        let feed = try FeedParser.parse(Data(xml.utf8))
        XCTAssertEqual(feed.format, .atom)
        XCTAssertEqual(feed.items.map(\.title), ["Seul"])
        XCTAssertEqual(feed.items.first?.link, "https://ex.ma/1")
    }
}
