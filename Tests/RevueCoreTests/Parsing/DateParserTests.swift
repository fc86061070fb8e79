import Foundation
import XCTest
@testable import RevueCore

final class DateParserTests: XCTestCase {
    func testDateTable() {
        let cases: [(String, String?)] = [
            ("Tue, 23 Dec 2025 08:15:00 +0000", "2025-12-23T08:15:00Z"),
            ("Tue, 23 Dec 2025 08:15:00 GMT", "2025-12-23T08:15:00Z"),
            ("Tue, 23 Dec 2025 09:15:00 +0100", "2025-12-23T08:15:00Z"),
            ("Tue, 23 Dec 2025 03:15:00 EST", "2025-12-23T08:15:00Z"),
            ("23 Dec 2025 08:15 GMT", "2025-12-23T08:15:00Z"),
            ("Tue, 23 December 2025 08:15:00 Z", "2025-12-23T08:15:00Z"),
            ("Tue,23 Dec 2025 8:15:00 +0000", "2025-12-23T08:15:00Z"),
            ("Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21Z"),
            ("Tuesday, December 23, 2025 8:15 PM", "2025-12-23T20:15:00Z"),
            ("2025-12-23T08:15:00Z", "2025-12-23T08:15:00Z"),
            ("2025-12-23T09:15:00+01:00", "2025-12-23T08:15:00Z"),
            ("2025-12-23T08:15:00.123456Z", "2025-12-23T08:15:00Z"),
            ("2025-12-23 08:15:00", "2025-12-23T08:15:00Z"),
            ("20251223T081500Z", "2025-12-23T08:15:00Z"),
            ("2025-12", "2025-12-01T00:00:00Z"),
            ("2025", "2025-01-01T00:00:00Z"),
            ("mardi 23 décembre 2025", "2025-12-23T00:00:00Z"),
            ("mardi 23 décembre 2025 à 09:30", "2025-12-23T09:30:00Z"),
            ("Publié dans Barlamane le 23 - 11 - 2021", "2021-11-23T00:00:00Z"),
            ("23/12/2025", "2025-12-23T00:00:00Z"),
            ("martes, 23 de diciembre de 2025", "2025-12-23T00:00:00Z"),
            ("23 ديسمبر 2025", "2025-12-23T00:00:00Z"),
            ("الثلاثاء 23 دجنبر 2025 - 10:00", "2025-12-23T10:00:00Z"),
            ("٢٣ ديسمبر ٢٠٢٥", "2025-12-23T00:00:00Z"),
            ("1 févr. 2025", "2025-02-01T00:00:00Z"),
            ("2003-335", "2003-12-01T00:00:00Z"),
            ("03-12-31", "2003-12-31T00:00:00Z"),
            ("2004-július-13T9:15+02:00", "2004-07-13T07:15:00Z"),
            ("Κυρ, 11 Ιούλ 2004 12:00:00 EST", "2004-07-11T17:00:00Z"),
            ("Thu Jan  1 19:48:21 2004", "2004-01-01T19:48:21Z"),
            ("Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z"),
            ("", nil),
            ("bientôt", nil),
            ("Tue, 31 Feb 2025 08:15:00 GMT", nil),
            ("2025-13-01", nil),
            ("Version 2 of 3", nil),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(DateParser.parse(input).map(DateParser.iso8601), expected, input)
        }
    }

    func testUndatedStaysUndatedAndFutureIsCapped() throws {
        let feed = try ParsingFixtures.parse("missing-dates.xml", ParseOptions(now: ParsingFixtures.now))
        XCTAssertNil(feed.items[0].published)
        XCTAssertNil(feed.items[1].published)
        XCTAssertEqual(ParsingFixtures.iso(feed.items[2].published), "2025-12-23T07:30:00Z")
        XCTAssertEqual(feed.items[3].published, ParsingFixtures.now)
        XCTAssertEqual(ParsingFixtures.iso(feed.items[4].published), "2025-12-23T09:00:00Z")
    }
}
