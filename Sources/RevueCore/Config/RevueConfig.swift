import Foundation

// Owner: lead. Loading from TOML comes next; this is the shape the commands rely on.

/// Everything a run is configured with.
public struct RevueConfig: Sendable {
    public var sources: [Source] = []
    public var timeZone = TimeZone(identifier: "Africa/Casablanca")!
    /// The digest of day D covers the 24 hours before this hour of D.
    public var morningHour = 7
    public var themes: ThemeLexicon = .builtIn
    public var fetch = FetchSettings()
    public var mail = MailSettings()
    /// The file it was read from, if any.
    public var path: String?

    public init() {}

    /// The explicit file, else `Config/revue.toml` in the working directory, else defaults.
    public static func resolve(explicitPath: String?, workingDirectory: String) throws -> RevueConfig {
        RevueConfig()
    }
}
