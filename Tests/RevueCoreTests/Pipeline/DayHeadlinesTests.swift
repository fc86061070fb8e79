import XCTest
@testable import RevueCore

/// The day's headlines as the run collects them: window, repeats, lean copies.
final class DayHeadlinesTests: XCTestCase {
    private let window = DateInterval(start: Date(timeIntervalSince1970: 1_000_000), duration: 24 * 3600)
    private var inside: Date { window.start.addingTimeInterval(3600) }

    private func source(_ name: String) -> Source {
        Source(name: name, url: "https://\(name).example/rss")
    }

    func testRepeatsWithinASourceGoButTheSameTitleInAnotherSourceStays() {
        var day = DayHeadlines(sources: 2, window: window)
        let a = Headline(title: "Alerte météo", link: "https://a.example/1", published: inside, categories: ["Météo"])
        let again = Headline(title: "Alerte météo", link: "https://a.example/1?page=2", published: inside)
        let sameLink = Headline(title: "Alerte météo (mise à jour)", link: "https://a.example/1", published: inside)
        let other = Headline(title: "Le gouvernement se réunit", link: "https://a.example/2", published: inside)
        day.set([a, again, sameLink, other], ofSource: 0)
        day.set([a], ofSource: 1)
        XCTAssertEqual(day.count, 3)
        let selected = day.takeSelected([source("a"), source("b")], firstSeen: [:])
        XCTAssertEqual(selected.map(\.source), ["a", "a", "b"])
        XCTAssertEqual(selected.map(\.headline.title), ["Alerte météo", "Le gouvernement se réunit", "Alerte météo"])
        XCTAssertEqual(day.count, 0, "taking the selection empties the collection")
    }

    func testOutOfWindowHeadlinesAreDroppedAndUndatedOnesWaitForTheirFirstSighting() {
        var day = DayHeadlines(sources: 1, window: window)
        let old = Headline(title: "Hier", link: "https://a.example/old", published: window.start.addingTimeInterval(-60))
        let undated = Headline(title: "Sans date", link: "https://a.example/undated")
        let unseenUndated = Headline(title: "Sans date ni lien", id: "urn:x:1")
        day.set([old, undated, unseenUndated], ofSource: 0)
        XCTAssertEqual(day.count, 2)
        let keys = day.undatedKeys([source("a")])
        XCTAssertEqual(keys, ["a\u{1}https://a.example/undated", "a\u{1}urn:x:1"])
        // Only the first was seen inside the window.
        let selected = day.takeSelected([source("a")], firstSeen: [keys[0]: inside, keys[1]: window.end])
        XCTAssertEqual(selected.map(\.headline.title), ["Sans date"])
    }

    func testKeptCopiesDropTheIdWhenThereIsALink() {
        var day = DayHeadlines(sources: 1, window: window)
        day.set([Headline(title: "T", link: "https://a.example/t", id: "urn:t", published: inside, categories: ["Sport", "Maroc"])],
                ofSource: 0)
        let kept = day.takeSelected([source("a")], firstSeen: [:])[0].headline
        XCTAssertNil(kept.id)
        XCTAssertEqual(kept.categories, ["Sport", "Maroc"])
        XCTAssertEqual(kept.link, "https://a.example/t")
    }

    func testInternedStringsAreEqualToTheOriginals() {
        var interner = StringInterner()
        let first = interner.intern("Santé : les infirmiers en grève")
        let second = interner.intern(String("Santé : les infirmiers en grève".reversed().reversed()))
        XCTAssertEqual(first, second)
        XCTAssertEqual(interner.intern(["Sport", "Maroc"]), ["Sport", "Maroc"])
        XCTAssertEqual(interner.intern(["Sport", "Maroc"]), ["Sport", "Maroc"])
        XCTAssertEqual(interner.intern(["Sport\u{1}Maroc"]), ["Sport\u{1}Maroc"])
    }
}
