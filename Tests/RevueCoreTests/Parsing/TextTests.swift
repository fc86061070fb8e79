import Foundation
import XCTest
@testable import RevueCore

/// Entities decoded once, markup reduced to text, white space normalised, leads short.
final class TextTests: XCTestCase {
    func testHTMLEntitiesInRSSDecodedOnce() throws {
        let feed = try ParsingFixtures.parse("html-entities-in-rss.xml")
        XCTAssertEqual(feed.title, "Café & Société")
        let item = try XCTUnwrap(feed.items.first)
        XCTAssertEqual(item.title, "L’OM dévoile ses maillots — AT&T & co")
        XCTAssertEqual(item.link, "https://example.ma/a?x=1&y=2")
        XCTAssertEqual(item.summary, "Le Maroc éblouit ! … ’fin’")
        XCTAssertEqual(item.categories, ["Sport & loisirs"])
    }

    func testPlainTextReduction() {
        let cases: [(String, String)] = [
            ("<p>Un</p><p>deux</p>", "Un deux"),
            ("<b>gr</b>as", "gras"),
            ("a <script>var x = '<p>';</script> b", "a b"),
            ("a <style>p { color: red }</style> b", "a b"),
            ("a <!-- commentaire --> b", "a b"),
            ("1 < 2 et 3 > 2", "1 < 2 et 3 > 2"),
            ("AT&T &amp; &eacute;t&eacute; &#233; &#xE9; &#150;", "AT&T & été é é –"),
            ("  «\u{A0}Maroc\u{A0}»\n\t ", "« Maroc »"),
            ("&amp;lt;b&amp;gt;", "&lt;b&gt;"),
            ("<![CDATA[x < y]]>", "x < y"),
            ("مرحبا <b>بالعالم</b>", "مرحبا بالعالم"),
            ("a<!-- x > y -->b", "ab"),
            ("sa<!-- -- nonwhitespace >fe<script>alert(1);</script>", "safe"),
            ("x <!-- jamais fermé", "x"),
            (" <!DOCTYPE ", "<!DOCTYPE"),
            ("<!DOCTYPE ~", "<!DOCTYPE ~"),
            ("a <?php echo 1; ?> b", "a b"),
            ("L\u{92}été \u{93}chaud\u{94}\u{85} \u{80}", "L’été “chaud”… €"),
            ("\u{81}\u{8D}\u{8F}\u{90}\u{9D}", "\u{81}\u{8D}\u{8F}\u{90}\u{9D}"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(PlainText.fromHTML(Array(input.utf8)), expected, input)
        }
    }

    func testLeadIsCutAtASentenceOrWord() {
        let sentence = String(repeating: "Mot ", count: 50) + "fin. " + String(repeating: "Suite longue ", count: 40)
        let lead = Lead.of(sentence)
        XCTAssertTrue(lead.hasSuffix("fin."), lead)
        let words = String(repeating: "mot ", count: 200)
        let cut = Lead.of(words)
        XCTAssertTrue(cut.hasSuffix("mot…"), cut)
        XCTAssertLessThanOrEqual(cut.count, 301)
        XCTAssertEqual(Lead.of("court"), "court")
        let arabic = String(repeating: "كلمة ", count: 150)
        XCTAssertLessThanOrEqual(Lead.of(arabic).count, 301)
    }

    func testSummaryOfALongArticleIsALead() throws {
        let body = String(repeating: "Une phrase du long article. ", count: 200)
        let xml = "<rss><channel><item><title>t</title><description>\(body)</description></item></channel></rss>"
        let feed = try FeedParser.parse(Data(xml.utf8))
        XCTAssertLessThanOrEqual(feed.items[0].summary.count, 300)
        XCTAssertTrue(feed.items[0].summary.hasSuffix("article."))
    }
}

extension TextTests {
    func testJSONStringEscapingRoundTripsEveryCharacterClass() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [String] = ["a", "é", "ب", "😀", "\"", "\\", "\n", "\t", "\u{1}", "\u{7F}", " ", "«"]
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 0..<60, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            var writer = JSONLineWriter()
            writer.string(text)
            let decoded = try JSONSerialization.jsonObject(with: Data(writer.bytes), options: [.fragmentsAllowed]) as? String
            XCTAssertEqual(decoded, text)
        }
    }

    func testLeadScalarOffsetsMatchACharacterWalk() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [String] = ["a", "é", "ب", "😀", " ", "."]
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 0..<400, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let lead = Lead.of(text, maxLength: 100)
            XCTAssertLessThanOrEqual(lead.unicodeScalars.count, 101)
            if text.unicodeScalars.count <= 100 { XCTAssertEqual(lead, text) }
        }
    }
}

