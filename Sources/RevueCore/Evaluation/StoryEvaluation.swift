import Foundation

/// A headline of the story corpus: real, with the story it tells as the dataset says.
public struct StoryCorpusHeadline: Sendable, Hashable {
    /// "YYYY-MM-DD", or empty: then the dataset is one batch.
    public var day: String
    public var story: String
    public var language: String
    public var publisher: String
    public var title: String
    /// The dataset's own id of the article, when it has pairs judged different.
    public var id: String
}

/// Real same-story groups (`Config/corpus/stories/*.tsv`: day, story, lang, publisher, url,
/// title, and optionally id) and how revue's grouping compares with them.
///
/// Each day of each dataset is grouped as one morning's batch, from sources and titles
/// only, as `revue cluster` does. Pairs are counted within a day. A dataset whose groups
/// come from pairs judged by people (`NAME.different.tsv` beside it: `id1, id2` judged
/// different) counts only the judged pairs; the others are unknown, not different.
public struct StoryCorpus: Sendable {
    public struct Dataset: Sendable {
        public var name: String
        public var headlines: [StoryCorpusHeadline]
        /// Pairs judged different, when only judged pairs count.
        public var different: Set<[String]>?
    }

    public var datasets: [Dataset]

    public static func load(folder: URL) throws -> StoryCorpus {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".tsv") && !$0.hasSuffix(".different.tsv") }.sorted()
        var datasets: [Dataset] = []
        for file in files {
            let url = folder.appendingPathComponent(file)
            var headlines: [StoryCorpusHeadline] = []
            for line in try TabSeparated.lines(of: url).dropFirst() {
                let f = line.fields
                guard f.count >= 6 else {
                    throw TabSeparated.error(url, line.number, "expected 6 tab-separated fields", fix: "day, story, lang, publisher, url, title")
                }
                guard !f[5].isEmpty else { continue }
                headlines.append(StoryCorpusHeadline(day: f[0], story: f[1], language: f[2], publisher: f[3], title: f[5],
                    id: f.count > 6 ? f[6] : ""))
            }
            let name = String(file.dropLast(4))
            let differentURL = folder.appendingPathComponent(name + ".different.tsv")
            var different: Set<[String]>?
            if FileManager.default.fileExists(atPath: differentURL.path) {
                different = Set(try TabSeparated.lines(of: differentURL).dropFirst().map { Array($0.fields.prefix(2)).sorted() })
            }
            datasets.append(Dataset(name: name, headlines: headlines, different: different))
        }
        return StoryCorpus(datasets: datasets)
    }
}

/// Pair precision and recall of a clusterer on the story corpus.
public enum StoryEvaluation {
    public struct Scores: Sendable {
        public var overall = PairScores()
        public var acrossLanguages = PairScores()
        public var byLanguage: [String: PairScores] = [:]
        public var headlines = 0
    }

    /// Scores on the days `includeDay` accepts (all by default).
    public static func scores(_ clusterer: StoryClusterer, on dataset: StoryCorpus.Dataset,
        includeDay: (String) -> Bool = { _ in true }) -> Scores
    {
        var scores = Scores()
        let days = Dictionary(grouping: dataset.headlines, by: \.day)
        for day in days.keys.sorted() where includeDay(day) {
            let items = days[day]!
            let sourced = items.map { SourcedHeadline(source: $0.publisher, headline: Headline(title: $0.title)) }
            // A headline the grouping lost would be a story of its own.
            var guess = Array(stride(from: -1, through: -items.count, by: -1))
            // Equal (source, title) lines are interchangeable: each takes the next slot.
            var slots: [SourcedHeadline: [Int]] = [:]
            for (index, item) in sourced.enumerated() { slots[item, default: []].append(index) }
            for (storyIndex, story) in clusterer.cluster(sourced).enumerated() {
                for headline in story.headlines {
                    guard var free = slots[headline], !free.isEmpty else { continue }
                    guess[free.removeFirst()] = storyIndex
                    slots[headline] = free
                }
            }
            let truth = items.map(\.story)
            let judged: (Int, Int) -> Bool = { i, j in
                guard let different = dataset.different else { return true }
                return truth[i] == truth[j] || different.contains([items[i].id, items[j].id].sorted())
            }
            scores.headlines += items.count
            scores.overall.add(truth: truth, guess: guess, counting: judged)
            scores.acrossLanguages.add(truth: truth, guess: guess) { i, j in
                items[i].language != items[j].language && judged(i, j)
            }
            for language in Set(items.map(\.language)) {
                scores.byLanguage[language, default: PairScores()].add(truth: truth, guess: guess) { i, j in
                    items[i].language == language && items[j].language == language && judged(i, j)
                }
            }
        }
        return scores
    }

    public static func report(_ scores: Scores, indent: String = "  ") -> String {
        func line(_ name: String, _ s: PairScores) -> String {
            String(format: "%@%@ precision %.3f recall %.3f F1 %.3f (%d pairs same, %d together)", indent,
                name.padding(toLength: 18, withPad: " ", startingAt: 0), s.precision, s.recall, s.f1, s.same, s.together)
        }
        var lines = [line("all pairs", scores.overall), line("across languages", scores.acrossLanguages)]
        for language in scores.byLanguage.keys.sorted() where scores.byLanguage[language]!.same > 0 {
            lines.append(line(language, scores.byLanguage[language]!))
        }
        return lines.joined(separator: "\n")
    }
}
