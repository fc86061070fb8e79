import ArgumentParser
import Foundation
import RevueCore

// Owner: parsing. Prints one JSON line per file (contract in issue 2).
struct ParseCommand: AsyncParsableCommand {
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

    @Argument(help: "Files to parse.")
    var files: [String]

    func run() async throws {
        for path in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let feed = try FeedParser.parse(data, options: ParseOptions(contentType: contentType, baseURL: baseURL))
            print("\(path): \(feed.format.rawValue) \(feed.items.count) items")
        }
    }
}
