import Foundation
import XCTest
@testable import RevueCore

/// The classifier's rules (corrections, decisive keywords, hint, `autre`) on a tiny model
/// trained here; the shipped model's quality is measured by `revue evaluate` and guarded
/// by `EvaluationFloorTests`.
final class ThemeClassifierTests: XCTestCase {
    /// Four themes, told apart by a few words; no keyword lists, so only the model speaks.
    static let tinyModel: ThemeModel = {
        var trainer = ThemeTrainer()
        trainer.bits = 12
        trainer.epochs = 20
        trainer.lexicon = ThemeLexicon()
        let rows: [(String, Theme)] = [
            ("le match de football ce soir", .sport), ("victoire en finale du tournoi", .sport),
            ("the team wins the match", .sport), ("el equipo gana el partido", .sport),
            ("le parlement vote la loi", .politique), ("le ministre au parlement", .politique),
            ("parliament passes the bill", .politique), ("el parlamento vota la ley", .politique),
            ("la bourse recule, inflation en hausse", .economie), ("inflation and markets", .economie),
            ("la inflación sube en la bolsa", .economie), ("les marchés et la bourse", .economie),
            ("fortes pluies et neige demain", .meteo), ("heavy rain and snow tomorrow", .meteo),
            ("lluvias y nieve mañana", .meteo), ("alerte pluies et vent", .meteo),
        ]
        return trainer.train(rows.map { LabelledEvidence(ThemeEvidence(title: $0.0), theme: $0.1) })
    }()

    private func classifier(lexicon: ThemeLexicon = ThemeLexicon(), corrections: ThemeCorrections = .none) -> ThemeClassifier {
        ThemeClassifier(model: Self.tinyModel, lexicon: lexicon, corrections: corrections)
    }

    func testTheModelDecidesFromTheWords() {
        XCTAssertEqual(classifier().classify(Headline(title: "Football : le match de la finale")).theme, .sport)
        XCTAssertEqual(classifier().classify(Headline(title: "Inflation : la bourse recule")).theme, .economie)
        XCTAssertEqual(classifier().classify(Headline(title: "Snow and heavy rain expected")).theme, .meteo)
    }

    func testAutreWhenNothingPointsAnywhere() {
        let zero = ThemeModel(bits: 8, scale: 1, biases: Array(repeating: 0, count: 10), weights: Array(repeating: 0, count: 10 << 8))
        let decision = ThemeClassifier(model: zero, lexicon: ThemeLexicon()).classify(Headline(title: "Bonjour"))
        XCTAssertEqual(decision.theme, .autre)
        XCTAssertEqual(decision.probabilities.count, 10)
        XCTAssertEqual(decision.probabilities[0], 0.1, accuracy: 1e-9)
        // Nothing to read at all: the model's priors are no reason, even the shipped model's.
        for title in ["", "!!!", "« — »"] {
            let empty = ThemeClassifier().classify(Headline(title: title))
            XCTAssertEqual(empty.theme, .autre, title)
            XCTAssertEqual(empty.reasons.first, "autre: nothing to read")
        }
        XCTAssertEqual(ThemeClassifier().classify(story: Story(id: "s-0", headlines: [])).theme, .autre)
    }

    func testAnAutreExplanationShowsWhatTheModelLeanedTo() {
        var unsure = classifier()
        unsure.autreBelow = 0.99
        let decision = unsure.classify(Headline(title: "Football : la finale du tournoi"))
        XCTAssertEqual(decision.theme, .autre)
        XCTAssertTrue(decision.reasons[1].hasPrefix("model sport"), decision.reasons[1])
        XCTAssertFalse(decision.reasons[1].hasSuffix("no feature known to the model"), decision.reasons[1])
    }

