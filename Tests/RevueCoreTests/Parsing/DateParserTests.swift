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

    /// A date with a part that is there but unreadable is no date: not midnight, not UTC, not
    /// "now" (which the run-time cap would make of a far-future reading).
    func testAnUnreadablePartMakesTheDateNil() {
        let unreadable = [
            "2013-01-28T09:xx:00Z", "2013-01-28T09:00:00+00:xx", "2013-xx-27", "2013-01-27-01",
            "2013-01-28T11:30:00-06:00Textra", "22013", "013",
            "Sun, 16 Dec 2012 11:47:32 +zz:00", "Sun, 16 Dec 2012 11:47:32 +00:zz", "Sun, 16 Dec 2012 1:2:3:4 GMT",
            "9999-12-31T23:59:59-99:99", "Sun, 31 Dec 9999 23:59:59 -9999", "Tue, 23 Dec 2025 08:15:00 +1900",
            "Sun, 16 zzz 2012 11:47:32 GMT", "Sun, Dec x 2012 11:47:32 GMT", "Sun, 16 Dec zz 11:47:32 GMT",
            "Sun, 99 Jun 2009 12:00:00 GMT", "Thu, 31 Jun 2004 19:48:21 GMT",
            "2003-12-31T25:14:55Z", "2003-12-31T10:61:55Z", "2003-12-31T10:14:61Z", "2003-12-31T24:30:00Z",
            "Tue, 23 Dec 2025 08:15:00 XYZ", "Tue, 23 Dec 2025 08:15:00 GMT 10:00", "Tue, 23 Dec 2025 08:15:00 +0100 -0500",
            "23 Dec 2025 08:15 # 3", "23/12/2025/01", "23 Dec", "Tue, 23 Dec 2025 08:15:00 (GMT", "13:00 PM 23 Dec 2025",
            "Tue, 23 Dec 2025 08:15:00 Etc/GMT+2", "2025-W54-1", "2025-366",
        ]
        for input in unreadable {
            XCTAssertNil(DateParser.parse(input), input)
        }
    }

    /// What real feeds write beyond the standards, read as their authors meant.
    func testLenientFormsOfRealFeeds() {
        let cases: [(String, String)] = [
            // RFC 822 with missing parts, extra commas, one-digit fields, named zones.
            ("Thu, 01 Jan 2004 00:00 GMT", "2004-01-01T00:00:00Z"),
            ("Thu, 01 Jan 2004", "2004-01-01T00:00:00Z"),
            ("01 Jan 2004", "2004-01-01T00:00:00Z"),
            ("Thu,  5 Apr 2012 10:00:00 GMT", "2012-04-05T10:00:00Z"),
            ("Fri,24 Nov 2023 18:28:36 -0000", "2023-11-24T18:28:36Z"),
            ("Mon, 13 Feb, 2012 06:28:00 UTC", "2012-02-13T06:28:00Z"),
            ("Sun, 16 Dec 2012 1:2:3 GMT", "2012-12-16T01:02:03Z"),
            ("Tues, 23 Dec 2025 08:15:00 GMT", "2025-12-23T08:15:00Z"),
            ("Wed, 23 Dec 2025 08:15:00 GMT", "2025-12-23T08:15:00Z"),
            ("Tue, 23 Sept. 2025 08:15:00 GMT", "2025-09-23T08:15:00Z"),
            ("Thu, 30 Apr 2015 08:57:00 MET", "2015-04-30T07:57:00Z"),
            ("Thu, 30 Apr 2015 08:57:00 MEST", "2015-04-30T06:57:00Z"),
            ("Mon, 26 January 2004 16:31:00 ET", "2004-01-26T21:31:00Z"),
            ("Mon, 26 January 2004 16:31:00 AT", "2004-01-26T20:31:00Z"),
            ("Mon, 26 January 2004 16:31:00 PT", "2004-01-27T00:31:00Z"),
            ("Wed, 19 Aug 2009 18:28:00 Etc/GMT", "2009-08-19T18:28:00Z"),
            ("Wed, 19 Feb 2012 22:40:00 GMT-01:01", "2012-02-19T23:41:00Z"),
            ("Wed, 19 Feb 2012 22:40:00 -01:01", "2012-02-19T23:41:00Z"),
            ("Tue, 23 Dec 2025 10:15:00 GMT+2", "2025-12-23T08:15:00Z"),
            ("Tue, 23 Dec 2025 09:15:00 UTC+01:00", "2025-12-23T08:15:00Z"),
            ("Tue, 23 Dec 2025 09:15:00 +0100 (CET)", "2025-12-23T08:15:00Z"),
            ("Tue, 23 Dec 2025 09:15:00 +0100 CET", "2025-12-23T08:15:00Z"),
            ("Tue, 23 Dec 2025 07:15:00 N", "2025-12-23T06:15:00Z"),
            ("Tue, 23 Dec 2025 09:15:00 A", "2025-12-23T10:15:00Z"),
            ("Thu, 01 Jan 0100 00:00:01 +0100", "0099-12-31T23:00:01Z"),
            // asctime, JavaScript's Date.toString, Twitter.
            ("Sun Jan  4 16:29:06 PST 2004", "2004-01-05T00:29:06Z"),
            ("Sun Jul 15 01:16:00 +0000 2012", "2012-07-15T01:16:00Z"),
            ("Thu Aug 30 2012 17:26:16 +0200", "2012-08-30T15:26:16Z"),
            ("Thu Aug 30 2012 17:26:16 GMT+0200 (Central European Summer Time)", "2012-08-30T15:26:16Z"),
            // W3C-DTF and ISO 8601.
            ("2003-12-31T10:14:55-08:00", "2003-12-31T18:14:55Z"),
            ("2007-04-23T23:25:47.538+10:00", "2007-04-23T13:25:47Z"),
            ("2004-02-28T18:14:55-08:00", "2004-02-29T02:14:55Z"),
            ("2003-012-31T10:14:55+00:00", "2003-12-31T10:14:55Z"),
            ("2004-07-08 23:56:58 -00:20", "2004-07-09T00:16:58Z"),
            ("2004-07-08 23:56:58.0", "2004-07-08T23:56:58Z"),
            ("2003-12-31T24:00:00Z", "2004-01-01T00:00:00Z"),
            ("2003-12-31T23:59:60Z", "2003-12-31T23:59:59Z"),
            ("20031231", "2003-12-31T00:00:00Z"),
            ("031231", "2003-12-31T00:00:00Z"),
            ("-0312", "2003-12-01T00:00:00Z"),
            ("-03-12", "2003-12-01T00:00:00Z"),
            ("03-335", "2003-12-01T00:00:00Z"),
            ("2003335", "2003-12-01T00:00:00Z"),
            ("2004-366", "2004-12-31T00:00:00Z"),
            ("2025-W52-2", "2025-12-23T00:00:00Z"),
            ("2025W522T08:15:00Z", "2025-12-23T08:15:00Z"),
            ("2020-W53-7", "2021-01-03T00:00:00Z"),
            ("2026-W01", "2025-12-29T00:00:00Z"),
            // Written forms.
            ("December 23rd, 2025 at 8:15 a.m.", "2025-12-23T08:15:00Z"),
            ("23 déc. 2025 à 10h30", "2025-12-23T10:30:00Z"),
            ("mar. 23 déc. 2025", "2025-12-23T00:00:00Z"),
            ("1er janvier 2026", "2026-01-01T00:00:00Z"),
            ("Dienstag, 23. Dezember 2025 um 09:30 Uhr", "2025-12-23T09:30:00Z"),
            ("23.12.2025 09:30", "2025-12-23T09:30:00Z"),
            ("12/23/2025", "2025-12-23T00:00:00Z"),
            ("23 كانون الأول 2025", "2025-12-23T00:00:00Z"),
            // Korean dates are in Korea's time unless they say otherwise.
            ("2004-05-25 오후 11:23:17", "2004-05-25T14:23:17Z"),
            ("2004년 05월 28일  01:31:15", "2004-05-27T16:31:15Z"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(DateParser.parse(input).map(DateParser.iso8601), expected, input)
        }
    }

    /// Page text holds a date among other words; the date's own parts are still read strictly.
    func testADateInPageTextIsFoundAmongOtherWords() {
        XCTAssertEqual(DateParser.find(inProse: "Publié dans Barlamane le 23 - 11 - 2021").map(DateParser.iso8601), "2021-11-23T00:00:00Z")
        XCTAssertEqual(DateParser.find(inProse: "Mis à jour le mardi 23 décembre 2025 à 10h30").map(DateParser.iso8601), "2025-12-23T10:30:00Z")
        XCTAssertNil(DateParser.parse("Publié dans Barlamane le 23 - 11 - 2021"))
        XCTAssertNil(DateParser.find(inProse: "Publié le 23 décembre 2025 à 10:xx"))
    }

    /// The fast paths agree with the general reader on what they accept.
    func testFastPathsAgreeWithTheGeneralReader() {
        for input in ["Tue, 23 Dec 2025 09:15:00 +0100", "Sun, 29 Nov 2026 20:48:36 GMT", "2026-11-29T20:57:40Z", "2026-11-29T21:57:40+01:00"] {
            let fast = DateParser.parseRFC822Exact(input) ?? DateParser.parseRFC3339Exact(input)
            let general = DateParser.trimmed(input).flatMap { DateParser.parseISO($0) ?? DateParser.parseWritten($0, inProse: false) }
            XCTAssertNotNil(fast, input)
            XCTAssertEqual(fast, general, input)
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
