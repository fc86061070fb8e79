import Foundation

/// From the headlines of all sources to ranked, themed stories. Pure.
public struct StoryAssembly: Sendable {
    public var classifier: ThemeClassifier
    public var clusterer = StoryClusterer()
    public var ranker = Ranker()

    public init(classifier: ThemeClassifier) {
        self.classifier = classifier
    }

    public func stories(from headlines: [SourcedHeadline]) -> [Story] {
        let unique = Self.removingRepeats(headlines)
        let clustered = clusterer.cluster(unique)
        // Each story is classified on its own: use every core.
        let themes = ConcurrentMap.map(clustered) { [classifier] in classifier.classify(story: $0, explain: false).theme }
        let stories = zip(clustered, themes).map { story, theme in
            var themed = story
            themed.theme = theme
            return themed
        }
        return ranker.rank(stories)
    }

    /// Feeds repeat items (several categories, paging): one headline per source and title or link.
    static func removingRepeats(_ headlines: [SourcedHeadline]) -> [SourcedHeadline] {
        // Keys share the headlines' strings (no copy per headline) and compare bytes.
        struct Key: Hashable {
            var source: UTF8Key
            var text: UTF8Key
            var isLink: Bool
        }
        var seen = Set<Key>(minimumCapacity: headlines.count * 2)
        return headlines.filter { h in
            let byTitle = seen.insert(Key(source: UTF8Key(h.source), text: UTF8Key(h.headline.title), isLink: false)).inserted
            let byLink = h.headline.link.map { seen.insert(Key(source: UTF8Key(h.source), text: UTF8Key($0), isLink: true)).inserted } ?? true
            return byTitle && byLink
        }
    }
}
