import Foundation
import TOMLKit

/// Everything a run is configured with.
public struct RevueConfig: Sendable {
    public var sources: [Source] = []
    public var timeZone = TimeZone(identifier: "Africa/Casablanca")!
    /// The digest of day D covers the 24 hours before this hour of D.
    public var morningHour = 7
    /// Where digests go: `Digests` in the working directory unless the config says
    /// otherwise (relative to the config file).
    public var outputDirectory = "Digests"
    /// Where the state lives; nil means the XDG state directory.
    public var stateDirectory: String?
    /// Where the theme keyword lists come from. Read with `loadThemes()`, which the
    /// morning run does while the network works (the lists take tens of milliseconds).
    public var themeSource: ThemeSource = .builtIn
    /// A theme model trained by `revue train` (`[themes] model`, or themes.model beside the
    /// configuration); nil means the compiled-in one.
    public var modelPath: String?
    /// The newsroom's theme corrections (`[themes] corrections`, or corrections.tsv beside
    /// the configuration).
    public var correctionsPath: String?
    /// Limits of the fetch stage, its deadline (`stageTimeout`) included.
    public var fetch = FetchSettings()
    public var mail = MailSettings()
    /// When a run that wrote its digest should still say something under cron.
    public var alert = AlertSettings()
    /// The file it was read from, if any.
    public var path: String?

    public init() {}

    /// The explicit file, else `Config/revue.toml` in the working directory, else defaults.
    public static func resolve(explicitPath: String?, workingDirectory: String) throws -> RevueConfig {
        if let explicitPath {
            return try load(path: explicitPath)
        }
        let candidate = URL(fileURLWithPath: workingDirectory).appendingPathComponent("Config/revue.toml").path
        if FileManager.default.fileExists(atPath: candidate) {
            return try load(path: candidate)
        }
        return RevueConfig()
    }

