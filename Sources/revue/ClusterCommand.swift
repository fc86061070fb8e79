import ArgumentParser
import Foundation
import RevueCore

// Owner: stories. Reads `source<TAB>title` lines, prints `story-id<TAB>source<TAB>title`.
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Group headlines read on standard input into stories.",
        discussion: """
            Reads one headline per line, `source<TAB>title` (or just `title`), and prints \
            `story-id<TAB>source<TAB>title` for each, in input order. Equal ids mean the same \
            story; ids derive from the story's lead headline, so they are the same on every run.
            """
    )

    @OptionGroup var configOptions: ConfigOptions

    func run() async throws {
        _ = try configOptions.load()
        var items: [SourcedHeadline] = []
        while let line = readLine() {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            let source = parts.count > 1 ? String(parts[0]) : ""
            let title = String(parts.count > 1 ? parts[1] : parts[0])
            items.append(SourcedHeadline(source: source, headline: Headline(title: title)))
        }
        // Equal input lines are interchangeable, so each takes the next id recorded for it.
        var ids: [SourcedHeadline: [String]] = [:]
        for story in StoryClusterer().cluster(items) {
            for headline in story.headlines { ids[headline, default: []].append(story.id) }
        }
        var output = ""
        for item in items {
            var remaining = ids[item] ?? []
            let id = remaining.isEmpty ? "?" : remaining.removeFirst()
            ids[item] = remaining
            output += "\(id)\t\(item.source)\t\(item.headline.title)\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
