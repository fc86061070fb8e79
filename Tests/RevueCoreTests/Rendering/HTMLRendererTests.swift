import XCTest
@testable import RevueCore

final class HTMLRendererTests: XCTestCase {
    func testSampleDigestMatchesGoldenFile() throws {
        try GoldenFile.assertMatches(HTMLRenderer.render(SampleDigest.digest), name: "digest-2025-12-23", extension: "html")
    }

    func testPageIsSelfContainedFrenchHTML5() {
        let html = HTMLRenderer.render(SampleDigest.digest)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">"))
        XCTAssertTrue(html.contains("<title>Revue de presse — mardi 23 décembre 2025</title>"))
        XCTAssertTrue(html.contains("max-width:680px"))
        for forbidden in ["<script", "<link", "<img", "<iframe", "src=", "@import", "url("] {
            XCTAssertFalse(html.contains(forbidden), "external resource or script: \(forbidden)")
        }
        XCTAssertTrue(html.hasSuffix("</html>\n"))
    }

    func testSectionsAndArticles() {
        let html = HTMLRenderer.render(SampleDigest.digest)
        let headings = html.components(separatedBy: "<h2>").dropFirst().map { $0.components(separatedBy: "</h2>")[0] }
        XCTAssertEqual(headings, ["À la une", "Politique", "Société", "International", "Sport", "Culture", "Météo", "Santé"])
        XCTAssertEqual(html.components(separatedBy: "<article>").count - 1, SampleDigest.stories.count)
        XCTAssertTrue(html.contains("<p class=\"meta\">Le Matin, Médias24, Hespress · <span class=\"time\">06:45</span></p>"))
    }

    func testArabicTitlesAreMarkedRightToLeft() {
        let html = HTMLRenderer.render(SampleDigest.digest)
        XCTAssertTrue(html.contains(
            "<h3><a href=\"https://www.hespress.com/sport/1498780.html\"><span dir=\"rtl\" lang=\"ar\">المنتخب الوطني يستأنف تحضيراته لمواجهة زامبيا بحضور بلعمري</span></a></h3>"))
        XCTAssertTrue(html.contains("<span lang=\"en\">AFCON 2025: ‘We Are Happy to Be in Morocco,’ Says Riyad Mahrez</span>"))
    }

    func testHostileFeedStringsAreEscaped() {
        var digest = SampleDigest.digest
        digest.stories = [
            Story(id: "a", headlines: [SampleDigest.headline(
                "<b>Evil</b> & Co", "<script>alert('x')</script> \"onmouseover=alert(1) x=\"",
                "https://example.org/?a=1&b=\"><script>", "fr", nil)], theme: .politique),
            Story(id: "b", headlines: [SampleDigest.headline("Src", "Cliquez", "javascript:alert(document.cookie)", "fr", nil)]),
            Story(id: "c", headlines: [SampleDigest.headline("Src", "Data", " JAVASCRIPT:alert(1)", "fr", nil)]),
            Story(id: "d", headlines: [SampleDigest.headline("Src", "Data", "data:text/html;base64,PHNjcmlwdD4=", "fr", nil)]),
            Story(id: "e", headlines: [SampleDigest.headline("Src", "Amp", "https://example.org/a?x=1&y=2", "fr", nil)]),
        ]
        digest.coverage = [SourceReport(name: "<img src=x onerror=alert(1)>", url: "x", status: .failed, reason: .httpStatus, detail: "HTTP 503 <b>")]
        let html = HTMLRenderer.render(digest)
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<b>"))
        XCTAssertFalse(html.contains("<img"))
        XCTAssertFalse(html.lowercased().contains("javascript:alert"), "a javascript: link must not survive even as text link")
            // (its title is shown, the address is dropped)
        XCTAssertFalse(html.contains("href=\"data:"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &quot;onmouseover=alert(1) x=&quot;"))
        XCTAssertTrue(html.contains("&lt;b&gt;Evil&lt;/b&gt; &amp; Co"))
        // A link with a quote or angle bracket is not a sane address: shown unlinked.
        XCTAssertFalse(html.contains("href=\"https://example.org/?a=1"))
        XCTAssertTrue(html.contains("<h3><a href=\"https://example.org/a?x=1&amp;y=2\">Amp</a></h3>"))
        XCTAssertTrue(html.contains("<h3>Cliquez</h3>"))
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { $0.components(separatedBy: "\"")[0] }
        XCTAssertFalse(hrefs.isEmpty)
        for href in hrefs { XCTAssertTrue(href.hasPrefix("https://") || href.hasPrefix("http://"), href) }
    }

    func testEscapeCoversTheFiveSpecialCharacters() {
        XCTAssertEqual(HTMLEscape.text("<a href=\"x\" title='y'>&amp;</a>"),
            "&lt;a href=&quot;x&quot; title='y'&gt;&amp;amp;&lt;/a&gt;")
        XCTAssertEqual(HTMLEscape.text("نشرة إنذارية « neige »"), "نشرة إنذارية « neige »")
    }

    func testOnlyWebLinksAreKept() {
        XCTAssertEqual(WebLink.validated("https://lematin.ma/a"), "https://lematin.ma/a")
        XCTAssertEqual(WebLink.validated("HTTP://Example.org/"), "HTTP://Example.org/")
        XCTAssertEqual(WebLink.validated("  https://x.org/a "), "https://x.org/a")
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "mailto:a@b.c", "//x.org/a", "/article/1", "https://",
                    "https://x.org/a b", "https://x.org/\n", "vbscript:x", "data:text/html,hi", ""] {
            XCTAssertNil(WebLink.validated(bad), bad)
        }
        XCTAssertNil(WebLink.validated(nil))
    }
}
