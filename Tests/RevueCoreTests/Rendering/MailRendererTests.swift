import XCTest
@testable import RevueCore

final class MailRendererTests: XCTestCase {
    let settings = MailSettings(
        from: "Revue de presse <revue@presse.example.ma>",
        to: ["direction@presse.example.ma", "Équipe veille <veille@presse.example.ma>"])

    func render(_ digest: Digest = SampleDigest.digest) -> (eml: String, text: String, html: String) {
        let text = TextRenderer.render(digest)
        let html = HTMLRenderer.render(digest)
        return (MailRenderer.render(digest, text: text, html: html, mail: settings), text, html)
    }

    func testFromMovedToALineStartBySoftBreakIsEscaped() {
        // Letters fill the first output line; the soft break then puts "From" first on
        // the next one, where an mbox writer would turn it into ">From".
        let line = String(repeating: "a", count: QuotedPrintable.maximumLineLength - 1) + "From here. And ."
        let encoded = QuotedPrintable.encodeLine(Array(line.utf8)[...])
        let lines = encoded.components(separatedBy: "\r\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[1].hasPrefix("=46rom here."), lines[1])
        XCTAssertTrue(lines.allSatisfy { $0.utf8.count <= 76 })
    }

    func testHeadersAreThoseSendmailNeeds() throws {
        let message = try MailMessage(render().eml)
        XCTAssertEqual(message.header("From"), "Revue de presse <revue@presse.example.ma>")
        XCTAssertEqual(message.header("To"), "direction@presse.example.ma, Équipe veille <veille@presse.example.ma>")
        XCTAssertEqual(message.header("Date"), "Tue, 23 Dec 2025 07:00:04 +0100")
        XCTAssertEqual(message.header("Subject"), "Revue de presse — mardi 23 décembre 2025")
        XCTAssertEqual(message.header("MIME-Version"), "1.0")
        let messageID = try XCTUnwrap(message.header("Message-ID"))
        XCTAssertTrue(messageID.hasPrefix("<revue.2025-12-23.") && messageID.hasSuffix("@presse.example.ma>"), messageID)
        XCTAssertTrue(message.header("Content-Type")?.hasPrefix("multipart/alternative; boundary=\"=_revue_") ?? false)
    }

    func testBodiesDecodeToTheRenderedDigests() throws {
        let (eml, text, html) = render()
        let message = try MailMessage(eml)
        XCTAssertEqual(message.parts.map(\.contentType), ["text/plain; charset=utf-8", "text/html; charset=utf-8"])
        XCTAssertEqual(message.parts.map(\.transferEncoding), ["quoted-printable", "quoted-printable"])
        XCTAssertEqual(message.parts[0].decodedBody, text)
        XCTAssertEqual(message.parts[1].decodedBody, html)
    }

    func testMessageIsSevenBitWithCRLFAndShortLines() {
        let eml = render().eml
        let bytes = Array(eml.utf8)
        XCTAssertTrue(bytes.allSatisfy { $0 < 128 }, "a mail with QP bodies and RFC 2047 headers is pure ASCII")
        for (index, byte) in bytes.enumerated() where byte == 10 {
            XCTAssertEqual(bytes[index - 1], 13, "bare LF at byte \(index)")
        }
        XCTAssertFalse(bytes.enumerated().contains { $0.element == 13 && ($0.offset + 1 == bytes.count || bytes[$0.offset + 1] != 10) })
        for line in eml.components(separatedBy: "\r\n") {
            XCTAssertLessThanOrEqual(line.utf8.count, 78, line)
            XCTAssertFalse(line == ".", "a lone dot ends sendmail's input")
            XCTAssertFalse(line.hasPrefix("From "), "mbox would mangle it")
        }
        XCTAssertTrue(eml.hasSuffix("\r\n"))
    }

    func testSubjectIsEncodedInWordsOfAtMostSeventyFiveCharacters() {
        let eml = render().eml
        let lines = eml.components(separatedBy: "\r\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Subject: ") }) else { return XCTFail("no Subject") }
        var subjectLines = [lines[start]]
        subjectLines += lines[(start + 1)...].prefix { $0.hasPrefix(" ") }
        XCTAssertGreaterThan(subjectLines.count, 1, "this subject needs folding")
        for line in subjectLines {
            let word = line.hasPrefix("Subject: ") ? String(line.dropFirst(9)) : String(line.dropFirst())
            XCTAssertTrue(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="), word)
            XCTAssertLessThanOrEqual(word.count, 75)
        }
    }

