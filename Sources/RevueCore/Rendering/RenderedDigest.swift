import Foundation

/// The three files of one digest, rendered and named, ready for the pipeline to write
/// into the output folder: `2025-12-23.txt`, `2025-12-23.html`, `2025-12-23.eml`.
/// Writing them stays with the caller: rendering touches neither the disk nor the clock.
public struct RenderedDigest: Sendable, Hashable {
    public var day: DigestDay
    public var text: String
    public var html: String
    /// The mail, CRLF line endings, ready for `sendmail -t`.
    public var mail: String

    public init(_ digest: Digest, mail settings: MailSettings) {
        day = digest.day
        let layout = DigestLayout(digest)
        text = TextRenderer.render(layout)
        html = HTMLRenderer.render(layout)
        mail = MailRenderer.render(digest, text: text, html: html, mail: settings)
    }

    /// File name and UTF-8 bytes of each file, in the order text, HTML, mail.
    public var files: [(name: String, contents: Data)] {
        [("\(day).txt", Data(text.utf8)), ("\(day).html", Data(html.utf8)), ("\(day).eml", Data(mail.utf8))]
    }
}
