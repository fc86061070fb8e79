import ArgumentParser
import Foundation
import RevueCore

// Owner: themes. Reads `title` or `title<TAB>url` lines, prints `theme-id<TAB>title`.
struct ClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Print the theme of each headline read on standard input.",
        discussion: """
            Reads one headline per line, `title` or `title<TAB>url`, and prints \
            `theme-id<TAB>title` for each, in order. With --explain, a third column gives \
            the points each theme scored and the keywords behind them, best theme first.
            """
    )

    @OptionGroup var configOptions: ConfigOptions

    @Flag(name: .long, help: "Add a third column saying why each theme was chosen.")
    var explain = false

    func run() async throws {
        let config = try configOptions.load()
        let classifier = try config.loadClassifier()
        var lines: [String] = []
        while let line = readLine() { lines.append(line) }
        let explain = self.explain
        let decided = ConcurrentMap.map(lines) { line -> String in
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            let title = String(parts[0])
            let link = parts.count > 1 ? String(parts[1]) : nil
            let decision = classifier.classify(Headline(title: title, link: link), hint: nil, source: nil, explain: explain)
            return explain
                ? "\(decision.theme.rawValue)\t\(title)\t\(decision.reasons.joined(separator: " | "))\n"
                : "\(decision.theme.rawValue)\t\(title)\n"
        }
        FileHandle.standardOutput.write(Data(decided.joined().utf8))
    }
}
