import Foundation
import XCTest
@testable import RevueCore

/// The flat reader (no libxml2 DOM) must give exactly what the DOM parsers give, on every
/// document it accepts; everything else must reach the DOM parsers untouched.
final class FlatReaderEquivalenceTests: XCTestCase {
    /// Both ways of parsing `data`: (flat reader allowed, DOM only).
    static func bothWays(_ data: Data, baseURL: String? = nil, contentType: String? = nil) -> (String, String) {
        var options = ParseOptions(contentType: contentType, baseURL: baseURL, now: ParsingFixtures.now)
        func describe() -> String {
            do { return "\(try FeedParser.parse(data, options: options))" } catch { return "error: \(error)" }
        }
        let flat = describe()
        options.usesFlatReader = false
        return (flat, describe())
    }

    static func flatReads(_ text: String, baseURL: String? = nil) -> Bool {
        var options = ParseOptions(baseURL: baseURL)
        options.usesFlatReader = true
        return Array(text.utf8).withUnsafeBytes { FlatFeedReader.read($0, options: options) != nil }
    }

    func testEveryFixtureParsesTheSameBothWays() throws {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/parsing", withExtension: nil))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertGreaterThan(files.count, 20)
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            for base in [nil, "http://example.com/feeds/main.xml"] as [String?] {
                let (flat, dom) = Self.bothWays(data, baseURL: base)
                XCTAssertEqual(flat, dom, "\(file) base \(base ?? "none")")
            }
        }
    }

    func testBenchFeedsTakeTheFlatPath() throws {
        for name in ["bench-rss-2.0.xml", "bench-atom-1.0.xml"] {
            let data = try ParsingFixtures.data(name)
            let text = String(decoding: data, as: UTF8.self)
            XCTAssertTrue(Self.flatReads(text), name)
            let feed = try ParsingFixtures.parse(name)
            XCTAssertEqual(feed.items.count, 50, name)
        }
    }

    /// Small documents for each rule the flat reader implements, and for each thing it must
    /// leave to libxml2.
    static let cases: [(String, Bool)] = [
        // Read flat.
        ("<rss><channel><title>T</title><item><title>A &amp; B &lt;i&gt;x&lt;/i&gt;</title><link>http://a.example/1?x=1&amp;y=2</link></item></channel></rss>", true),
        ("<?xml version='1.0' encoding='ISO-8859-1' standalone='yes' ?>\n<rss version=\"2.0\">\r\n<channel>\r\n<item><title>Line\r\nbreak\rhere</title><description><![CDATA[<p>Hello <b>world</b>\r\n]]> &amp; more</description></item></channel></rss>", true),
        ("<rss><channel xml:lang=' fr '><item><guid isPermaLink='true'>http://a.example/p</guid></item><item><guid isPermaLink=\"false\">urn:x</guid><pubDate>Tue, 23 Dec 2025 08:15:00 +0100</pubDate></item></channel></rss>", true),
        ("<rss xml:lang='ar'><channel><language> </language><item xml:lang='es'><title>&#233;t&#xE9; &#8217; &#x1F600;</title><category>A</category><category> </category><source>S</source></item></channel></rss>", true),
        ("<rss><channel><link>/home</link><item><link>../a/b.html</link><guid>/relative/guid</guid></item><item><body>x &lt;y&gt;</body><fullitem>&lt;b&gt;z</fullitem></item></channel></rss>", true),
        ("<rss><channel><item><description>first</description><summary>wins</summary><title/><link></link></item></channel><item><title>beside the channel</title></item></rss>", true),
        ("<channel><title>Bare</title><item><title>t</title></item></channel>", true),
        ("<!-- c --><RSS><channel><!-- between --><item><title>t</title><!-- c --></item></channel></RSS><!-- after -->\n", true),
        ("<feed xmlns='http://www.w3.org/2005/Atom' xml:lang='fr'><title type='html'>&lt;b&gt;T&lt;/b&gt;</title><link rel='self' href='/self'/><link href='http://a.example/'/>"
            + "<entry xml:lang='en'><title type='text'>a &lt; b</title><link rel='alternate' type='text/html' href='http://a.example/1'/><link rel='enclosure' href='http://a.example/e.mp3'/>"
            + "<id>/e/1</id><published>2025-12-23T08:15:00Z</published><updated>2025-12-24T08:15:00+01:00</updated><summary type='xhtml'>plain</summary><content type='html'>&lt;p&gt;c&lt;/p&gt;</content>"
            + "<category term=' Maroc '/><category label='L'/><category term=''/><source><title>Src</title></source><author><name>A</name></author></entry></feed>", true),
        ("<feed xmlns=\"http://purl.org/atom/ns#\"><entry><title mode='escaped' type='text/html'>&lt;i&gt;x&lt;/i&gt;</title><issued>2004-01-01T00:00:00Z</issued><modified>2004-01-02T00:00:00Z</modified><created>2004-01-03T00:00:00Z</created><link href='http://a.example/x' rel='ALTERNATE'/></entry></feed>", true),
        ("<feed><entry><title>no namespace</title><link>http://a.example/text-link</link></entry></feed>", true),
        ("<rss><channel><item><title a='1&#10;2&#9;3'>t</title><guid isPermaLink='fal&#115;e'>x</guid><link>\thttp://a.example/ spaced </link></item></channel></rss>", true),
        // Left to libxml2.
        ("<!DOCTYPE rss [<!ENTITY e 'x'>]><rss><channel><item><title>&e;</title></item></channel></rss>", false),
        ("<rss xmlns:dc='http://purl.org/dc/elements/1.1/'><channel><item><dc:date>2025-01-01</dc:date></item></channel></rss>", false),
        ("<rss><channel xml:base='http://b.example/'><item><link>x</link></item></channel></rss>", false),
        ("<rss><channel><item><description><p>markup</p></description></item></channel></rss>", false),
        ("<rss><channel><item><title>a<!-- c -->b</title><link>http://a.example/<!-- c -->1</link><description>&lt;!-- c --&gt;x <!--&amp;-->y</description></item></channel></rss>", true),
        ("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\"\n \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss version=\"0.91\"><channel><title>t</title></channel></rss>", true),
        ("<?xml version='1.0'?><!-- c --><!DOCTYPE rss SYSTEM 'rss.dtd' ><rss><channel><title>t</title></channel></rss>", true),
        ("<!DOCTYPE rss><rss><channel><title>t</title></channel></rss>", true),
        ("<!DOCTYPE rss><!DOCTYPE rss><rss><channel><title>t</title></channel></rss>", false),
        ("<rss><channel><title>t</title></channel></rss><!DOCTYPE rss>", false),
        ("<!DOCTYPE rss PUBLIC 'bad\u{7B}id' 'x'><rss><channel><title>t</title></channel></rss>", false),
        ("<!DOCTYPE rss PUBLIC 'only-public'><rss><channel><title>t</title></channel></rss>", false),
        ("<!DOCTYPE rss SYSTEM 'x' []><rss><channel><title>t</title></channel></rss>", false),
        ("<rss><channel><item><title>a<!-- c -- d -->b</title></item></channel></rss>", false),
        ("<rss><channel><item><title>unclosed</item></channel></rss>", false),
        ("<rss><channel><item><title a='1' a='2'>dup</title></item></channel></rss>", false),
        ("<rss><channel><item><title>bad ]]> text</title></item></channel></rss>", false),
        ("<rss><channel><item><title>control \u{01}</title></item></channel></rss>", false),
        ("<rss><channel><item><title>&#0;</title></item></channel></rss>", false),
        ("<rss><channel><item><title>&#150; &#146;s &#X41; &#00000065;</title></item></channel></rss>", false),
        ("<rss><channel><item><title>&#233; &#x7F; &#xA0; &#0000065;</title></item></channel></rss>", true),
        ("<rss><channel><item><title>x</title></item></channel></rss><rss/>", false),
        ("<?xml version='1.1'?><rss/>", false),
        (" <?xml version='1.0'?><rss/>", false),
        ("<?xml-stylesheet href='a'?><rss/>", false),
        ("<rss><?pi x?><channel/></rss>", false),
        ("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>", false),
        ("<feed xmlns='http://purl.org/dc/elements/1.1/'><entry><title>t</title></entry></feed>", false),
        ("<feed xmlns='http://www.w3.org/2005/Atom'><entry><content type='image/png'>aGVsbG8=</content></entry></feed>", false),
        ("<rss><channel><item><title>x</title><link/>", false),
        ("<rss><channel><item><title>\u{FFFF}</title></item></channel></rss>", false),
        ("<rss><channel><item><title>no &unknown; entity</title></item></channel></rss>", false),
        ("<rss><channel><item><title>caf\u{E9} & bare</title></item></channel></rss>", false),
    ]

    func testSmallCasesParseTheSameBothWays() {
        for (text, _) in Self.cases {
            for base in [nil, "http://example.com/dir/feed.xml", "not a url", "http://h.example/a b/"] as [String?] {
                let (flat, dom) = Self.bothWays(Data(text.utf8), baseURL: base)
                XCTAssertEqual(flat, dom, "\(text) base \(base ?? "none")")
            }
        }
    }

    /// The subset boundary: what the flat reader reads and what it leaves to libxml2 (the
    /// last two only before entity repair, which makes them readable).
    func testFlatReaderAcceptsOnlyItsSubset() {
        for (text, flat) in Self.cases {
            XCTAssertEqual(Self.flatReads(text), flat, text)
        }
    }

    /// Every prefix of a bench feed: truncated documents must all go to libxml2 and recover
    /// the same way as before.
    func testTruncatedBenchFeedsParseTheSameBothWays() throws {
        let data = try ParsingFixtures.data("bench-atom-1.0.xml")
        for length in stride(from: 0, to: data.count, by: 997) {
            let (flat, dom) = Self.bothWays(data.prefix(length))
            XCTAssertEqual(flat, dom, "prefix \(length)")
        }
    }

    /// With REVUE_EQUIVALENCE_DIR set (the conformance corpus, the 2,000 bench files), every
    /// file under it is compared too.
    func testFilesOfAFolderParseTheSameBothWays() throws {
        guard let dir = ProcessInfo.processInfo.environment["REVUE_EQUIVALENCE_DIR"] else {
            throw XCTSkip("set REVUE_EQUIVALENCE_DIR to compare a folder of feeds")
        }
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(atPath: dir))
        var compared = 0
        var flatCount = 0
        for case let path as String in enumerator {
            let url = URL(fileURLWithPath: dir).appendingPathComponent(path)
            guard let data = try? Data(contentsOf: url), !data.isEmpty else { continue }
            let (flat, dom) = Self.bothWays(data, baseURL: "http://example.com/feeds/\(path)")
            XCTAssertEqual(flat, dom, path)
            compared += 1
            if data.withUnsafeBytes({ FlatFeedReader.read($0, options: ParseOptions()) }) != nil { flatCount += 1 }
        }
        print("compared \(compared) files, \(flatCount) read flat")
        XCTAssertGreaterThan(compared, 0)
    }
}

