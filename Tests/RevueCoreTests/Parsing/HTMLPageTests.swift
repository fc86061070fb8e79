import Foundation
import XCTest
@testable import RevueCore

/// Aggregator profile and per-source XPath rules.
final class HTMLPageTests: XCTestCase {
    let aggregator = ParseOptions(baseURL: "https://portail.example.ma/", profile: "aggregator", now: ParsingFixtures.now)

    func testAggregatorTickerMatchesGoldenOutput() throws {
        let feed = try ParsingFixtures.parse("aggregator-ticker.html", aggregator)
        let line = String(decoding: feed.jsonLine(path: "aggregator-ticker.html"), as: UTF8.self)
        let golden = String(decoding: try ParsingFixtures.data("aggregator-ticker.golden.jsonl"), as: UTF8.self)
        XCTAssertEqual(line, golden)
        XCTAssertEqual(feed.items.count, 12)
        XCTAssertFalse(line.contains("Merci d'avoir signalé"))
        XCTAssertFalse(line.contains("Publicité"))
    }

    func testAggregatorArticleNamesTheOriginalSource() throws {
        let feed = try ParsingFixtures.parse("aggregator-article.html", aggregator)
        let article = try XCTUnwrap(feed.items.first)
        XCTAssertTrue(article.title.hasPrefix("Antony Blinken : «Le partenariat maroco-américain"), article.title)
        XCTAssertEqual(article.originalSource, "Barlamane")
        XCTAssertEqual(ParsingFixtures.iso(article.published), "2021-11-23T00:00:00Z")
        XCTAssertEqual(article.link, "https://www.barlamane.com/fr/antony-blinken-partenariat/")
        XCTAssertTrue(article.summary.hasPrefix("Le partenariat entre les Etats-Unis et le Maroc"), article.summary)
        XCTAssertLessThanOrEqual(article.summary.count, 301)
        for item in feed.items {
            for text in [item.title, item.summary] {
                XCTAssertFalse(text.contains("Merci d'avoir signalé"))
                XCTAssertFalse(text.contains("Cliquez ici"))
                XCTAssertFalse(text.contains("automatiquement bloquée"))
            }
        }
        XCTAssertEqual(feed.items.count, 5, "the article and the four ticker headlines")
    }

    func testAggregatorArticleWithoutClassesIsFoundByItsWording() throws {
        let feed = try ParsingFixtures.parse("aggregator-article-unclassed.html", aggregator)
        let article = try XCTUnwrap(feed.items.first)
        XCTAssertEqual(article.originalSource, "Barlamane")
        XCTAssertEqual(ParsingFixtures.iso(article.published), "2021-11-23T00:00:00Z")
        XCTAssertFalse(article.summary.contains("Cliquez"))
    }

    func testAggregatorProfileOnAPageWithNothingIsAnError() {
        let page = Data("<html><body><p>Maintenance</p></body></html>".utf8)
        XCTAssertThrowsError(try FeedParser.parse(page, options: aggregator))
    }

    func testXPathRules() throws {
        let rules = HTMLRules(item: "//div[@class='card']", title: ".//h3", link: ".//h3/a/@href",
                              date: ".//span[@class='date']", summary: ".//p[@class='chapo']")
        let feed = try ParsingFixtures.parse("html-rules-page.html", ParseOptions(baseURL: "https://medias24.com/economie/", htmlRules: rules))
        XCTAssertEqual(feed.format, .html)
        XCTAssertEqual(feed.items.count, 2)
        XCTAssertEqual(feed.items[0].title, "Somasteel inaugure l'extension de son site")
        XCTAssertEqual(feed.items[0].link, "https://medias24.com/2025/12/23/somasteel.html")
        XCTAssertEqual(ParsingFixtures.iso(feed.items[0].published), "2025-12-23T00:00:00Z")
        XCTAssertEqual(ParsingFixtures.iso(feed.items[1].published), "2025-12-22T00:00:00Z")
        XCTAssertEqual(feed.items[1].summary, "Santé.")
        XCTAssertEqual(feed.language, "fr")
    }

    func testRuleThatMatchesNothingIsASourceFailure() {
        let rules = HTMLRules(item: "//div[@class='gone']")
        XCTAssertThrowsError(try ParsingFixtures.parse("html-rules-page.html", ParseOptions(htmlRules: rules))) { error in
            XCTAssertTrue("\(error)".contains("matched nothing"))
        }
    }
}

extension HTMLPageTests {
    func testTickerItemWithSourceSpanAndTime() throws {
        let page = """
        <html lang="fr"><body><ul class="ticker"><li><a href="/a/2">Santos : Neymar opéré du genou</a>
        <span class="source">Le360</span> <time datetime="2025-12-23T08:15:00+01:00">08:15</time></li></ul></body></html>
        """
        let feed = try FeedParser.parse(Data(page.utf8), options: aggregator)
        XCTAssertEqual(feed.items.count, 1)
        XCTAssertEqual(feed.items[0].originalSource, "Le360")
        XCTAssertEqual(feed.items[0].link, "https://portail.example.ma/a/2")
        XCTAssertEqual(ParsingFixtures.iso(feed.items[0].published), "2025-12-23T07:15:00Z")
        XCTAssertEqual(feed.items[0].language, "fr")
    }
}

extension HTMLPageTests {
    func testOddXPathRulesNeverCrash() {
        let page = Data("<html><body><div class='c'><a href='/x'>Titre</a></div></body></html>".utf8)
        for rule in ["//namespace::*", "count(//a)", "//a/text()", "//@href", "((", "//a[", "string(//a)"] {
            let rules = HTMLRules(item: "//div", title: rule, link: rule, date: rule, summary: rule)
            _ = try? FeedParser.parse(page, options: ParseOptions(htmlRules: rules))
            _ = try? FeedParser.parse(page, options: ParseOptions(htmlRules: HTMLRules(item: rule)))
        }
    }
}
