import XCTest
@testable import RevueCore

final class RenderedDigestTests: XCTestCase {
    func testNamesTheThreeFilesByDayAndKeepsTheirBytes() throws {
        let rendered = RenderedDigest(SampleDigest.digest, mail: MailSettings(to: ["veille@example.ma"]))
        XCTAssertEqual(rendered.files.map(\.name), ["2025-12-23.txt", "2025-12-23.html", "2025-12-23.eml"])
        XCTAssertEqual(rendered.files[0].contents, Data(TextRenderer.render(SampleDigest.digest).utf8))
        XCTAssertEqual(String(decoding: rendered.files[1].contents, as: UTF8.self), rendered.html)
        let message = try MailMessage(String(decoding: rendered.files[2].contents, as: UTF8.self))
        XCTAssertEqual(message.parts.map(\.decodedBody), [rendered.text, rendered.html])
        XCTAssertEqual(message.header("To"), "veille@example.ma")
    }
}
