import ArgumentParser
import Foundation
import RevueCore

/// `revue check`: is the configuration right, and (with --fetch) does each source answer
/// with headlines? Nothing is written, the state is not touched.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the configuration and the themes without fetching; with --fetch, try each source once.",
        discussion: """
            Exit codes: 0 all is well, 69 (with --fetch) a source could not be read, \
            78 configuration error (file, line and fix on stderr).
            """
    )

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("Check the sources of this OPML file instead of the config's.", valueName: "file"))
    var opml: String?

    @Flag(name: .long, help: "Fetch and read each source once and report what it gives.")
    var fetch = false

    func run() async throws {
        let config: RevueConfig
        do {
            var loaded = try configOptions.load()
            if let opml { loaded.sources = try OPMLReader.sources(contentsOf: opml) }
            config = loaded
            _ = try config.loadClassifier()
        } catch let error as ConfigError {
            throw Console(terminal: false).configurationError(error)
        }
        var out = ["\(config.path ?? "built-in defaults"): \(config.sources.count) sources, "
            + "digest in \(config.outputDirectory) at \(config.morningHour):00 \(config.timeZone.identifier), "
            + "themes: \(config.modelPath ?? "built-in model"), keyword lists \(themeLists(config.themeSource)), "
            + "corrections \(config.correctionsPath ?? "none")"]
        guard fetch else {
            print(out.joined(separator: "\n"))
            return
        }
        let now = Date()
        let results = await FetchEngine(settings: config.fetch).fetchAll(config.sources.map { FetchRequest(url: $0.url) })
        var failed = 0
        let width = config.sources.map(\.name.count).max() ?? 0
        for (source, result) in zip(config.sources, results) {
            let name = source.name.padding(toLength: width, withPad: " ", startingAt: 0)
            switch SourceAnswer.from(result, source: source, now: now) {
            case .items(let items, _, _):
                let newest = items.compactMap(\.published).max().map { " (newest \(DateParser.iso8601($0)))" } ?? " (undated)"
                out.append("✓ \(name)  \(items.count) headlines\(newest)")
            case .notModified:
                out.append("✓ \(name)  not modified")
            case .failed(let reason, let detail):
                failed += 1
                out.append("✗ \(name)  \(reason.rawValue): \(detail)")
            }
        }
        out.append("\(config.sources.count - failed) of \(config.sources.count) sources read")
        print(out.joined(separator: "\n"))
        if failed > 0 { throw ExitCode(RevueExit.unavailable) }
    }
}

private func themeLists(_ source: ThemeSource) -> String {
    switch source {
    case .builtIn: return "built-in"
    case .file(let path): return path
    }
}