extension FlatReaderEquivalenceTests {
    /// Random edits with XML's significant characters to small feeds: whatever libxml2 makes
    /// of them, the flat reader must either agree or leave the document to it.
    /// REVUE_EQUIVALENCE_ROUNDS raises the number of edited documents (default 300).
    func testRandomlyEditedFeedsParseTheSameBothWays() {
        let rounds = ProcessInfo.processInfo.environment["REVUE_EQUIVALENCE_ROUNDS"].flatMap { Int($0) } ?? 300
        let tokens = ["<", ">", "&", "&amp;", "&lt;", "&#10;", "&#xD;", "&#150;", "\r", "\r\n", "\n", "\t", "]]>", "<![CDATA[x]]>",
                      "<!--c-->", "--", "'", "\"", " ", "=", "/", "xml:lang='fr' ", "a='1' ", "<x/>", "</x>", "<?p?>", "\u{FFFE}",
                      "\u{1}", "é", "&eacute;", "&nbsp;", "<b>", ":", "xmlns='http://www.w3.org/2005/Atom' ", "<title>", "</title>",
                      "<item>", "</item>", "<entry>", "</entry>", "&#0;", "&#x110000;", "&apos;", "-->", "<!--", "<!DOCTYPE rss>",
                      "<!DOCTYPE rss SYSTEM 'x'>", "[", "PUBLIC", "\u{92}"]
        let seeds = Self.cases.map(\.0).filter { Self.flatReads($0) }
        var generator = SystemRandomNumberGenerator()
        for round in 0..<rounds {
            var text = Array(seeds.randomElement(using: &generator)!.unicodeScalars)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let at = Int.random(in: 0...text.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0:
                    text.insert(contentsOf: tokens.randomElement(using: &generator)!.unicodeScalars, at: at)
                case 1 where at < text.count:
                    text.removeSubrange(at..<min(text.count, at + Int.random(in: 1...4, using: &generator)))
                default:
                    if at < text.count { text[at] = tokens.randomElement(using: &generator)!.unicodeScalars.first! }
                }
            }
            var string = ""
            string.unicodeScalars.append(contentsOf: text)
            let (flat, dom) = Self.bothWays(Data(string.utf8), baseURL: "http://example.com/f.xml")
            XCTAssertEqual(flat, dom, "round \(round): \(string)")
        }
    }
}
