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
        let failures: Int
        if json {
            failures = FeedFileBatch.parseFiles(files, options: options) { writeStandardOutput($0) }
        } else {
            failures = FeedFileBatch.parseSummaries(files, options: options) { writeStandardOutput($0) }
        }
        if failures > 0 { throw ExitCode(1) }
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