    func testCorrectionsWinAtOnce() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("corrections-\(UUID().uuidString).tsv")
        defer { try? FileManager.default.removeItem(at: url) }
        try """
            # what\tvalue\ttheme
            title\tLe match de FOOTBALL ce soir\tculture
            link\thttps://example.ma/regions/*\tsociete
            source\tHespress Sport\tsport
            """.write(to: url, atomically: true, encoding: .utf8)
        let corrections = try ThemeCorrections.load(contentsOf: url)
        let classifier = self.classifier(corrections: corrections)
        let byTitle = classifier.classify(Headline(title: "Le match de football ce soir"))
        XCTAssertEqual(byTitle.theme, .culture)
        XCTAssertEqual(byTitle.reasons, ["correction \(url.lastPathComponent):2"])
        XCTAssertEqual(classifier.classify(Headline(title: "Le parlement vote la loi", link: "https://example.ma/regions/x-1")).theme, .societe)
        XCTAssertEqual(classifier.classify(Headline(title: "Le parlement vote la loi"), source: "Hespress Sport").theme, .sport)
        XCTAssertEqual(classifier.classify(Headline(title: "Le parlement vote la loi"), source: "Le Matin").theme, .politique)
        // A story takes the correction of any of its headlines.
        let story = Story(id: "s-1", headlines: [
            SourcedHeadline(source: "Le Matin", headline: Headline(title: "Le parlement vote la loi")),
            SourcedHeadline(source: "Hespress Sport", headline: Headline(title: "Parliament passes the bill")),
        ])
        XCTAssertEqual(classifier.classify(story: story).theme, .sport)
    }

    func testCorrectionMistakesNameTheLineAndTheFix() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("corrections-\(UUID().uuidString).tsv")
        defer { try? FileManager.default.removeItem(at: url) }
        try "title\tUn titre\tsports\n".write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ThemeCorrections.load(contentsOf: url)) { error in
            let error = error as? ConfigError
            XCTAssertEqual(error?.line, 1)
            XCTAssertEqual(error?.message, "unknown theme `sports`")
        }
    }

    func testLinkPatternsMatchWithStars() {
        XCTAssertTrue(ThemeCorrections.matches("https://a.ma/sport/x", pattern: "https://a.ma/sport/*"))
        XCTAssertTrue(ThemeCorrections.matches("https://a.ma/2025/sport/x", pattern: "*/sport/*"))
        XCTAssertFalse(ThemeCorrections.matches("https://a.ma/culture/x", pattern: "*/sport/*"))
        XCTAssertFalse(ThemeCorrections.matches("https://a.ma/sport", pattern: "https://a.ma/sport/*"))
        XCTAssertTrue(ThemeCorrections.matches("https://a.ma/", pattern: "https://a.ma/"))
    }

    func testDecisiveKeywordsOverrideTheModel() throws {
        let lexicon = try ThemeLexicon(parsing: """
            [sections]
            culture = ["culture"]
            [culture.fr]
            3 = ["festival"]
            1 = ["musique"]
            """, file: "mine.toml")
        // The model reads sports headlines; a term that alone says culture, or a culture
        // section in the link, decides.
        XCTAssertEqual(classifier(lexicon: lexicon).classify(Headline(title: "Festival : le match de football")).theme, .culture)
        let linked = Headline(title: "Le match de football", link: "https://example.ma/culture/match-1")
        XCTAssertEqual(classifier(lexicon: lexicon).classify(linked).theme, .culture)
        // A weak hint does not.
        XCTAssertEqual(classifier(lexicon: lexicon).classify(Headline(title: "Le match de football en musique")).theme, .sport)
        var never = classifier(lexicon: lexicon)
        never.keywordOverride = .infinity
        XCTAssertEqual(never.classify(linked).theme, .sport)
    }

    func testAHintMakesTheSourcesThemeLikelier() {
        let headline = Headline(title: "le tournoi et la bourse")
        let plain = classifier().classify(headline)
        let hinted = classifier().classify(headline, hint: .meteo)
        let meteo = Theme.allCases.firstIndex(of: .meteo)!
        XCTAssertGreaterThan(hinted.probabilities[meteo], plain.probabilities[meteo] * 2)
        // With the shipped lists the hint is keyword evidence too, but never decisive alone:
        // a strong title still wins.
        let strong = ThemeClassifier().classify(Headline(title: "Le parlement adopte le projet de loi de finances"), hint: .sport)
        XCTAssertEqual(strong.theme, .politique)
    }

    func testExplanationsNameTheFeaturesThatWeighed() throws {
        let decision = classifier().classify(Headline(title: "Football : la finale du tournoi"))
        XCTAssertEqual(decision.theme, .sport)
        let model = try XCTUnwrap(decision.reasons.first)
        XCTAssertTrue(model.hasPrefix("model sport "), model)
        XCTAssertTrue(["football", "finale", "tournoi"].contains { model.contains($0) }, model)
    }

    func testStoryThemeAveragesItsHeadlines() {
        let story = Story(id: "s-1", headlines: [
            SourcedHeadline(source: "A", headline: Headline(title: "Alerte : pluies et neige demain")),
            SourcedHeadline(source: "B", headline: Headline(title: "Heavy rain and snow tomorrow")),
            SourcedHeadline(source: "C", headline: Headline(title: "Le ministre face à la neige")),
        ])
        let decision = classifier().classify(story: story)
        XCTAssertEqual(decision.theme, .meteo)
        XCTAssertEqual(decision.reasons.first, "story of 3 headlines")
    }

    func testLinkFoldersAndSlugWordsAreRead() {
        let path = LinkPath("https://www.example.ma/sport/football/can-2025-le-maroc-gagne-123.html?utm_source=x")
        XCTAssertEqual(path.folders, ["sport", "football"])
        XCTAssertEqual(path.slugWords, ["can", "le", "maroc", "gagne"])
        XCTAssertEqual(LinkPath("https://example.ma/deportes/").folders, ["deportes"])
        XCTAssertEqual(LinkPath("https://example.ma/2025/12/23/").folders, [])
        XCTAssertEqual(LinkPath("https://example.ma/%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9/x").folders, ["رياضة"])
        XCTAssertTrue(LinkPath(nil).folders.isEmpty)
    }

    /// Network input can be anything: a "title" of a whole page must not take quadratic time.
    func testHugeTitleIsLinear() {
        let title = String(repeating: "Alerte météo : pluies et neige, match de la CAN à Rabat. ", count: 4000)
        let start = Date()
        _ = ThemeClassifier().classify(Headline(title: title, summary: title))
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertEqual(StoryClusterer().cluster([SourcedHeadline(source: "A", headline: Headline(title: title))]).count, 1)
    }
}
