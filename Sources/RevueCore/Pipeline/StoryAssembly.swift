import Foundation

/// From the headlines of all sources to ranked, themed stories. Pure.
public struct StoryAssembly: Sendable {
    public var classifier: ThemeClassifier
    public var clusterer = StoryClusterer()
    public var ranker = Ranker()

    public init(classifier: ThemeClassifier) {
        self.classifier = classifier
    }

    /// Stories from the day's headlines, ranked. Repeats within a source are expected to be
    /// gone already (see `DayHeadlines`); any left only make a story's list longer.
    public func stories(from headlines: [SourcedHeadline]) -> [Story] {
        let clustered = clusterer.cluster(headlines)
        // Each story is classified on its own: use every core.
        let themes = ConcurrentMap.map(clustered) { [classifier] in classifier.classify(story: $0, explain: false).theme }
        let stories = zip(clustered, themes).map { story, theme in
            var themed = story
            themed.theme = theme
            return themed
        }
        return ranker.rank(stories)
    }
}
