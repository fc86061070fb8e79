import Foundation

/// Today's stories as they will be if every source answers "not modified": then today's
/// input is exactly what was remembered of each source, and it can be grouped while the
/// network works instead of after it.
///
/// The run starts this only when every source has validators (a source without them
/// cannot answer 304), cancels it at the first other answer, and uses its result only
/// when every answer was a 304. Grouping is a pure function of the selected headlines, so
/// the result is the one the run would have computed: the same digest, sooner.
struct ExpectedStories: Sendable {
    /// How many headlines were grouped (for `--timings`).
    var headlineCount: Int
    var stories: [Story]

    /// Nil when cancelled. The remembered undated headlines were first seen by earlier
    /// runs, so their first sightings are only read.
    static func group(
        _ sources: [Source], store: StateStore, window: DateInterval, firstSeen now: Date,
        classifier: Task<ThemeClassifier, Error>
    ) async throws -> ExpectedStories? {
        var headlines = DayHeadlines(sources: sources.count, window: window)
        for (index, source) in sources.enumerated() {
            if Task.isCancelled { return nil }
            headlines.set(try store.memory(of: source.url)?.items ?? [], ofSource: index)
        }
        let todays = try headlines.takeToday(sources, state: store, firstSeen: now)
        let classifier = try await classifier.value
        if Task.isCancelled { return nil }
        return ExpectedStories(headlineCount: todays.count, stories: StoryAssembly(classifier: classifier).stories(from: todays))
    }
}
