import ArgumentParser
import Foundation
import RevueCore

// Owner: themes. Reads `title` or `title<TAB>url` lines, prints `theme-id<TAB>title`.
struct ClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Print the theme of each headline read on standard input."
    )

    @OptionGroup var configOptions: ConfigOptions

    @Flag(name: .long, help: "Also print why each theme was chosen.")
    var explain = false

    func run() async throws {
        let config = try configOptions.load()
        let classifier = ThemeClassifier(lexicon: config.themes)
        while let line = readLine() {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            let title = String(parts[0])
            let link = parts.count > 1 ? String(parts[1]) : nil
            let decision = classifier.classify(Headline(title: title, link: link))
            print("\(decision.theme.rawValue)\t\(title)")
        }
    }
}
