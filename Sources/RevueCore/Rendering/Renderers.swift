import Foundation

// STUB (owner: rendering). Interface the pipeline relies on.

public enum TextRenderer {
    public static func render(_ digest: Digest) -> String { "Revue de presse\n" }
}

public enum HTMLRenderer {
    public static func render(_ digest: Digest) -> String { "<!doctype html><title>Revue de presse</title>" }
}

/// Mail headers for the .eml file.
public struct MailSettings: Sendable, Hashable {
    public var from: String
    public var to: [String]
    public var subjectPrefix: String

    public init(from: String = "revue@localhost", to: [String] = [], subjectPrefix: String = "Revue de presse") {
        self.from = from
        self.to = to
        self.subjectPrefix = subjectPrefix
    }
}

public enum MailRenderer {
    /// A complete RFC 5322 message (multipart/alternative text + HTML) for `sendmail -t`.
    public static func render(_ digest: Digest, text: String, html: String, mail: MailSettings) -> String { "" }
}
