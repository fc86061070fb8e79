import XCTest
@testable import RevueCore

final class ThemeLexiconTests: XCTestCase {
    private var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The compiled-in lexicon must be Config/themes.toml: run .ci/gen-lexicon.sh after editing it.
    func testBuiltInLexiconIsConfigThemesTomlByteForByte() throws {
        let file = try Data(contentsOf: repositoryRoot.appendingPathComponent("Config/themes.toml"))
        XCTAssertEqual(Data(DefaultLexicon.toml.utf8), file, "run .ci/gen-lexicon.sh")
    }

    func testBuiltInLexiconLoads() throws {
        let lexicon = try ThemeLexicon(parsing: DefaultLexicon.toml, file: "themes.toml")
        XCTAssertGreaterThan(lexicon.termCount, 2000)
        XCTAssertEqual(ThemeLexicon.builtIn.termCount, lexicon.termCount)
        for theme in Theme.allCases where theme != .autre {
            for language in ["fr", "ar", "en", "es"] {
                let count = lexicon.terms.filter { $0.theme == theme && $0.language == language }.count
                XCTAssertGreaterThanOrEqual(count, 24, "\(theme) \(language)")
            }
        }
    }

    func testLoadsAFileAndExtendsTheBuiltIn() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString).toml")
        defer { try? FileManager.default.removeItem(at: url) }
        try """
            base = "built-in"
            [sport.fr]
            5 = ["pétanque"]
            [sport.en]
            0 = ["soccer"]
            """.write(to: url, atomically: true, encoding: .utf8)
        let lexicon = try ThemeLexicon.load(contentsOf: url)
        XCTAssertEqual(lexicon.termCount, ThemeLexicon.builtIn.termCount)  // one added, one removed
        func sportPoints(_ lexicon: ThemeLexicon, _ title: String) -> Double? {
            ThemeClassifier(lexicon: lexicon).keywordScores(title, hint: nil).scores[.sport]
        }
        XCTAssertGreaterThanOrEqual(sportPoints(lexicon, "Tournoi de pétanque à Rabat") ?? 0, 5)
        XCTAssertNil(sportPoints(lexicon, "Soccer tonight"))
        XCTAssertNotNil(sportPoints(.builtIn, "Soccer tonight"))
    }

    func testReplacingLexiconAndScoring() throws {
        let lexicon = try ThemeLexicon(parsing: """
            [scoring]
            hint = 0
            [culture.fr]
            2 = ["jazz"]
            """, file: "mine.toml")
        XCTAssertEqual(lexicon.termCount, 1)
        let classifier = ThemeClassifier(lexicon: lexicon)
        XCTAssertEqual(classifier.keywordScores("Jazz à Essaouira", hint: nil).scores, [.culture: 2])
        XCTAssertEqual(classifier.keywordScores("Football", hint: .sport).scores, [:])
    }

    func testErrorsNameTheFileTheLineAndTheFix() {
        func error(_ text: String) -> ThemeLexiconError? {
            do {
                _ = try ThemeLexicon(parsing: text, file: "Config/themes.toml")
                return nil
            } catch {
                return error as? ThemeLexiconError
            }
        }
        let syntax = error("[sport.fr]\n3 = [\"foot\",\n4 = 5\n")
        XCTAssertEqual(syntax?.file, "Config/themes.toml")
        XCTAssertNotNil(syntax?.line)

        let theme = error("# comment\n\n[sprot.fr]\n3 = [\"foot\"]\n")
        XCTAssertEqual(theme?.line, 3)
        XCTAssertTrue(theme?.description.hasPrefix("Config/themes.toml:3: unknown theme `sprot`; use one of politique") ?? false,
            theme?.description ?? "no error")

        let language = error("[sport.de]\n3 = [\"Fußball\"]\n")
        XCTAssertEqual(language?.line, 1)
        XCTAssertTrue(language?.fix.contains("fr, ar, en, es") ?? false)

        let weight = error("[sport.fr]\n3 = [\"foot\"]\nfort = [\"match\"]\n")
        XCTAssertEqual(weight?.line, 3)

        let prefix = error("[sport.fr]\n3 = [\"foot\",\n  \"fo*\"]\n")
        XCTAssertEqual(prefix?.line, 3)
        XCTAssertTrue(prefix?.message.contains("too short") ?? false)

        let notText = error("[sport.fr]\n3 = [\"foot\", 4]\n")
        XCTAssertEqual(notText?.line, 2)
    }

    func testMissingFileSaysWhich() {
        XCTAssertThrowsError(try ThemeLexicon.load(contentsOf: URL(fileURLWithPath: "/nonexistent/themes.toml"))) { error in
            XCTAssertTrue("\(error)".hasPrefix("/nonexistent/themes.toml"), "\(error)")
        }
    }
}

private extension ThemeClassifier {
    /// The keyword lists' points for a bare title.
    func keywordScores(_ title: String, hint: Theme?) -> Tally {
        keywordScores(Headline(title: title), reading: ThemeFeatures.Reading(ThemeEvidence(title: title), lexicon: lexicon), hint: hint, explain: false)
    }
}
