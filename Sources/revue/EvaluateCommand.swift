import ArgumentParser
import Foundation
import RevueCore

// Owner: themes and stories. Prints how well revue files and groups real headlines it
// was not trained on.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure themes and story grouping on the held-out parts of the corpus.",
        discussion: """
            Themes: accuracy, macro-F1, per-theme F1 and the confusion matrix, on publishers \
            never trained on (across publishers) and on days never trained on (within \
            publishers), from the title alone, with the link, and with the summary. Stories: \
            pair precision and recall, overall, across languages and per language. \
            --cross-validate also trains one model per training publisher, leaving that \
            publisher out, and tests it there.
            """
    )

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: "The corpus folder.")
    var corpus = "Config/corpus"

    @Option(name: .long, help: "Try another story threshold (to choose one on the training days).")
    var storyThreshold: Double?

    @Flag(name: .long, help: "Also train and test one model per publisher of the training part, leaving it out.")
    var crossValidate = false

    func run() async throws {
        let config = try configOptions.load()
        let corpus = try ThemeCorpus.load(folder: URL(fileURLWithPath: self.corpus))
        // Corrections are left out: they may have been written from these very headlines.
        var classifier = try config.loadClassifier()
        classifier.corrections = .none
        var out = "# Themes\n"
        for split in [ThemeCorpus.Split.heldOutPublishers, .heldOutDays] {
            let items = corpus.split(split)
            guard !items.isEmpty else { continue }
            let publishers = Set(items.map(\.publisher)).sorted()
            out += "\n## \(split.rawValue): \(items.count) headlines of \(publishers.joined(separator: ", "))\n"
            for view in ThemeEvaluation.View.allCases {
                out += "\n### \(view.rawValue)\n" + ThemeEvaluation.scores(classifier, on: items, view: view).report() + "\n"
            }
            for language in Set(items.map(\.language)).sorted() {
                let scores = ThemeEvaluation.scores(classifier, on: items.filter { $0.language == language }, view: .title)
                out += String(format: "  %@, title alone: accuracy %.3f, macro-F1 %.3f (%d)\n", language, scores.accuracy, scores.macroF1, scores.total)
            }
        }
        out += storiesReport()
        if crossValidate {
            out += "\n## leaving one training publisher out (title alone / title and link)\n"
            // Publishers with a hundred headlines or more: fewer say little, and each costs a training.
            var sizes: [String: Int] = [:]
            for item in corpus.split(.training) where !item.title.isEmpty { sizes[item.publisher, default: 0] += 1 }
            for publisher in sizes.filter({ $0.value >= 100 }).keys.sorted() {
                var others = corpus
                others.headlines = corpus.headlines.filter { $0.publisher != publisher }
                var fold = classifier
                fold.model = ThemeTrainer(lexicon: classifier.lexicon).train(ThemeEvaluation.trainingExamples(others))
                let items = corpus.headlines.filter { $0.publisher == publisher && !$0.title.isEmpty }
                let title = ThemeEvaluation.scores(fold, on: items, view: .title)
                let link = ThemeEvaluation.scores(fold, on: items, view: .titleAndLink)
                out += String(format: "  %@: %.3f / %.3f, macro-F1 %.3f / %.3f (%d)\n", publisher,
                    title.accuracy, link.accuracy, title.macroF1, link.macroF1, title.total)
            }
        }
        print(out, terminator: "")
    }

    private func storiesReport() -> String {
        guard let stories = try? StoryCorpus.load(folder: URL(fileURLWithPath: corpus).appendingPathComponent("stories")),
            !stories.datasets.isEmpty
        else { return "" }
        var out = "\n# Stories (pairs of headlines of one day: same story in the data, together in revue)\n"
        let clusterer = StoryClusterer(threshold: storyThreshold ?? StoryClusterer().threshold)
        for dataset in stories.datasets {
            let days = Set(dataset.headlines.map(\.day))
            out += "\n## \(dataset.name): \(dataset.headlines.count) headlines, \(days.count) day\(days.count == 1 ? "" : "s")\n"
            for (name, heldOut) in [("training days", false), ("held-out days", true)] {
                let scores = StoryEvaluation.scores(clusterer, on: dataset) { ThemeCorpus.isHeldOutStoryDay($0) == heldOut }
                guard scores.headlines > 0 else { continue }
                out += "### \(name): \(scores.headlines) headlines\n" + StoryEvaluation.report(scores) + "\n"
            }
        }
        return out
    }
}
