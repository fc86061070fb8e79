import Foundation

/// Orders stories: more sources first, then the most recent, then by title so that the
/// same input always gives the same digest.
public struct Ranker: Sendable {
    public init() {}

    public func rank(_ stories: [Story]) -> [Story] {
        // Source count and date are computed once per story, not once per comparison: a
        // story of the day's big event has hundreds of headlines.
        let keys = stories.map(SortKey.init)
        return stories.indices.sorted { Self.comesFirst(stories[$0], keys[$0], stories[$1], keys[$1]) }.map { stories[$0] }
    }

    /// The "À la une" stories: the `count` stories told by the most sources, taking the
    /// best story of each theme first so that one big event (a cup, a storm) does not fill
    /// the whole front page, then the next best whatever their theme. A story told by a
    /// single source only makes the front page when there are not enough others.
    /// Returned in rank order.
    public func frontPage(_ stories: [Story], count: Int) -> [Story] {
        guard count > 0 else { return [] }
        let ranked = rank(stories)
        let shared = ranked.filter { $0.sources.count > 1 }
        var chosen: [Story] = []
        var chosenIDs = Set<String>()
        var themesUsed = Set<Theme>()
        for story in shared where chosen.count < count && themesUsed.insert(story.theme).inserted {
            chosen.append(story)
            chosenIDs.insert(story.id)
        }
        for story in ranked where chosen.count < count && !chosenIDs.contains(story.id) {
            chosen.append(story)
            chosenIDs.insert(story.id)
        }
        return rank(chosen)
    }

    private struct SortKey {
        var sources: Int
        var published: Date?

        init(_ story: Story) {
            sources = story.sources.count
            published = story.published
        }
    }

    private static func comesFirst(_ a: Story, _ keyA: SortKey, _ b: Story, _ keyB: SortKey) -> Bool {
        if keyA.sources != keyB.sources { return keyA.sources > keyB.sources }
        switch (keyA.published, keyB.published) {
        case let (x?, y?) where x != y: return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        if a.title != b.title { return a.title < b.title }
        return a.id < b.id
    }
}
