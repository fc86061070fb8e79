import Foundation

// STUB (owner: stories). Interface the pipeline relies on.

/// Orders stories: more sources first, then the most recent.
public struct Ranker: Sendable {
    public init() {}

    public func rank(_ stories: [Story]) -> [Story] {
        stories.sorted { a, b in
            if a.sources.count != b.sources.count { return a.sources.count > b.sources.count }
            return (a.published ?? .distantPast) > (b.published ?? .distantPast)
        }
    }
}
