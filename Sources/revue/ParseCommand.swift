import ArgumentParser
import Foundation
import RevueCore
#if canImport(Glibc)
import Glibc
#endif

// Owner: parsing. Prints one JSON line per file (contract in issue 2).
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse feed or page files and print what revue reads in them."
    )

    @Flag(name: .long, help: "Print one JSON object per file, one per line.")
    var json = false

    @Option(name: .long, help: "The HTTP Content-Type header the file was served with.")
    var contentType: String?

    @Option(name: .long, help: "The address the file was served from (relative links resolve against it).")
    var baseURL: String?

    @Option(name: .long, help: "A ready HTML profile for pages without a feed (\"aggregator\").")
    var profile: String?

    @Argument(help: "Files to parse.")
    var files: [String]

    func run() throws {
        let options = ParseOptions(contentType: contentType, baseURL: baseURL, profile: profile)
        if Self.parse(files, json: json, options: options) > 0 { throw ExitCode(1) }
    }

    /// Prints each file's line in order; returns how many files failed.
    static func parse(_ files: [String], json: Bool, options: ParseOptions) -> Int {
        if json {
            return FeedFileBatch.parseFiles(files, options: options) { writeStandardOutput($0) }
        }
        return FeedFileBatch.parseSummaries(files, options: options) { writeStandardOutput($0) }
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
