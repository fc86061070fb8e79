import Foundation

/// Measures a classifier on corpus headlines it was not trained on.
public enum ThemeEvaluation {
    /// What of a headline the classifier is shown.
    public enum View: String, Sendable, CaseIterable {
        case title = "title alone"
        case titleAndLink = "title and link"
        case everything = "title, link and summary"

        func headline(_ item: CorpusHeadline) -> Headline {
            switch self {
            case .title: Headline(title: item.title)
            case .titleAndLink: Headline(title: item.title, link: item.link)
            case .everything: Headline(title: item.title, link: item.link, summary: item.summary)
            }
        }
    }

    public static func scores(_ classifier: ThemeClassifier, on items: [CorpusHeadline], view: View) -> ThemeScores {
        let guesses = ConcurrentMap.map(items) { classifier.classify(view.headline($0), hint: nil, source: nil, explain: false).theme }
        var scores = ThemeScores()
        for (item, guess) in zip(items, guesses) { scores.add(truth: item.theme, guess: guess) }
        return scores
    }

    /// Training examples from the corpus's training split and the newsroom's corrections:
    /// a link pattern relabels the headlines it matches, a corrected title is learnt as
    /// written (three times: one line of a newsroom outweighs one publisher's filing).
    public static func trainingExamples(_ corpus: ThemeCorpus, corrections: ThemeCorrections = .none) -> [LabelledEvidence] {
        var examples: [LabelledEvidence] = corpus.split(.training).map { item in
            let corrected = corrections.correction(for: Headline(title: item.title, link: item.link), source: nil)?.theme
            return LabelledEvidence(item.trainingEvidence, theme: corrected ?? item.theme)
        }
        for correction in corrections.corrections {
            if case .title(let folded) = correction.rule {
                examples += Array(repeating: LabelledEvidence(ThemeEvidence(title: folded), theme: correction.theme), count: 3)
            }
        }
        return examples
    }
}