    func testQuotedPrintableEdgeCases() throws {
        let cases = [
            "", "a\n", "fin d'espace \nfin de tab\t\n", ".\n.début\nFrom here\n", "x=y=z\n",
            String(repeating: "é", count: 60) + "\n", String(repeating: "a", count: 300),
            "محرز: \"نحن سعداء بالتواجد في المغرب\"\n", "no final newline", "\n\n\n",
            String(repeating: "=", count: 100) + "\n",
        ]
        for text in cases {
            let encoded = QuotedPrintable.encode(text)
            XCTAssertEqual(try MailMessage.decodeQuotedPrintable(encoded), text.hasSuffix("\n") || text.isEmpty ? text : text + "\n")
            for line in encoded.components(separatedBy: "\r\n") {
                XCTAssertLessThanOrEqual(line.count, 76, line)
                XCTAssertFalse(line.hasSuffix(" ") || line.hasSuffix("\t"), "trailing white space: \(line)")
            }
        }
    }

    func testBoundaryDoesNotOccurInTheBodies() throws {
        var digest = SampleDigest.digest
        digest.stories = [Story(id: "b", headlines: [SampleDigest.headline("Src", "--=_revue_ boundary attempt =_revue_", "https://x.org/", "fr", nil)])]
        let (eml, text, html) = render(digest)
        let message = try MailMessage(eml)
        XCTAssertEqual(message.parts.count, 2)
        XCTAssertEqual(message.parts[0].decodedBody, text)
        XCTAssertEqual(message.parts[1].decodedBody, html)
    }

    func testNoRecipientsStillMakesAValidMessage() throws {
        let digest = SampleDigest.digest
        let eml = MailRenderer.render(digest, text: "t\n", html: "<p>h</p>\n", mail: MailSettings())
        let message = try MailMessage(eml)
        XCTAssertEqual(message.header("To"), "undisclosed-recipients:;")
        XCTAssertEqual(message.header("From"), "revue@localhost")
        XCTAssertTrue(message.header("Message-ID")?.hasSuffix("@localhost>") ?? false)
    }

    func testLineBreaksInSettingsCannotInjectHeaders() throws {
        let hostile = MailSettings(
            from: "revue@example.ma\r\nBcc: victim@evil.example", to: ["a@example.ma\nX-Evil: 1"],
            subjectPrefix: "Revue\r\nBcc: x@evil.example")
        let eml = MailRenderer.render(SampleDigest.digest, text: "t\n", html: "h\n", mail: hostile)
        let headerLines = eml.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        XCTAssertFalse(headerLines.contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Evil:") })
        let message = try MailMessage(eml)
        XCTAssertEqual(message.header("To"), "a@example.ma X-Evil: 1")
        XCTAssertEqual(message.header("Subject"), "Revue Bcc: x@evil.example — mardi 23 décembre 2025")
    }

    func testAddressesAreEncodedOrQuotedAsNeeded() {
        XCTAssertEqual(MailAddress.encode("veille@example.ma"), "veille@example.ma")
        XCTAssertEqual(MailAddress.encode("Veille <veille@example.ma>"), "Veille <veille@example.ma>")
        XCTAssertEqual(MailAddress.encode("Dupont, Jean <jd@example.ma>"), "\"Dupont, Jean\" <jd@example.ma>")
        XCTAssertEqual(MailAddress.encode("\"Dupont, Jean\" <jd@example.ma>"), "\"Dupont, Jean\" <jd@example.ma>")
        XCTAssertEqual(MailAddress.encode("Équipe <e@example.ma>"), "=?UTF-8?B?w4lxdWlwZQ==?= <e@example.ma>")
        XCTAssertEqual(MailAddress.domain(of: "Revue <revue@presse.example.ma>"), "presse.example.ma")
        XCTAssertEqual(MailAddress.domain(of: "revue"), "localhost")
        XCTAssertEqual(MailAddress.domain(of: "x@bad domain>"), "localhost")
    }

    func testDateHeaderUsesTheZoneOffset() {
        let instant = Date(timeIntervalSince1970: 1_766_474_100) // 2025-12-23T07:15:00Z
        XCTAssertEqual(MailDate.rfc5322(instant, in: SampleDigest.casablanca), "Tue, 23 Dec 2025 08:15:00 +0100")
        XCTAssertEqual(MailDate.rfc5322(instant, in: TimeZone(identifier: "America/New_York")!), "Tue, 23 Dec 2025 02:15:00 -0500")
        XCTAssertEqual(MailDate.rfc5322(instant, in: TimeZone(identifier: "Asia/Kolkata")!), "Tue, 23 Dec 2025 12:45:00 +0530")
    }
}

/// A small MIME reader, written for these tests from RFC 5322, 2045 and 2047: unfolds
/// headers, decodes B-encoded words, splits a multipart body and decodes quoted-printable.
struct MailMessage {
    struct Part {
        var contentType: String
        var transferEncoding: String
        var decodedBody: String
    }

    enum DecodingError: Error { case noHeaderEnd, noBoundary, badEncodedWord, badQuotedPrintable }

    var headers: [(name: String, value: String)]
    var parts: [Part]

