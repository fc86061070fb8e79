import XCTest
@testable import RevueCore

final class TextFoldingTests: XCTestCase {
    func testLatinFolding() {
        XCTAssertEqual(TextFolding.fold("Météo : ÉCOLE, cœur, Lions de l'Atlas"), "meteo ecole coeur lions de l atlas")
    }

    func testNumbersKeepTheirValueWhateverTheSeparator() {
        XCTAssertEqual(TextFolding.fold("833.000 personnes"), TextFolding.fold("833,000 personnes"))
        XCTAssertEqual(TextFolding.fold("833.000"), "833000")
        XCTAssertEqual(TextFolding.fold("3,3% et 3.3%"), "3.3 et 3.3")
        XCTAssertEqual(TextFolding.fold("Maroc-2025"), "maroc 2025")
        XCTAssertEqual(TextFolding.fold("٢٠٢٥"), "2025")
    }

    func testArabicNormalisation() {
        // Short vowels and tatweel go; alef forms, taa marbuta and alef maqsura are unified.
        XCTAssertEqual(TextFolding.fold("الحُكومَة"), TextFolding.fold("الحكومه"))
        XCTAssertEqual(TextFolding.fold("إفريقيا"), TextFolding.fold("أفريقيا"))
        XCTAssertEqual(TextFolding.fold("مستشفى"), "مستشفي")
        XCTAssertEqual(TextFolding.fold("كـــرة"), "كره")
    }

    func testArabicCliticsOfferStrippedForms() {
        XCTAssertEqual(TextFolding.arabicVariants("والحكومه"), ["والحكومه", "الحكومه", "حكومه"])
        XCTAssertTrue(TextFolding.arabicVariants("للحكومه").contains("الحكومه"))
        XCTAssertTrue(TextFolding.arabicVariants("بالمغرب").contains("مغرب"))
        // Two-letter leftovers are not words: short words stay whole.
        XCTAssertEqual(TextFolding.arabicVariants("ول"), ["ول"])
    }

    func testCapitalsAreRecorded() {
        let tokens = TextFolding.tokens("La CAN et l'OM")
        XCTAssertEqual(tokens.map(\.isUpperCase), [false, true, false, false, true])
        XCTAssertEqual(tokens.map(\.raw), ["La", "CAN", "et", "l", "OM"])
    }
}
