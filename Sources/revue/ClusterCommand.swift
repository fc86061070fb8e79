import ArgumentParser
import Foundation
import RevueCore

// Owner: stories. Reads `source<TAB>title` lines, prints `story-id<TAB>source<TAB>title`.
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Group headlines read on standard input into stories."
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
        let stories = StoryClusterer().cluster(items)
        var idOf: [Int: String] = [:]
        // Map every input position to its story id, then print in input order.
        var position = 0
        var byHeadline: [SourcedHeadline: [String]] = [:]
        for story in stories { for h in story.headlines { byHeadline[h, default: []].append(story.id) } }
        for item in items {
            let id = byHeadline[item]?.removeFirst() ?? "?"
            idOf[position] = id
            print("\(id)\t\(item.source)\t\(item.headline.title)")
            position += 1
        }
    }
}