    init(_ raw: String) throws {
        let lines = raw.components(separatedBy: "\r\n")
        guard let blank = lines.firstIndex(of: "") else { throw DecodingError.noHeaderEnd }
        headers = try MailMessage.parseHeaders(lines[..<blank])
        let contentType = headers.first { $0.name.lowercased() == "content-type" }?.value ?? ""
        guard let range = contentType.range(of: "boundary=\"") else { throw DecodingError.noBoundary }
        let boundary = String(contentType[range.upperBound...].prefix { $0 != "\"" })
        var parts: [Part] = []
        var current: [String]? = nil
        for line in lines[(blank + 1)...] {
            if line == "--\(boundary)" || line == "--\(boundary)--" {
                if let current { parts.append(try MailMessage.parsePart(current)) }
                current = line.hasSuffix("--") && line != "--\(boundary)" ? nil : []
            } else {
                current?.append(line)
            }
        }
        self.parts = parts
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    static func parseHeaders(_ lines: ArraySlice<String>) throws -> [(name: String, value: String)] {
        var unfolded: [String] = []
        for line in lines {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !unfolded.isEmpty {
                unfolded[unfolded.count - 1] += line
            } else {
                unfolded.append(line)
            }
        }
        return try unfolded.map { line in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            let value = line[colon...].dropFirst().trimmingCharacters(in: .whitespaces)
            return (String(line[..<colon]), try decodeEncodedWords(value))
        }
    }

    /// Decodes "=?UTF-8?B?...?=" words; white space between two adjacent words is dropped.
    static func decodeEncodedWords(_ value: String) throws -> String {
        let tokens = value.components(separatedBy: " ").filter { !$0.isEmpty }
        var result = ""
        var previousWasEncoded = false
        for token in tokens {
            if token.hasPrefix("=?UTF-8?B?") && token.hasSuffix("?=") {
                let payload = String(token.dropFirst(10).dropLast(2))
                guard let data = Data(base64Encoded: payload), let text = String(data: data, encoding: .utf8) else {
                    throw DecodingError.badEncodedWord
                }
                result += (result.isEmpty || previousWasEncoded ? "" : " ") + text
                previousWasEncoded = true
            } else {
                result += (result.isEmpty ? "" : " ") + token
                previousWasEncoded = false
            }
        }
        return result
    }

    static func parsePart(_ lines: [String]) throws -> Part {
        var lines = lines
        while lines.last == "" { lines.removeLast() }
        guard let blank = lines.firstIndex(of: "") else { throw DecodingError.noHeaderEnd }
        let headers = try parseHeaders(lines[..<blank])
        func value(_ name: String) -> String { headers.first { $0.name.lowercased() == name }?.value ?? "" }
        let body = lines[(blank + 1)...].joined(separator: "\r\n")
        return Part(
            contentType: value("content-type"), transferEncoding: value("content-transfer-encoding"),
            decodedBody: try decodeQuotedPrintable(body))
    }

    /// Each hard line break becomes "\n" and ends the line, as in the renderers' output.
    static func decodeQuotedPrintable(_ body: String) throws -> String {
        if body.isEmpty { return "" }
        var bytes: [UInt8] = []
        for line in body.components(separatedBy: "\r\n") {
            var utf8 = Array(line.utf8)
            let soft = utf8.last == UInt8(ascii: "=")
            if soft { utf8.removeLast() }
            var index = 0
            while index < utf8.count {
                if utf8[index] == UInt8(ascii: "=") {
                    guard index + 2 < utf8.count,
                        let byte = UInt8(String(decoding: utf8[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
                    else { throw DecodingError.badQuotedPrintable }
                    bytes.append(byte)
                    index += 3
                } else {
                    bytes.append(utf8[index])
                    index += 1
                }
            }
            if !soft { bytes.append(10) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

final class RenderingSpeedTests: XCTestCase {
    /// The issue-3 benchmark digests 200 feeds x 30 items: rendering all three files of
    /// 6,000 single-source stories must stay a small part of its 0.6 s budget.
    func testSixThousandStoriesRenderQuickly() {
        var digest = SampleDigest.digest
        let themes = Theme.allCases
        digest.stories = (0..<6_000).map { index in
            Story(id: "s\(index)", headlines: [SampleDigest.headline(
                "Source \(index % 200)", "Titre numéro \(index) : une nouvelle « importante » & d'autres détails du jour",
                "https://example.org/feed\(index % 200)/article-\(index)?a=1&b=2", "fr", SampleDigest.at(22, 8 + index % 20, index % 60))],
                theme: themes[index % themes.count])
        }
        let start = Date()
        let text = TextRenderer.render(digest)
        let html = HTMLRenderer.render(digest)
        let eml = MailRenderer.render(digest, text: text, html: html, mail: MailSettings(to: ["a@example.org"]))
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertGreaterThan(eml.utf8.count, html.utf8.count)
        print("rendered 6,000 stories (txt \(text.utf8.count) B, html \(html.utf8.count) B, eml \(eml.utf8.count) B) in \(String(format: "%.3f", elapsed)) s")
        // Generous for a debug build on a shared machine; a release build is several times faster.
        XCTAssertLessThan(elapsed, 4.0)
    }
}
