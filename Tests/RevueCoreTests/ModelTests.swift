import XCTest
@testable import RevueCore

final class DigestDayTests: XCTestCase {
    func testParsesRealDatesOnly() {
        XCTAssertEqual(DigestDay("2025-12-23"), DigestDay(year: 2025, month: 12, day: 23))
        XCTAssertNil(DigestDay("2025-02-30"))
        XCTAssertNil(DigestDay("2025-2-3"))
        XCTAssertEqual(DigestDay("2024-02-29")?.description, "2024-02-29")
    }

    func testThemeOrderIsTheSectionOrder() {
        XCTAssertEqual(Theme.allCases.map(\.rawValue),
            ["politique", "economie", "societe", "international", "sport", "culture", "meteo", "sante", "sciences", "autre"])
        XCTAssertLessThan(Theme.politique, Theme.autre)
    }
}
