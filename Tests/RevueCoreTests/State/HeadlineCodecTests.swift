import XCTest
@testable import RevueCore

final class HeadlineCodecTests: XCTestCase {
    func testRoundTripKeepsEveryField() throws {
        let headlines = [
            Headline(title: "CAN 2025 : «Nous sommes contents d’être au Maroc»", link: "https://lematin.ma/a/1",
                id: "tag:1", published: Date(timeIntervalSince1970: 1_766_476_800.5), summary: "Le capitaine…",
                categories: ["Sport", "CAN"], language: "fr", originalSource: "Barlamane"),
            Headline(title: "نشرة إنذارية: تساقطات ثلجية"),
            Headline(title: "", summary: String(repeating: "x", count: 70_000)),
        ]
        XCTAssertEqual(HeadlineCodec.decode(HeadlineCodec.encode(headlines)), headlines)
        XCTAssertEqual(HeadlineCodec.decode(HeadlineCodec.encode([])), [])
    }

    func testDamagedBytesAreRefusedNotTrusted() {
        let good = HeadlineCodec.encode([Headline(title: "Titre", link: "https://a/1", categories: ["x"])])
        for cut in 0..<good.count {
            XCTAssertNil(HeadlineCodec.decode(good.prefix(cut)), "cut at \(cut)")
        }
        XCTAssertNil(HeadlineCodec.decode(Data("[{\"title\":\"json\"}]".utf8)))
        XCTAssertNil(HeadlineCodec.decode(Data([1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])), "an absurd count is refused")
    }
}
