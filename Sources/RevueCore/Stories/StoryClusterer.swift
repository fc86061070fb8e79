import Foundation

// STUB (owner: stories). Interface the pipeline relies on.

/// Groups headlines that tell the same story (same normalised link, or near-identical
/// title, also across languages) into stories.
public struct StoryClusterer: Sendable {
    public init() {}

    /// Stories in order of their first headline; every input headline is in exactly one.
    public func cluster(_ items: [SourcedHeadline]) -> [Story] {
        items.enumerated().map { Story(id: "s\($0.offset)", headlines: [$0.element]) }
    }
}
