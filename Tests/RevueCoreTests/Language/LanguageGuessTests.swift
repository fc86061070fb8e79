import XCTest
@testable import RevueCore

final class LanguageGuessTests: XCTestCase {
    func testSeedHeadlinesInFourLanguages() {
        let cases: [(String, String?)] = [
            ("CAN 2025 : «Nous sommes contents d'être au Maroc» (Riyad Mahrez)", "fr"),
            ("CAN 2025: «Estamos contentos de estar en Marruecos» (Riyad Mahrez)", "es"),
            ("Cold wave : Nearly 833,000 people affected by national plan", "en"),
            ("Morocco's interior ministry launches strategic study to reform taxi sector", "en"),
            ("Laftit/vague de froid : environ 833.000 personnes ciblées cette saison hivernale", "fr"),
            ("Jazz under the Argan Tree returns from December 27 to 29 in Essaouira", "en"),
            ("Santos: Neymar, operado con éxito de la rodilla", "es"),
            ("نشرة إنذارية: تساقطات ثلجية وأمطار قوية", "ar"),
            ("Inondations à Safi : Lancement d'une étude visant à identifier les moyens de prévention", "fr"),
            ("CAN 2025", nil),
        ]
        for (title, expected) in cases {
            XCTAssertEqual(LanguageGuess.guess(title), expected, title)
        }
    }

    func testAHeadlineKeepsItsFeedLanguageUnlessItsWordsDisagree() {
        let english = SourceReading.withLanguage(Headline(title: "Cold wave : Nearly 833,000 people affected by national plan"), declared: "fr")
        XCTAssertEqual(english.language, "en")
        let short = SourceReading.withLanguage(Headline(title: "CAN 2025"), declared: "fr-MA")
        XCTAssertEqual(short.language, "fr")
    }

    /// One Spanish-looking word ("Al") is not enough to overrule the source.
    func testTheConfiguredLanguageIsTrustedUnlessTheTitleClearlyDisagrees() {
        let title = "Bank Al-Maghrib maintient son taux directeur à 2,25%"
        XCTAssertNil(LanguageGuess.guess(title))
        XCTAssertEqual(LanguageGuess.guess(title, declared: "fr"), "fr")
        XCTAssertEqual(LanguageGuess.guess("Le Maroc et l'Espagne : les échanges avec Al-Hoceima en hausse", declared: "es"), "fr")
        XCTAssertEqual(LanguageGuess.guess("Santos: Neymar, operado con éxito de la rodilla", declared: "fr"), "es")
        XCTAssertEqual(LanguageGuess.guess("نشرة إنذارية: تساقطات ثلجية وأمطار قوية", declared: "fr"), "ar")
        XCTAssertEqual(LanguageGuess.guess("Alerte météo : de fortes pluies sur le nord du pays", declared: "ar"), "fr")
        XCTAssertEqual(LanguageGuess.guess("CAN 2025", declared: "es"), "es")
    }
}
