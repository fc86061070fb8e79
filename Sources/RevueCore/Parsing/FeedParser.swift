import Foundation

// STUB (owner: parsing). Interface the pipeline relies on; the real parsers replace it.

/// What the parser needs to know besides the bytes.
public struct ParseOptions: Sendable {
    /// The HTTP Content-Type header the document came with (charset precedence).
    public var contentType: String?
    /// The address the document was served from: relative links resolve against it.
    public var baseURL: String?
    /// XPath rules for an HTML source.
    public var htmlRules: HTMLRules?
    /// A ready-made HTML profile ("aggregator").
    public var profile: String?
    /// Dates later than this are capped to it.
    public var now: Date

    public init(
        contentType: String? = nil, baseURL: String? = nil, htmlRules: HTMLRules? = nil,
        profile: String? = nil, now: Date = Date()
    ) {
        self.contentType = contentType
        self.baseURL = baseURL
        self.htmlRules = htmlRules
        self.profile = profile
        self.now = now
    }
}

public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The one entry point: sniffs the format from the content and runs that format's parser.
public enum FeedParser {
    public static func parse(_ data: Data, options: ParseOptions = ParseOptions()) throws -> ParsedFeed {
        throw ParseError("parser not implemented yet")
    }
}
