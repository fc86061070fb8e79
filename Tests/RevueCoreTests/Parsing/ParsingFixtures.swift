import Foundation
import XCTest
@testable import RevueCore

/// Loads a parsing fixture by file name.
enum ParsingFixtures {
    static func data(_ name: String) throws -> Data {
        let url = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        guard let file = Bundle.module.url(forResource: url, withExtension: ext, subdirectory: "Fixtures/parsing") else {
            throw ParseError("missing fixture \(name)")
        }
        return try Data(contentsOf: file)
    }

    static func parse(_ name: String, _ options: ParseOptions = ParseOptions()) throws -> ParsedFeed {
        try FeedParser.parse(data(name), options: options)
    }

    /// The feed as each reader makes it: the streaming reader (where it takes the document)
    /// and libxml2's DOM.
    static func parseBothWays(_ data: Data, _ options: ParseOptions = ParseOptions()) throws -> [ParsedFeed] {
        var dom = options
        dom.usesFlatReader = false
        return [try FeedParser.parse(data, options: options), try FeedParser.parse(data, options: dom)]
    }

    /// Whether the streaming reader takes the document (after its conversion to UTF-8), so
    /// that `parseBothWays` compares two readers rather than one twice.
    static func readsFlat(_ data: Data, contentType: String? = nil) -> Bool {
        data.withUnsafeBytes { raw in
            let detected = CharsetDetector.detect(raw, contentType: contentType)
            let utf8 = Transcoder.utf8Bytes(raw, from: detected) ?? Array(raw)
            return utf8.withUnsafeBytes { FlatFeedReader.read($0, options: ParseOptions()) != nil }
        }
    }

    /// The bytes of `text` in ISO-8859-1, one byte a character (all must be below U+0100).
    static func latin1(_ text: String) -> Data { Data(text.unicodeScalars.map { UInt8($0.value) }) }

    /// 2025-12-23 12:00 UTC: the run time of the tests' digest day.
    static let now = Date(timeIntervalSince1970: 1_766_491_200)

    static func iso(_ date: Date?) -> String? { date.map(DateParser.iso8601) }
}
