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

/// C1 control characters in text (U+0080...U+009F) are windows-1252 punctuation that was read
/// as ISO-8859-1 somewhere: "\u{92}" is "’". Whichever way the text came, and by both readers.
extension CharsetTests {
    func testC1BytesOfAFeedDeclaredISO88591AreWindows1252() throws {
        let data = try ParsingFixtures.data("iso-8859-1-declared-windows-1252-quotes.xml")
        XCTAssertTrue(ParsingFixtures.readsFlat(data))
        for feed in try ParsingFixtures.parseBothWays(data) {
            XCTAssertEqual(feed.title, "L’Economiste")
            XCTAssertEqual(feed.items[0].title, "L’ONMT prévoit “un hiver record” – Marrakech en tête")
            XCTAssertEqual(feed.items[0].summary, "Le tourisme à l’heure des bilans… et 3 € de plus par nuitée.")
        }
    }

    func testC1BytesUnderAnHTTPISO88591CharsetAreWindows1252() throws {
        let undeclared = ParsingFixtures.latin1("<rss version=\"2.0\"><channel><title>L\u{92}Opinion</title><item><title>C\u{92}est \u{93}non\u{94}</title></item></channel></rss>")
        let declared = ParsingFixtures.latin1("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>") + undeclared
        for data in [undeclared, declared] {
            XCTAssertTrue(ParsingFixtures.readsFlat(data, contentType: "text/xml; charset=ISO-8859-1"))
            for feed in try ParsingFixtures.parseBothWays(data, ParseOptions(contentType: "text/xml; charset=ISO-8859-1")) {
                XCTAssertEqual(feed.title, "L’Opinion")
                XCTAssertEqual(feed.items[0].title, "C’est “non”")
            }
        }
    }

    /// RSS 1.0 needs libxml2 (namespaces): the converted bytes still declare ISO-8859-1, and
    /// libxml2 must not decode them a second time.
    func testC1BytesOfAnISO88591DocumentReadByLibxml2AreWindows1252() throws {
        let data = ParsingFixtures.latin1("""
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel rdf:about="https://www.lavieeco.com/"><title>La Vie \u{E9}co</title></channel>
            <item rdf:about="https://www.lavieeco.com/1"><title>L\u{92}inflation recule \u{96} enfin</title><dc:subject>\u{C9}conomie</dc:subject></item>
            </rdf:RDF>
            """)
        XCTAssertFalse(ParsingFixtures.readsFlat(data))
        let feed = try FeedParser.parse(data)
        XCTAssertEqual(feed.title, "La Vie éco")
        XCTAssertEqual(feed.items[0].title, "L’inflation recule – enfin")
        XCTAssertEqual(feed.items[0].categories, ["Économie"])
    }

    /// UTF-8 text that a converter took for ISO-8859-1 on its way: the C1 characters are
    /// there as UTF-8 (C2 92), and numeric references to them (&#146;) mean the same.
    func testC1CharactersInUTF8TextAreWindows1252() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Don\u{92}t</title>"
            + "<item><title>\u{93}Mawazine\u{94} \u{96} l\u{92}affiche</title><description>L\u{92}été\u{85} &amp;#146;</description></item></channel></rss>"
        XCTAssertTrue(ParsingFixtures.readsFlat(Data(xml.utf8)))
        for feed in try ParsingFixtures.parseBothWays(Data(xml.utf8)) {
            XCTAssertEqual(feed.title, "Don’t")
            XCTAssertEqual(feed.items[0].title, "“Mawazine” – l’affiche")
            XCTAssertEqual(feed.items[0].summary, "L’été… ’")
        }
    }
}