    /// Reads a TOML configuration file.
    public static func load(path: String) throws -> RevueConfig {
        let url = URL(fileURLWithPath: path)
        let text: String
        do {
            let data = try Data(contentsOf: url)
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw ConfigError(file: path, message: "the file is not valid UTF-8", fix: "save it as UTF-8")
            }
            text = decoded
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(file: path, message: "cannot read the configuration file (\(POSIXFailure.reason(error)))",
                fix: "check the path given to --config")
        }
        return try parse(text: text, path: path)
    }

    /// Parses configuration text; relative paths in it are relative to `path`'s folder.
    public static func parse(text: String, path: String) throws -> RevueConfig {
        if let mistake = TOMLShape.check(text) {
            throw ConfigError(file: path, line: mistake.line, message: "TOML syntax error: \(mistake.message)",
                fix: "check quotes, brackets and `key = value` on that line")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: path, line: error.source.begin.line,
                message: "TOML syntax error: \(error.description)",
                fix: "check quotes, brackets and `key = value` on that line")
        }
        let locator = TOMLLocator(text: text)
        let root = TableReader(table: table, path: "", file: path, locator: locator)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var config = RevueConfig()
        config.path = path
        try root.allowOnly(["digest", "fetch", "mail", "alert", "themes", "source"])

        if let digest = try root.subtable("digest") {
            try digest.allowOnly(["timezone", "morning_hour", "output", "state"])
            if let name = try digest.string("timezone") {
                guard let zone = TimeZone(identifier: name) else {
                    throw digest.error("timezone", "unknown time zone \"\(name)\"",
                        fix: "use an IANA name such as \"Africa/Casablanca\" or \"Europe/Paris\"")
                }
                config.timeZone = zone
            }
            config.morningHour = try digest.int("morning_hour", in: 0...23) ?? config.morningHour
            // Like source paths, relative to the configuration file: the same config gives
            // the same folders whatever directory cron starts revue in.
            config.outputDirectory = try digest.string("output").map { URL(fileURLWithPath: $0, relativeTo: folder).standardizedFileURL.path }
                ?? config.outputDirectory
            config.stateDirectory = try digest.string("state").map { URL(fileURLWithPath: $0, relativeTo: folder).standardizedFileURL.path }
        }

        if let alert = try root.subtable("alert") {
            try alert.allowOnly(["failed_share", "failing_days"])
            if let share = try alert.int("failed_share", in: 0...100) { config.alert.failedShare = Double(share) / 100 }
            config.alert.failingDays = try alert.int("failing_days", in: 0...365) ?? config.alert.failingDays
        }

        if let fetch = try root.subtable("fetch") {
            try fetch.allowOnly(["max_connections", "max_per_host", "connect_timeout_s", "timeout_s",
                "deadline_s", "max_body_mb", "attempts", "user_agent", "ca_file", "proxy", "allow_redirect_to_http"])
            config.fetch.maxConnections = try fetch.int("max_connections", in: 1...1024) ?? config.fetch.maxConnections
            config.fetch.maxPerHost = try fetch.int("max_per_host", in: 0...256) ?? config.fetch.maxPerHost
            config.fetch.maxAttempts = try fetch.int("attempts", in: 1...10) ?? config.fetch.maxAttempts
            if let ca = try fetch.string("ca_file") {
                let url = URL(fileURLWithPath: ca, relativeTo: folder)
                guard FileManager.default.fileExists(atPath: url.path) else {
                    throw fetch.error("ca_file", "certificate file \(url.path) does not exist",
                        fix: "give the path of a PEM file, relative to \(path)")
                }
                config.fetch.extraCertificates = url.path
            }
            config.fetch.connectTimeout = try fetch.seconds("connect_timeout_s", in: 0.1...120) ?? config.fetch.connectTimeout
            config.fetch.transferTimeout = try fetch.seconds("timeout_s", in: 0.1...600) ?? config.fetch.transferTimeout
            config.fetch.stageTimeout = try fetch.seconds("deadline_s", in: 1...3600) ?? config.fetch.stageTimeout
            if let mb = try fetch.int("max_body_mb", in: 1...512) { config.fetch.maxBodyBytes = mb << 20 }
            config.fetch.userAgent = try fetch.string("user_agent") ?? config.fetch.userAgent
            if let proxy = try fetch.string("proxy") {
                config.fetch.proxy = try proxyAddress(proxy, reader: fetch)
            }
            config.fetch.allowRedirectToHTTP = try fetch.bool("allow_redirect_to_http") ?? config.fetch.allowRedirectToHTTP
        }

        if let mail = try root.subtable("mail") {
            try mail.allowOnly(["from", "to", "subject_prefix"])
            config.mail.from = try mail.string("from") ?? config.mail.from
            if let to = mail.table["to"], to.array == nil {
                throw mail.error("to", "`to` must be a list of addresses, even for one",
                    fix: "write to = [\"\(to.string ?? "redaction@example.ma")\"]")
            }
            config.mail.to = try mail.strings("to") ?? config.mail.to
            if let bad = config.mail.to.first(where: { !$0.contains("@") }) {
                throw mail.error("to", "\"\(bad)\" is not a mail address", fix: "write addresses such as \"redaction@example.ma\"")
            }
            config.mail.subjectPrefix = try mail.string("subject_prefix") ?? config.mail.subjectPrefix
        }

        // Each themes file is named in [themes], else found beside the configuration.
        let themes = try root.subtable("themes")
        try themes?.allowOnly(["file", "model", "corrections"])
        func themeFile(_ key: String, beside name: String, what: String) throws -> String? {
            if let themes, let file = try themes.string(key) {
                let url = URL(fileURLWithPath: file, relativeTo: folder).standardizedFileURL
                guard FileManager.default.fileExists(atPath: url.path) else {
                    throw themes.error(key, "\(what) \(url.path) does not exist",
                        fix: "give an absolute path or one relative to \(folder.path), or remove the line to use the built-in one")
                }
                return url.path
            }
            let beside = folder.appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: beside.path) ? beside.path : nil
        }
        config.themeSource = try themeFile("file", beside: "themes.toml", what: "theme file").map(ThemeSource.file) ?? .builtIn
        config.modelPath = try themeFile("model", beside: "themes.model", what: "theme model")
        config.correctionsPath = try themeFile("corrections", beside: "corrections.tsv", what: "corrections file")

        config.sources = try readSources(root, folder: folder)
        return config
    }

    private static func readSources(_ root: TableReader, folder: URL) throws -> [Source] {
        guard let value = root.table["source"] else { return [] }
        guard let array = value.array else {
            throw root.error("source", "`source` must be written as [[source]] sections",
                fix: "start each source with a line [[source]]")
        }
        var sources: [Source] = []
        var names = Set<String>()
        for index in 0..<array.count {
            guard let table = array[index].table else {
                throw root.error("source", "`source` must be written as [[source]] sections",
                    fix: "start each source with a line [[source]]")
            }
            let t = TableReader(table: table, path: "source[\(index)]", file: root.file, locator: root.locator)
            try t.allowOnly(["name", "url", "language", "theme", "profile", "html", "enabled"])
            if try t.bool("enabled") == false { continue }
            let name = try t.requiredString("name", example: "Le Matin")
            guard names.insert(name.lowercased()).inserted else {
                throw t.error("name", "two sources are named \"\(name)\"", fix: "give each source its own name")
            }
            let rawURL = try t.requiredString("url", example: "https://lematin.ma/rss")
            let url = try resolveSourceURL(rawURL, folder: folder, reader: t)
            var theme: Theme?
            if let id = try t.string("theme") {
                guard let th = Theme(rawValue: id) else {
                    throw t.error("theme", "unknown theme \"\(id)\"",
                        fix: "use one of: \(Theme.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                theme = th
            }
            let profile = try t.string("profile")
            if let profile, !HTMLProfiles.known.contains(profile) {
                throw t.error("profile", "unknown HTML profile \"\(profile)\"",
                    fix: "use one of: \(HTMLProfiles.known.joined(separator: ", ")), or write [source.html] rules")
            }
            var rules: HTMLRules?
            if let html = try t.subtable("html") {
                try html.allowOnly(["item", "title", "link", "date", "summary"])
                rules = HTMLRules(
                    item: try html.requiredString("item", example: "//article"),
                    title: try html.string("title"), link: try html.string("link"),
                    date: try html.string("date"), summary: try html.string("summary"))
                for (key, expression) in [("item", rules?.item), ("title", rules?.title), ("link", rules?.link),
                                          ("date", rules?.date), ("summary", rules?.summary)] {
                    if let expression, !XPathCheck.compiles(expression) {
                        throw html.error(key, "`\(key)` = \"\(expression)\" is not a valid XPath expression",
                            fix: "check brackets and quotes, e.g. item = \"//article\", title = \".//h2\", link = \".//a/@href\"")
                    }
                }
            }
            let language = try t.string("language")
            if let language, !LanguageTag.isWellFormed(language) {
                throw t.error("language", "\"\(language)\" is not a language code",
                    fix: LanguageTag.code(forName: language).map { "write language = \"\($0)\"" }
                        ?? "use an ISO 639 code such as \"fr\", \"ar\", \"en\", \"es\" (a region may follow: \"fr-MA\")")
            }
            sources.append(Source(name: name, url: url, language: language,
                themeHint: theme, html: rules, profile: profile))
        }
        return sources
    }

    /// "http://proxy.example.ma:3128": a scheme libcurl speaks to proxies, a host and a port
    /// (libcurl would guess http:// and port 1080 when they are missing, which is seldom
    /// what was meant).
    private static func proxyAddress(_ raw: String, reader: TableReader) throws -> String {
        let schemes = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"]
        let example = "proxy = \"http://proxy.example.ma:3128\""
        guard let separator = raw.range(of: "://") else {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            throw reader.error("proxy", "`proxy` = \"\(raw)\" has no scheme",
                fix: trimmed.isEmpty ? "give an address, e.g. \(example), or remove the line to use the environment's https_proxy"
                    : "write the scheme the proxy speaks, e.g. proxy = \"http://\(trimmed)\"")
        }
        let scheme = raw[..<separator.lowerBound].lowercased()
        guard schemes.contains(scheme) else {
            throw reader.error("proxy", "`proxy` scheme \"\(scheme)\" is not one libcurl speaks to a proxy",
                fix: "use one of \(schemes.map { "\($0)://" }.joined(separator: ", ")), e.g. \(example)")
        }
        guard let parts = URLComponents(string: raw), let host = parts.host, !host.isEmpty else {
            throw reader.error("proxy", "`proxy` = \"\(raw)\" names no host", fix: "e.g. \(example)")
        }
        guard parts.port != nil else {
            throw reader.error("proxy", "`proxy` = \"\(raw)\" has no port",
                fix: "add the port the proxy listens on, e.g. proxy = \"\(scheme)://\(host):3128\"")
        }
        guard parts.path.isEmpty || parts.path == "/", parts.query == nil else {
            throw reader.error("proxy", "`proxy` = \"\(raw)\" has a path", fix: "give only the scheme, host and port, e.g. \(example)")
        }
        return raw
    }

    /// http(s) and file URLs as they are; a bare path is a file relative to the config.
    private static func resolveSourceURL(_ raw: String, folder: URL, reader: TableReader) throws -> String {
        let lower = raw.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("file://") {
            guard URL(string: raw) != nil else {
                throw reader.error("url", "\"\(raw)\" is not a valid address", fix: "percent-encode spaces and special characters")
            }
            return raw
        }
        if lower.contains("://") {
            throw reader.error("url", "only http, https and file addresses can be fetched",
                fix: "use an https:// address, or a file path relative to the configuration")
        }
        let file = URL(fileURLWithPath: raw, relativeTo: folder).standardizedFileURL
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw reader.error("url", "\"\(raw)\" is neither a web address nor a file (\(file.path) does not exist)",
                fix: raw.contains(".") && !raw.hasPrefix(".") && !raw.hasPrefix("/")
                    ? "write the full address: url = \"https://\(raw)\"" : "check the path, relative to \(folder.path)")
        }
        return file.absoluteString
    }
}

/// Where the theme keyword lists come from.
public enum ThemeSource: Sendable, Hashable {
    /// The lists compiled into revue (a copy of Config/themes.toml).
    case builtIn
    /// A user's file (`[themes] file`, or themes.toml beside the configuration).
    case file(String)
}

extension RevueConfig {
    /// The configured source of that name (in any case), or an error that lists them.
    public func source(named name: String) throws -> Source {
        if let found = sources.first(where: { $0.name.lowercased() == name.lowercased() }) { return found }
        let names = sources.map(\.name)
        let near = names.min { editDistance($0.lowercased(), name.lowercased()) < editDistance($1.lowercased(), name.lowercased()) }
        throw ConfigError(file: path ?? "(built-in defaults)", message: "no source is named \"\(name)\"",
            fix: (near.map { "did you mean \"\($0)\"? " } ?? "") + "sources: \(names.joined(separator: ", "))")
    }

    /// The theme keyword lists; a mistake in a themes file is a configuration error.
    public func loadThemes() throws -> ThemeLexicon {
        switch themeSource {
        case .builtIn:
            return .builtIn
        case .file(let path):
            do {
                return try ThemeLexicon.load(contentsOf: URL(fileURLWithPath: path))
            } catch let error as ThemeLexiconError {
                throw ConfigError(file: error.file, line: error.line, message: error.message, fix: error.fix)
            }
        }
    }

    /// The classifier: keyword lists, model and corrections as configured.
    public func loadClassifier() throws -> ThemeClassifier {
        var model = ThemeModel.builtIn
        if let modelPath {
            do {
                model = try ThemeModel.load(contentsOf: URL(fileURLWithPath: modelPath))
            } catch {
                throw ConfigError(file: modelPath, message: "cannot use the theme model (\(POSIXFailure.reason(error)))",
                    fix: "rebuild it with `revue train`, or remove it to use the built-in model")
            }
        }
        return ThemeClassifier(model: model, lexicon: try loadThemes(), corrections: try loadCorrections())
    }

    /// The newsroom's corrections, or none.
    public func loadCorrections() throws -> ThemeCorrections {
        try correctionsPath.map { try ThemeCorrections.load(contentsOf: URL(fileURLWithPath: $0)) } ?? .none
    }
}
