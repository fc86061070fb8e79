import Foundation
import XCTest
@testable import RevueCore

/// Charset precedence: BOM, HTTP charset, declaration, and valid UTF-8 stays UTF-8.
final class CharsetTests: XCTestCase {
    func testWindows1252BytesDeclaredUTF8AreReadAsWindows1252() throws {
        let feed = try ParsingFixtures.parse("windows-1252-declared-utf8.xml")
        XCTAssertEqual(feed.items[0].title, "Météo : «Chutes de neige» mardi – l’alerte")
        XCTAssertFalse(feed.warnings.isEmpty)
    }

    func testUTF8BytesDeclaredWindows1252StayUTF8() throws {
        let feed = try ParsingFixtures.parse("utf8-declared-windows-1252.xml")
        XCTAssertEqual(feed.items[0].title, "Santé : l’hôpital d’Agadir rénové")
    }

    func testArabicWindows1256() throws {
        let feed = try ParsingFixtures.parse("arabic-windows-1256.xml")
        XCTAssertEqual(feed.title, "هسبريس")
        XCTAssertEqual(feed.items[0].title, "الحكومة تصادق على مشروع قانون المالية")
        XCTAssertEqual(feed.items[0].language, "ar")
        XCTAssertEqual(ParsingFixtures.iso(feed.items[0].published), "2025-12-23T07:15:00Z")
    }

    func testHTTPCharsetAppliesToUndeclaredLatin1() throws {
        let feed = try ParsingFixtures.parse("iso-8859-1-http-charset.xml", ParseOptions(contentType: "application/rss+xml; charset=ISO-8859-1"))
        XCTAssertEqual(feed.title, "Société générale")
        XCTAssertEqual(feed.items[0].title, "Économie : la croissance à 3,2 %")
    }

    func testLatin1WithoutAnyDeclarationIsNotMojibake() throws {
        let feed = try ParsingFixtures.parse("iso-8859-1-http-charset.xml")
        XCTAssertEqual(feed.items[0].title, "Économie : la croissance à 3,2 %")
    }

    func testUTF16WithByteOrderMark() throws {
        let feed = try ParsingFixtures.parse("utf-16le-bom.xml")
        XCTAssertEqual(feed.title, "Tanger Med en hausse")
        XCTAssertEqual(feed.items[0].title, "«Record» à Tanger")
    }

    func testLabelsAndAliases() {
        XCTAssertEqual(CharsetDetector.charset(forLabel: "latin1"), .windows1252)
        XCTAssertEqual(CharsetDetector.charset(forLabel: "UTF8"), .utf8)
        XCTAssertEqual(CharsetDetector.charset(forLabel: "cp1256"), .other("WINDOWS-1256"))
        XCTAssertEqual(CharsetDetector.charsetParameter(ofContentType: "text/xml; charset=\"windows-1252\""), "windows-1252")
        XCTAssertNil(CharsetDetector.charsetParameter(ofContentType: "text/xml"))
    }

    func testHTMLMetaCharset() throws {
        let bytes = Array("<html><head><meta charset=windows-1252><title>x</title></head><body><div class='c'><a href='http://a.ma/1'>Caf\u{e9}</a></div></body></html>".unicodeScalars.map { UInt8($0.value) })
        let feed = try FeedParser.parse(Data(bytes), options: ParseOptions(htmlRules: HTMLRules(item: "//div[@class='c']/a")))
        XCTAssertEqual(feed.items.first?.title, "Café")
    }
}
