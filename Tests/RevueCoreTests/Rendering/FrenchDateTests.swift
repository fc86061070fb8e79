import XCTest
@testable import RevueCore

final class FrenchDateTests: XCTestCase {
    func testLongDates() {
        let cases: [(String, String)] = [
            ("2025-12-23", "mardi 23 décembre 2025"),
            ("2025-12-01", "lundi 1er décembre 2025"),
            ("2026-01-01", "jeudi 1er janvier 2026"),
            ("2025-02-02", "dimanche 2 février 2025"),
            ("2025-03-15", "samedi 15 mars 2025"),
            ("2025-04-30", "mercredi 30 avril 2025"),
            ("2025-05-09", "vendredi 9 mai 2025"),
            ("2025-06-18", "mercredi 18 juin 2025"),
            ("2025-07-14", "lundi 14 juillet 2025"),
            ("2025-08-15", "vendredi 15 août 2025"),
            ("2025-09-11", "jeudi 11 septembre 2025"),
            ("2025-10-31", "vendredi 31 octobre 2025"),
            ("2025-11-18", "mardi 18 novembre 2025"),
            ("2024-02-29", "jeudi 29 février 2024"),
            ("2000-01-01", "samedi 1er janvier 2000"),
            ("2100-03-01", "lundi 1er mars 2100"),
        ]
        for (day, expected) in cases {
            XCTAssertEqual(DigestDay(day).map(FrenchDate.long), expected, day)
        }
    }

    func testWeekdayAgreesWithTheCalendarForEveryDayOfTwoYears() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var date = DigestDay(year: 2024, month: 1, day: 1).at(hour: 12, in: calendar.timeZone)
        for _ in 0..<731 {
            let day = DigestDay(date, in: calendar.timeZone)
            XCTAssertEqual(FrenchDate.weekdayIndex(day), calendar.component(.weekday, from: date) - 1, "\(day)")
            date.addTimeInterval(86_400)
        }
    }

    func testTimesAreInTheDigestTimeZone() {
        let casablanca = TimeZone(identifier: "Africa/Casablanca")!
        let instant = Date(timeIntervalSince1970: 1_766_474_100) // 2025-12-23T07:15:00Z
        XCTAssertEqual(FrenchDate.time(instant, in: casablanca), "08:15")
        XCTAssertEqual(FrenchDate.time(instant, in: TimeZone(identifier: "UTC")!), "07:15")
    }

    func testPublicationTimeIsRelativeToTheDigestMorning() {
        let tz = SampleDigest.casablanca
        let day = SampleDigest.day
        XCTAssertEqual(FrenchDate.publicationTime(SampleDigest.at(23, 6, 5), digestDay: day, in: tz), "06:05")
        XCTAssertEqual(FrenchDate.publicationTime(SampleDigest.at(22, 18, 40), digestDay: day, in: tz), "hier 18:40")
        XCTAssertEqual(FrenchDate.publicationTime(SampleDigest.at(20, 9, 0), digestDay: day, in: tz), "20 décembre 09:00")
        let newYear = DigestDay(year: 2026, month: 1, day: 1)
        XCTAssertEqual(FrenchDate.publicationTime(SampleDigest.at(31, 23, 0), digestDay: newYear, in: tz), "hier 23:00")
        XCTAssertEqual(FrenchDate.publicationTime(SampleDigest.at(30, 23, 0), digestDay: newYear, in: tz), "30 décembre 2025 23:00")
    }

    func testPreviousDayCrossesMonthsAndYears() {
        XCTAssertEqual(DigestDay(year: 2025, month: 3, day: 1).previous, DigestDay(year: 2025, month: 2, day: 28))
        XCTAssertEqual(DigestDay(year: 2024, month: 3, day: 1).previous, DigestDay(year: 2024, month: 2, day: 29))
        XCTAssertEqual(DigestDay(year: 2026, month: 1, day: 1).previous, DigestDay(year: 2025, month: 12, day: 31))
        XCTAssertEqual(DigestDay(year: 2025, month: 5, day: 1).previous, DigestDay(year: 2025, month: 4, day: 30))
    }

    func testLocalTimeAgreesWithTheCalendarAcrossZonesAndChanges() {
        // Casablanca moves its clock around Ramadan, Paris twice a year, Kolkata is +05:30.
        for zoneName in ["Africa/Casablanca", "Europe/Paris", "Asia/Kolkata", "America/New_York", "UTC"] {
            let zone = TimeZone(identifier: zoneName)!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            // Every 7 h 13 min from 1969 to 2027: crosses midnights, month ends and changes.
            var instant = Date(timeIntervalSince1970: -86_400 * 400)
            while instant.timeIntervalSince1970 < 1_830_000_000 {
                let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
                let local = LocalTime(instant, in: zone)
                XCTAssertEqual(local.day, DigestDay(year: c.year!, month: c.month!, day: c.day!), "\(zoneName) \(instant)")
                XCTAssertEqual(local.hour * 60 + local.minute, c.hour! * 60 + c.minute!, "\(zoneName) \(instant)")
                instant.addTimeInterval(7 * 3_600 + 13 * 60)
            }
        }
    }
}
