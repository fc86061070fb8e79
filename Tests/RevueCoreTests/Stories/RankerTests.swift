import XCTest
@testable import RevueCore

final class RankerTests: XCTestCase {
    private func story(_ id: String, sources: [String], hoursAgo: Double?, theme: Theme = .autre, title: String? = nil) -> Story {
        let now = Date(timeIntervalSince1970: 1_766_469_600)
        let published = hoursAgo.map { now.addingTimeInterval(-$0 * 3600) }
        return Story(id: id, headlines: sources.map {
            SourcedHeadline(source: $0, headline: Headline(title: title ?? "Titre \(id)", published: published))
        }, theme: theme)
    }

    func testMoreSourcesThenRecencyThenTitle() {
        let stories = [
            story("a", sources: ["X"], hoursAgo: 1),
            story("b", sources: ["X", "Y"], hoursAgo: 5),
            story("c", sources: ["X", "X", "X"], hoursAgo: 0.5),  // one distinct source
            story("d", sources: ["X", "Y"], hoursAgo: 2),
            story("e", sources: ["X"], hoursAgo: nil),
            story("f", sources: ["X"], hoursAgo: 1, title: "Avant"),
        ]
        XCTAssertEqual(Ranker().rank(stories).map(\.id), ["d", "b", "c", "f", "a", "e"])
        XCTAssertEqual(Ranker().rank(stories.reversed()).map(\.id), ["d", "b", "c", "f", "a", "e"])
    }

    func testFrontPageSpreadsAcrossThemes() {
        let stories = [
            story("sport1", sources: ["A", "B", "C", "D"], hoursAgo: 1, theme: .sport),
            story("sport2", sources: ["A", "B", "C"], hoursAgo: 1, theme: .sport),
            story("meteo", sources: ["A", "B"], hoursAgo: 1, theme: .meteo),
            story("pol", sources: ["A", "B"], hoursAgo: 2, theme: .politique),
            story("solo", sources: ["A"], hoursAgo: 0, theme: .culture),
        ]
        XCTAssertEqual(Ranker().frontPage(stories, count: 3).map(\.id), ["sport1", "meteo", "pol"])
        XCTAssertEqual(Ranker().frontPage(stories, count: 4).map(\.id), ["sport1", "sport2", "meteo", "pol"])
        XCTAssertEqual(Ranker().frontPage(stories, count: 6).count, 5)
        XCTAssertTrue(Ranker().frontPage(stories, count: 0).isEmpty)
    }
}
