import XCTest
@testable import RevueCore

final class TextRendererTests: XCTestCase {
    func testSampleDigestMatchesGoldenFile() throws {
        try GoldenFile.assertMatches(TextRenderer.render(SampleDigest.digest), name: "digest-2025-12-23", extension: "txt")
    }

    func testRenderingIsDeterministic() {
        XCTAssertEqual(TextRenderer.render(SampleDigest.digest), TextRenderer.render(SampleDigest.digest))
    }

    func testHeaderSectionsAndFooter() {
        let text = TextRenderer.render(SampleDigest.digest)
        let lines = text.components(separatedBy: "\n")
        XCTAssertEqual(lines[0], "Revue de presse")
        XCTAssertEqual(lines[1], "mardi 23 décembre 2025")
        // Sections in theme order, only those with stories.
        let headings = lines.indices.dropLast().filter { lines[$0 + 1].hasPrefix("===") && lines[$0] != "mardi 23 décembre 2025" }.map { lines[$0] }
        XCTAssertEqual(headings, ["À la une", "Politique", "Société", "International", "Sport", "Culture", "Météo", "Santé"])
        XCTAssertTrue(text.contains("Sources : 7/9 lues, dont 1 inchangée depuis la dernière lecture."))
        XCTAssertTrue(text.contains("• L'Opinion — contenu illisible (not XML: an HTML error page), en échec depuis\n  le 20 décembre"))
        XCTAssertTrue(text.contains("• Barlamane — délai dépassé (no answer after 10 s)\n"))
        XCTAssertTrue(text.hasSuffix("\n"))
    }

    func testStoryShowsSourcesTimeLinkAndRetellings() {
        let text = TextRenderer.render(SampleDigest.digest)
        XCTAssertTrue(text.contains("""
            • CAN 2025 : «Nous sommes contents d'être au Maroc» (Riyad Mahrez)
              Le Matin, Hespress FR, Morocco World News, Europa Press, Hespress — 06:20
              https://lematin.ma/sports/can-2025-nous-sommes-contents-detre-au-maroc-riyad-mahrez/312001
              aussi : [en] AFCON 2025: ‘We Are Happy to Be in Morocco,’ Says Riyad Mahrez
                      — Morocco World News
            """), text)
        XCTAssertTrue(text.contains("[ar] محرز: \"نحن سعداء بالتواجد في المغرب\" قبل مواجهة السودان — Hespress"))
    }

    func testFrenchHeadlineIsPreferredOverAForeignLead() {
        // The cold-wave story's lead is English; Le360's French title stands for it.
        let text = TextRenderer.render(SampleDigest.digest)
        XCTAssertTrue(text.contains("• Laftit/vague de froid : environ 833.000 personnes ciblées cette saison\n  hivernale\n  Morocco World News, Le360 — hier 19:05"))
        XCTAssertTrue(text.contains("aussi : [en] Cold wave: Nearly 833,000 people affected by national plan —\n          Morocco World News\n"))
    }

    func testUndatedStoryHasNoTime() {
        let text = TextRenderer.render(SampleDigest.digest)
        XCTAssertTrue(text.contains("• Cancer du col de l'utérus : Baisse soutenue des taux d'incidence au Maroc\n  Médias24\n  https://"))
    }

    func testFrontPageListsWidelyReportedStoriesAndKeepsThemInSections() {
        let text = TextRenderer.render(SampleDigest.digest)
        let frontPage = text.components(separatedBy: "À la une\n")[1].components(separatedBy: "\n\n")[0]
        XCTAssertTrue(frontPage.contains("Sport · 5 sources"))
        XCTAssertTrue(frontPage.contains("Météo · 3 sources"))
        XCTAssertFalse(frontPage.contains("Trump"), "single-source stories stay off the front page")
        XCTAssertEqual(text.components(separatedBy: "• Alerte météo : Chutes de neige").count - 1, 2)
    }

    func testLinesFitInSeventyEightColumnsExceptLinksAndRightToLeftText() {
        for line in TextRenderer.render(SampleDigest.digest).components(separatedBy: "\n") where line.count > 78 {
            let isLink = line.trimmingCharacters(in: .whitespaces).hasPrefix("https://")
            XCTAssertTrue(isLink || Script.containsRightToLeft(line), "too long: \(line)")
        }
    }

    func testArabicTitleIsNeverWrapped() {
        let long = String(repeating: "تساقطات ثلجية وأمطار قوية ", count: 6)
        XCTAssertEqual(TextWrap.lines(long, width: 40, first: "• ", rest: "  "), ["• " + long])
        XCTAssertEqual(TextWrap.lines("un deux trois quatre", width: 10, first: "• ", rest: "  "), ["• un deux", "  trois", "  quatre"])
    }

    func testControlCharactersAndBidiOverridesAreDropped() {
        var digest = SampleDigest.digest
        digest.stories = [Story(id: "x", headlines: [SampleDigest.headline(
            "Evil\u{1B}[31m", "Titre\u{202E}txt.exe\u{0007}\nsur deux lignes", "https://example.org/a", "fr", nil)])]
        let text = TextRenderer.render(digest)
        XCTAssertTrue(text.contains("• Titretxt.exe sur deux lignes\n  Evil[31m\n"))
        XCTAssertFalse(text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" || $0 == "\u{07}" })
    }

    func testStoryWithoutHeadlinesIsSkippedNotFatal() {
        var digest = SampleDigest.digest
        digest.stories.insert(Story(id: "empty", headlines: [], theme: .politique), at: 0)
        XCTAssertEqual(TextRenderer.render(digest), TextRenderer.render(SampleDigest.digest))
        XCTAssertEqual(HTMLRenderer.render(digest), HTMLRenderer.render(SampleDigest.digest))
    }

    func testEmptyDigestSaysSo() {
        var digest = SampleDigest.digest
        digest.stories = []
        let text = TextRenderer.render(digest)
        XCTAssertTrue(text.contains("Aucun article publié dans cette période."))
        XCTAssertFalse(text.contains("À la une"))
    }
}