extension TextTests {
    /// A summary's reduction stops once its lead is known: the result must be the lead of the
    /// whole text, for text of every shape around the cut.
    func testLeadOfAStoppedReductionIsTheLeadOfTheWholeText() {
        let pieces = ["mot", " ", "é", "  ", "\u{A0}", "<b>", "</p>", "&amp;", ". ", "؟ ", "中", "😀", "\n", "&nbsp;",
                      "<script>x</script>", "! ", "a", "bb", "&#233;", "&lt;", "<br/>", "\t"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<400 {
            var text = ""
            for _ in 0..<Int.random(in: 50...700, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let bytes = Array(text.utf8)
            for html in [true, false] {
                for limit in [1400, 400, 310, 2000] {
                    let stopped = bytes.withUnsafeBufferPointer { PlainText.reduce($0, html: html, limit: limit, leadLength: 300) }
                    let whole = bytes.withUnsafeBufferPointer { PlainText.reduce($0, html: html, limit: limit) }
                    XCTAssertEqual(stopped, Lead.of(whole), "round \(round) html \(html) limit \(limit): \(text)")
                }
            }
        }
    }
}

extension TextTests {
    /// Plain runs copied eight bytes at a time give what byte-by-byte reduction gives.
    func testEightBytesAtATimeIsTheSameAsByteByByte() {
        let pieces = ["mot", " ", "é", "  ", "\u{A0}", "<b>", "</p>", "&amp;", ". ", "中", "😀", "\n", "&nbsp;", "x",
                      "<script>x</script>", "abcdefgh", "abcdefghijklmnop", " a b c d ", "\t", "\u{7F}", "&", "<", "\u{C0}", "¢"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 1...300, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let bytes = Array(text.utf8)
            for html in [true, false] {
                for (limit, lead) in [(1400, 300), (2000, nil), (37, nil), (400, 100), (9, nil)] as [(Int, Int?)] {
                    let fast = bytes.withUnsafeBufferPointer { PlainText.reduce($0, html: html, limit: limit, leadLength: lead) }
                    let slow = bytes.withUnsafeBufferPointer {
                        PlainText.reduce($0, html: html, limit: limit, leadLength: lead, eightAtATime: false)
                    }
                    XCTAssertEqual(fast, slow, "round \(round) html \(html) limit \(limit): \(text)")
                }
            }
        }
    }
}

/// XML comments inside an element's text, and HTML comments inside escaped markup, are no
/// part of the text, whichever reader reads it.
extension TextTests {
    func testCommentsInsideRSSTextAreDroppedByBothReaders() throws {
        let data = try ParsingFixtures.data("comments-in-text.xml")
        XCTAssertTrue(ParsingFixtures.readsFlat(data))
        for feed in try ParsingFixtures.parseBothWays(data, ParseOptions(now: ParsingFixtures.now)) {
            XCTAssertEqual(feed.title, "Le Desk")
            let item = try XCTUnwrap(feed.items.first)
            XCTAssertEqual(item.title, "Akdital acquiert Taoufik Hospitals")
            XCTAssertEqual(item.link, "https://ledesk.ma/economie/1")
            XCTAssertEqual(item.summary, "Le groupe marocain s'étend en Tunisie.")
            XCTAssertEqual(ParsingFixtures.iso(item.published), "2025-12-23T08:15:00Z")
            XCTAssertEqual(item.categories, ["Économie"])
        }
    }

    func testCommentsInsideAtomTextAreDroppedByBothReaders() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Médias24 <!-- rubrique -->Économie</title>
            <entry><title type="html">Bourse&lt;!-- séance du matin --&gt; : le MASI &lt;b&gt;progresse&lt;/b&gt;</title>
            <summary type="text">Hausse <!-- chiffre provisoire -->de 1,2 %</summary><id>urn:<!-- x -->m24:1</id></entry></feed>
            """
        XCTAssertTrue(ParsingFixtures.readsFlat(Data(xml.utf8)))
        for feed in try ParsingFixtures.parseBothWays(Data(xml.utf8)) {
            XCTAssertEqual(feed.title, "Médias24 Économie")
            XCTAssertEqual(feed.items[0].title, "Bourse : le MASI progresse")
            XCTAssertEqual(feed.items[0].summary, "Hausse de 1,2 %")
            XCTAssertEqual(feed.items[0].id, "urn:m24:1")
        }
    }

    /// Text full of markup that never closes stays linear: each search for its end is made once.
    func testUnclosedMarkupStaysLinear() {
        for piece in ["<!--x>", "<!DOCTYPE ", "<!-- ", "<? "] {
            let text = Array(String(repeating: piece, count: 40_000).utf8)
            let start = Date()
            _ = PlainText.fromHTML(text)
            XCTAssertLessThan(Date().timeIntervalSince(start), 1, piece)
        }
    }
}
