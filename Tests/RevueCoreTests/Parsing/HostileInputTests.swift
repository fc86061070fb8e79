import Foundation
import XCTest
@testable import RevueCore

/// Nothing crashes, nothing hangs, nothing is read from the disk or the network.
final class HostileInputTests: XCTestCase {
    func testBillionLaughsIsBounded() throws {
        let start = Date()
        let feed = try? ParsingFixtures.parse("billion-laughs.xml")
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertLessThan(feed?.items.first?.summary.utf8.count ?? 0, 10_000)
    }

    func testQuadraticBlowupIsBounded() throws {
        let start = Date()
        let feed = try ParsingFixtures.parse("quadratic-blowup.xml")
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertEqual(feed.items.first?.title, "Toujours lisible")
        XCTAssertLessThanOrEqual(feed.items.first?.summary.count ?? 0, 301)
    }

    func testExternalEntitiesAreNeverRead() throws {
        let feed = try ParsingFixtures.parse("external-entity.xml")
        let title = try XCTUnwrap(feed.items.first?.title)
        XCTAssertFalse(title.contains("root:"), title)
        XCTAssertTrue(title.hasPrefix("Titre"), title)
    }

    func testTruncatedXMLKeepsWhatItCanWithAWarning() throws {
        let feed = try ParsingFixtures.parse("truncated.xml")
        XCTAssertGreaterThanOrEqual(feed.items.count, 1)
        XCTAssertEqual(feed.items[0].title, "Premier titre complet")
        XCTAssertTrue(feed.warnings.contains { $0.contains("not well-formed") }, "\(feed.warnings)")
    }

    func testDeepNestingDoesNotCrash() {
        XCTAssertNoThrow(try? ParsingFixtures.parse("deep-nesting.xml"))
    }

    func testDocumentSizeLimit() {
        let big = Data(repeating: 0x20, count: 2048)
        XCTAssertThrowsError(try FeedParser.parse(big, options: ParseOptions(maxDocumentBytes: 1024)))
    }

    func testGarbageNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        let seeds = ["<rss><channel><item><title>", "<feed xmlns='http://www.w3.org/2005/Atom'><entry>", "<html><div class='ticker'><a href='x'>", "{\"items\":["]
        for seed in seeds {
            for _ in 0..<50 {
                var bytes = Array(seed.utf8)
                for _ in 0..<Int.random(in: 0..<200, using: &generator) { bytes.append(UInt8.random(in: 0...255, using: &generator)) }
                _ = try? FeedParser.parse(Data(bytes), options: ParseOptions(profile: "aggregator"))
            }
        }
    }
}

extension HostileInputTests {
    func testUnclosedTagsStayLinear() throws {
        let noise = String(repeating: "<a title=\"", count: 20_000)
        let xml = "<rss><channel><item><title>t</title><description><![CDATA[\(noise)]]></description></item></channel></rss>"
        let start = Date()
        let feed = try FeedParser.parse(Data(xml.utf8))
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertEqual(feed.items.first?.title, "t")
    }
}

extension HostileInputTests {
    func testElementWithThousandsOfAttributesIsRefusedQuickly() {
        let attributes = (0..<20_000).map { "a\($0)=\"x\"" }.joined(separator: " ")
        let xml = "<rss><channel><item \(attributes)><title>t</title></item></channel></rss>"
        let start = Date()
        XCTAssertThrowsError(try FeedParser.parse(Data(xml.utf8)))
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
    }

    func testCharsetLabelContradictedByTheBytesIsIgnored() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"ebcdic-cp-us\"?><rss><channel><title>abc</title></channel></rss>"
        XCTAssertEqual(try FeedParser.parse(Data(xml.utf8)).title, "abc")
    }
}
