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

    /// 2025-12-23 12:00 UTC: the run time of the tests' digest day.
    static let now = Date(timeIntervalSince1970: 1_766_491_200)

    static func iso(_ date: Date?) -> String? { date.map(DateParser.iso8601) }
}
