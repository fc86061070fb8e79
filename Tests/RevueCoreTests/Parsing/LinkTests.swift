import Foundation
import XCTest
@testable import RevueCore

/// Links resolved against xml:base and the feed address; only http(s); identity normalised.
final class LinkTests: XCTestCase {
    func testRelativeLinksAgainstXMLBase() throws {
        let feed = try ParsingFixtures.parse("relative-links-xml-base.xml")
        XCTAssertEqual(feed.link, "https://www.lavieeco.com/")
        XCTAssertEqual(feed.items[0].link, "https://www.lavieeco.com/news/economie/article-1.html")
        XCTAssertEqual(feed.items[1].link, "https://autre.example.org/a/2")
        XCTAssertNil(feed.items[2].link, "javascript: is dropped")
        XCTAssertNil(feed.items[3].link, "mailto: is dropped")
    }

    func testRelativeLinksAgainstTheFeedAddress() throws {
        let feed = try ParsingFixtures.parse("relative-links-feed-address.xml", ParseOptions(baseURL: "https://www.le360.ma/rss/accueil.xml"))
        XCTAssertEqual(feed.link, "https://www.le360.ma/")
        XCTAssertEqual(feed.items[0].link, "https://www.le360.ma/2025/12/23/un.html")
        XCTAssertEqual(feed.items[1].link, "https://www.le360.ma/rss/deux.html?utm_source=rss")
    }

    func testRelativeLinksWithoutAnyBaseAreDropped() throws {
        let feed = try ParsingFixtures.parse("relative-links-feed-address.xml")
        XCTAssertNil(feed.items[0].link)
    }

    func testLinkIdentityTable() {
        let cases: [(String, String)] = [
            ("https://www.Le360.ma/politique/x?utm_source=rss&utm_medium=feed", "https://www.le360.ma/politique/x"),
            ("HTTPS://WWW.LE360.MA:443/a/", "https://www.le360.ma/a"),
            ("http://example.ma:80/a#commentaires", "http://example.ma/a"),
            ("http://example.ma:8080/a", "http://example.ma:8080/a"),
            ("https://ex.ma/a?id=5&xtor=RSS-1&fbclid=abc", "https://ex.ma/a?id=5"),
            ("https://ex.ma/a?gclid=1&page=2&utm_campaign=x", "https://ex.ma/a?page=2"),
            ("https://ex.ma/", "https://ex.ma"),
            ("https://ex.ma", "https://ex.ma"),
            ("  https://ex.ma/Article-Casse  ", "https://ex.ma/Article-Casse"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(LinkIdentity.normalized(input), expected, input)
        }
        XCTAssertEqual(LinkIdentity.normalized("https://a.ma/x?utm_source=a"), LinkIdentity.normalized("https://A.ma/x/#top"))
    }
}
