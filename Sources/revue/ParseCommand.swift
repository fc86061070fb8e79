import ArgumentParser
import Foundation
import RevueCore
#if canImport(Glibc)
import Glibc
#endif

// Owner: parsing. Prints one JSON line per file (contract in issue 2).
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse feed or page files and print what revue reads in them.",
        discussion: """
            With --source NAME, reads as the configured source does (its XPath rules or \
            profile, its address for relative links): the files given, or else the source's \
            address, fetched once. The plain output then lists each headline, to try rules.
            """
    )

    @Flag(name: .long, help: "Print one JSON object per file, one per line.")
    var json = false

    @Option(name: .long, help: "The HTTP Content-Type header the file was served with.")
    var contentType: String?

    @Option(name: .long, help: "The address the file was served from (relative links resolve against it).")
    var baseURL: String?

    @Option(name: .long, help: "A ready HTML profile for pages without a feed (\"aggregator\").")
    var profile: String?

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("Read as this source of the configuration does.", valueName: "name"))
    var source: String?

    @Argument(help: "Files to parse (with --source: optional, the source's address is fetched).")
    var files: [String] = []

    func validate() throws {
        if files.isEmpty && source == nil {
            throw ValidationError("give the files to parse, or --source NAME to read a configured source")
        }
    }

    func run() async throws {
        var options = ParseOptions(contentType: contentType, baseURL: baseURL, profile: profile)
        guard let source else {
            if Self.parse(files, json: json, options: options) > 0 { throw ExitCode(1) }
            return
        }
        let configured: Source
        let settings: FetchSettings
        do {
            let config = try configOptions.load()
            configured = try config.source(named: source)
            settings = config.fetch
        } catch let error as ConfigError {
            throw Console(terminal: false).configurationError(error)
        }
        options.htmlRules = configured.html
        options.profile = profile ?? configured.profile
        options.baseURL = baseURL ?? configured.url
        if !files.isEmpty {
            if Self.parse(files, json: json, options: options, listing: true) > 0 { throw ExitCode(1) }
            return
        }
        let fetched = await FetchEngine(settings: settings).fetch(FetchRequest(url: configured.url))
        let response: FetchResponse
        switch fetched {
        case .failure(let error):
            Console(terminal: false).error("revue: \(configured.url): \(error)")
            throw ExitCode(RevueExit.unavailable)
        case .success(let r):
            response = r
        }
        options.contentType = contentType ?? response.contentType
        options.baseURL = baseURL ?? response.effectiveURL
        do {
            let feed = try FeedParser.parse(response.body, options: options)
            writeStandardOutput(json ? feed.jsonLine(path: configured.url) : Array(FeedFileBatch.summary(feed, path: configured.url, listing: true).utf8))
        } catch {
            writeStandardOutput(json ? ParsedFeed.errorLine(path: configured.url, message: "\(error)")
                : Array("\(configured.url): error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Prints each file's line in order; returns how many files failed.
    static func parse(_ files: [String], json: Bool, options: ParseOptions, listing: Bool = false) -> Int {
        if json {
            return FeedFileBatch.parseFiles(files, options: options) { writeStandardOutput($0) }
        }
        return FeedFileBatch.parseSummaries(files, options: options, listing: listing) { writeStandardOutput($0) }
    }
}

/// Writes all bytes to file descriptor 1.
func writeStandardOutput(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(1, buffer.baseAddress! + offset, buffer.count - offset)
            if n <= 0 { return }
            offset += n
        }
    }
}

extension ParseCommand {
    /// `revue parse` over thousands of files without ArgumentParser: its handling of a long
    /// positional list is quadratic (0.1 s for 2,000 paths, seconds for 10,000), paid
    /// before any parsing starts. Returns the exit code, or nil when the arguments are not
    /// the plain form (`parse [--json] [--content-type T] [--base-url U] [--profile P] FILE...`)
    /// and ArgumentParser should handle them (help, errors, anything unusual).
    static func runWithoutArgumentParser(_ arguments: [String]) -> Int32? {
        guard arguments.count > 2, arguments[1] == "parse" else { return nil }
        var json = false
        var options = ParseOptions()
        var files: [String] = []
        var i = 2
        while i < arguments.count {
            let argument = arguments[i]
            switch argument {
            case "--json": json = true
            case "--content-type", "--base-url", "--profile":
                guard i + 1 < arguments.count else { return nil }
                i += 1
                if argument == "--content-type" { options.contentType = arguments[i] }
                else if argument == "--base-url" { options.baseURL = arguments[i] }
                else { options.profile = arguments[i] }
            case "--": files.append(contentsOf: arguments[(i + 1)...]); i = arguments.count; continue
            default:
                if argument.hasPrefix("-") { return nil }
                files.append(argument)
            }
            i += 1
        }
        guard !files.isEmpty else { return nil }
        return parse(files, json: json, options: options) > 0 ? 1 : 0
    }
}
