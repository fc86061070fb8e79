import Foundation

/// The headlines of the day, collected source by source as the sources are settled.
///
/// A run over thousands of sources holds them all until the stories are grouped, so they
/// are kept lean from the start: only those that may belong to the window, one per source
/// and title or link (feeds repeat items under several categories, or across pages),
/// repeated strings shared, no item id when there is a link.
struct DayHeadlines {
    let window: DateInterval
    private var bySource: [[Headline]]
    private var interner = StringInterner()

    init(sources: Int, window: DateInterval) {
        self.window = window
        bySource = Array(repeating: [], count: sources)
    }

    var count: Int { bySource.reduce(0) { $0 + $1.count } }

    mutating func set(_ items: [Headline], ofSource index: Int) {
        var seenTitles = Set<UTF8Key>()
        var seenLinks = Set<UTF8Key>()
        bySource[index] = items.compactMap { item in
            guard DigestWindow.mayHold(item, window) else { return nil }
            let newTitle = seenTitles.insert(UTF8Key(item.title)).inserted
            let newLink = item.link.map { seenLinks.insert(UTF8Key($0)).inserted } ?? true
            guard newTitle && newLink else { return nil }
            var h = item
            h.title = interner.intern(h.title)
            h.summary = interner.intern(h.summary)
            h.categories = interner.intern(h.categories)
            // The id only names an item that has no link (see `DigestWindow.key`).
            if h.link != nil { h.id = nil }
            return h
        }
    }

    /// First-seen keys of the undated headlines (they count from when they were first seen).
    func undatedKeys(_ sources: [Source]) -> [String] {
        sources.indices.flatMap { i in
            bySource[i].lazy.filter { $0.published == nil }.map { DigestWindow.key(source: sources[i].name, $0) }
        }
    }

    /// The headlines that belong to the window, in source order. Empties the collection:
    /// the day's headlines are not held twice.
    mutating func takeSelected(_ sources: [Source], firstSeen: [String: Date]) -> [SourcedHeadline] {
        var selected: [SourcedHeadline] = []
        selected.reserveCapacity(count)
        for i in sources.indices {
            let items = bySource[i].map { SourcedHeadline(source: sources[i].name, headline: $0, themeHint: sources[i].themeHint) }
            bySource[i] = []
            selected += DigestWindow.select(items, in: window, firstSeen: firstSeen)
        }
        return selected
    }

    /// `takeSelected`, with the first sightings of the undated headlines read from the
    /// state (and recorded, for those seen now for the first time).
    mutating func takeToday(_ sources: [Source], state: StateStore, firstSeen now: Date) throws -> [SourcedHeadline] {
        let firstSeen = try state.firstSeen(undatedKeys(sources), now: now)
        return takeSelected(sources, firstSeen: firstSeen)
    }
}

/// One copy of each distinct string: the same categories under every item of a source,
/// the same wire title retold by a dozen outlets. Serial by design.
struct StringInterner {
    private var strings = Set<UTF8Key>()
    private var lists: [[UTF8Key]: [String]] = [:]

    mutating func intern(_ string: String) -> String {
        guard !string.isEmpty else { return string }
        return strings.insert(UTF8Key(string)).memberAfterInsert.string
    }

    mutating func intern(_ list: [String]) -> [String] {
        guard !list.isEmpty else { return list }
        let key = list.map(UTF8Key.init)
        if let known = lists[key] { return known }
        let shared = list.map { intern($0) }
        lists[key] = shared
        return shared
    }
}
