import ArgumentParser
import Foundation
import RevueCore

// Owner: themes. Rebuilds the theme model from the corpus and the newsroom's corrections.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Rebuild the theme model from the labelled corpus and your corrections.",
        discussion: """
            Trains on the training part of the corpus (Config/corpus/: real headlines filed \
            under their publishers' sections, see its README) together with the corrections \
            file, and writes the model beside the configuration (themes.model), where the next \
            run finds it. The same corpus and corrections always give the same model.
            """
    )

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: "The corpus folder.")
    var corpus = "Config/corpus"

    @Option(name: .long, help: "Where to write the model (default: the configured [themes] model, else themes.model beside the configuration).")
    var output: String?

    func run() async throws {
        let config = try configOptions.load()
        let corpus = try ThemeCorpus.load(folder: URL(fileURLWithPath: self.corpus))
        let corrections = try config.loadCorrections()
        let examples = ThemeEvaluation.trainingExamples(corpus, corrections: corrections)
        guard Set(examples.map(\.theme)).count >= 2 else {
            throw ConfigError(file: self.corpus, message: "the corpus has no training headlines of two themes or more",
                fix: "check themes/*.tsv and that sections.tsv maps their sections to themes")
        }
        // Where the next run will look: the configured model, else beside the configuration.
        let beside = config.path.map { URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("themes.model").path }
        guard let destination = output ?? config.modelPath ?? beside else {
            throw ValidationError("no configuration to put the model beside: give --output FILE (and name it with [themes] model = \"FILE\")")
        }
        let model = ThemeTrainer(lexicon: try config.loadThemes()).train(examples)
        try AtomicFile.write([(model.encoded(), destination)])

        var counts: [Theme: Int] = [:]
        for example in examples { counts[example.theme, default: 0] += 1 }
        var report = "trained on \(examples.count) headlines ("
            + Theme.allCases.compactMap { theme in counts[theme].map { "\(theme.rawValue) \($0)" } }.joined(separator: ", ")
            + "), \(corrections.corrections.count) corrections; wrote \(destination)\n"
        if !corpus.unmappedSections.isEmpty {
            report += "sections not in sections.tsv (left out):\n"
            for (section, count) in corpus.unmappedSections.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).prefix(20) {
                report += "  \(section.replacingOccurrences(of: "\t", with: " / "))  \(count)\n"
            }
        }
        FileHandle.standardError.write(Data(report.utf8))
    }
}
