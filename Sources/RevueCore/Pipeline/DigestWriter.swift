import Foundation

/// Renders a digest and writes its files atomically: `YYYY-MM-DD.txt`, `.html`, `.eml`
/// and the machine-readable `.status.json`.
public struct DigestWriter: Sendable {
    public var directory: String
    public var mail: MailSettings

    public init(directory: String, mail: MailSettings) {
        self.directory = directory
        self.mail = mail
    }

    public func write(_ digest: Digest) throws -> DigestFiles {
        try AtomicFile.createFolder(directory)
        AtomicFile.removeLeftovers(in: directory)
        let base = URL(fileURLWithPath: directory).appendingPathComponent(digest.day.description).path
        let files = DigestFiles(text: base + ".txt", html: base + ".html", mail: base + ".eml",
            status: base + ".status.json")
        let rendered = RenderedDigest(digest, mail: mail)
        try AtomicFile.write([
            (Data(rendered.text.utf8), files.text), (Data(rendered.html.utf8), files.html),
            (Data(rendered.mail.utf8), files.mail), (try StatusFile(digest).json(), files.status),
        ])
        return files
    }
}

/// `YYYY-MM-DD.status.json`: what each source did, for monitoring scripts.
struct StatusFile: Encodable {
    struct Window: Encodable {
        var start: Date
        var end: Date
    }

    var date: String
    var generatedAt: Date
    var timeZone: String
    var window: Window
    var stories: Int
    var sourcesTotal: Int
    var sourcesOk: Int
    var sourcesFailed: Int
    var sources: [SourceReport]

    init(_ digest: Digest) {
        date = digest.day.description
        generatedAt = digest.generatedAt
        timeZone = digest.timeZone.identifier
        window = Window(start: digest.window.start, end: digest.window.end)
        stories = digest.stories.count
        sources = digest.coverage
        sourcesTotal = sources.count
        sourcesFailed = sources.filter { $0.status == .failed }.count
        sourcesOk = sourcesTotal - sourcesFailed
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
