import Foundation

/// The theme chosen for a headline, and why.
public struct ThemeDecision: Sendable, Hashable {
    public var theme: Theme
    /// Human-readable reasons, strongest theme first
    /// ("sport +5: «CAN 2025» in title +2; «Lions de l'Atlas» in title +3").
    public var reasons: [String]
    /// Points per theme that scored; empty when nothing matched.
    public var scores: [Theme: Double]

    public init(theme: Theme, reasons: [String] = [], scores: [Theme: Double] = [:]) {
        self.theme = theme
        self.reasons = reasons
        self.scores = scores
    }
}

/// Chooses a theme from keyword evidence in the title, summary, link, feed categories
/// and the source's own theme.
///
/// Every term found adds its weight to its theme, times a factor for where it was found
/// (the title counts most; the kicker before the first colon, usually a rubric such as
/// "Santé :" or "Espagne :", adds a bonus). The highest score wins, ties go to the theme
/// printed first; nothing found means `autre`.
public struct ThemeClassifier: Sendable {
    public var lexicon: ThemeLexicon

    public init(lexicon: ThemeLexicon = .builtIn) {
        self.lexicon = lexicon
    }

    public func classify(_ headline: Headline, hint: Theme? = nil) -> ThemeDecision {
        classify(headline, hint: hint, explain: true)
    }

    /// Without `explain`, only the scores are computed: the digest needs no reasons, and
    /// building them costs more than the matching.
    func classify(_ headline: Headline, hint: Theme?, explain: Bool) -> ThemeDecision {
        var tally = Tally(explain: explain)
        let scoring = lexicon.scoring

        let title = TextFolding.tokens(headline.title)
        let kickerEnd = Self.kickerLength(of: headline.title, tokens: title)
        var rubricThemes = Set<Theme>()
        // The title as written, to quote matched words: only for explanations.
        let titleScalars = explain ? Array(headline.title.unicodeScalars) : []
        for match in lexicon.matches(in: title) {
            let term = lexicon.terms[match.term]
            // The rubric names the theme once, however many of its words match.
            let inKicker = kickerEnd.map { match.start < $0 } ?? false
            let bonus = inKicker && rubricThemes.insert(term.theme).inserted ? scoring.kicker : 0
            tally.add(term, term.weight * scoring.title + bonus, found: match.words(of: title, in: titleScalars),
                where: inKicker ? "kicker" : "title")
        }
        if !headline.summary.isEmpty {
            tally.addOnce(lexicon, headline.summary, factor: scoring.summary, where: "summary")
        }
        let linkWords = Self.pathWords(of: headline.link)
        for word in linkWords {
            if let theme = lexicon.cachedSection(named: word) {
                tally.add(theme, scoring.section, "link section «\(word)»")
            }
        }
        if !linkWords.isEmpty {
            tally.addOnce(lexicon, linkWords.joined(separator: " "), factor: scoring.link, where: "link")
        }
        for category in headline.categories {
            if let theme = lexicon.cachedSection(named: category) {
                tally.add(theme, scoring.section, "category «\(category)»")
            } else {
                tally.addOnce(lexicon, category, factor: scoring.category, where: "category")
            }
        }
        if let hint, hint != .autre {
            tally.add(hint, scoring.hint, "source theme")
        }
        return tally.decision()
    }

    /// The theme of a story: the scores of all its headlines added up, so that a story told
    /// by five sources is judged on all five titles; ties go to the lead's own theme.
    /// How many distinct titles of a story are weighed for its theme.
    static let storyEvidenceLimit = 12

    public func classify(story: Story, explain: Bool = true) -> ThemeDecision {
        var total: [Theme: Double] = [:]
        var leadDecision: ThemeDecision?
        // The evidence saturates: a story is judged on its first distinct titles, lead first,
        // so that a story retold by two hundred feeds costs no more than one retold by twelve.
        var seenTitles = Set<String>()
        for item in story.headlines where seenTitles.count < Self.storyEvidenceLimit {
            guard seenTitles.insert(item.headline.title).inserted else { continue }
            let decision = classify(item.headline, hint: item.themeHint, explain: explain && leadDecision == nil)
            if leadDecision == nil { leadDecision = decision }
            for (theme, score) in decision.scores { total[theme, default: 0] += score }
        }
        guard let lead = leadDecision, let best = total.values.max(), best > 0 else {
            return leadDecision ?? ThemeDecision(theme: .autre)
        }
        let winners = total.filter { $0.value == best }.map(\.key)
        let theme = winners.contains(lead.theme) ? lead.theme : (winners.min() ?? .autre)
        guard explain else { return ThemeDecision(theme: theme, scores: total) }
        let summary = total.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key.rawValue) \(Tally.format($0.value))" }.joined(separator: ", ")
        return ThemeDecision(theme: theme, reasons: ["story of \(story.headlines.count) headlines: \(summary)"] + lead.reasons, scores: total)
    }

    // MARK: - Evidence

    /// Number of title tokens before the first " : " (or ": "), when that rubric is short.
    /// `tokens` are the title's (a colon is never inside a word).
    static func kickerLength(of title: String, tokens: [FoldedToken]) -> Int? {
        guard let colon = title.unicodeScalars.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let offset = title.unicodeScalars.distance(from: title.unicodeScalars.startIndex, to: colon)
        let count = tokens.prefix { $0.scalarRange.upperBound <= offset }.count
        return (1...5).contains(count) ? count : nil
    }

    /// The words of a link's path ("/sport/football/can-2025-x.html" → sport, football, can, 2025, x).
    static func pathWords(of link: String?) -> [String] {
        // By hand rather than URLComponents, which is slow on Linux and runs for every headline.
        guard let link, let scheme = link.utf8.firstRange(of: "://".utf8) else { return [] }
        let afterHost = link[scheme.upperBound...]
        guard let slash = afterHost.firstIndex(of: "/") else { return [] }
        let rawPath = afterHost[slash...].prefix { $0 != "?" && $0 != "#" }
        let path = rawPath.contains("%") ? (rawPath.removingPercentEncoding ?? String(rawPath)) : String(rawPath)
        var words: [String] = []
        for segment in path.split(separator: "/") {
            var segment = String(segment)
            if let dot = segment.lastIndex(of: ".") { segment = String(segment[..<dot]) }
            words.append(contentsOf: segment.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init))
        }
        return words.filter { word in word.contains { $0.isLetter } }
    }
}

/// Points per theme, and the pieces of evidence behind them.
private struct Tally {
    /// Whether to keep the evidence for `reasons`.
    let explain: Bool
    private var scores: [Theme: Double] = [:]
    private var evidence: [Theme: [(text: String, points: Double)]] = [:]

    init(explain: Bool) {
        self.explain = explain
    }

    mutating func add(_ term: ThemeLexicon.Term, _ points: Double, found: @autoclosure () -> String, where place: String) {
        let text = explain ? "«\(found())» in \(place)" : ""
        add(term.theme, points, text)
    }

    mutating func add(_ theme: Theme, _ points: Double, _ text: @autoclosure () -> String) {
        guard points != 0 else { return }
        scores[theme, default: 0] += points
        if explain { evidence[theme, default: []].append((text(), points)) }
    }

    /// Adds each distinct term of `matches` once: a summary that repeats a word ten times
    /// is not ten times more about it.
    mutating func addOnce(_ lexicon: ThemeLexicon, _ text: String, factor: Double, where place: String) {
        let tokens = TextFolding.tokens(text)
        let scalars = explain ? Array(text.unicodeScalars) : []
        var seen = Set<Int>()
        for match in lexicon.matches(in: tokens) where seen.insert(match.term).inserted {
            let term = lexicon.terms[match.term]
            add(term, term.weight * factor, found: match.words(of: tokens, in: scalars), where: place)
        }
    }

    func decision() -> ThemeDecision {
        if !explain {
            let best = scores.filter { $0.value > 0 }.min { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
            return ThemeDecision(theme: best?.key ?? .autre, scores: scores)
        }
        let ranked = scores.filter { $0.value > 0 }.sorted { a, b in
            a.value != b.value ? a.value > b.value : a.key < b.key
        }
        guard let best = ranked.first else {
            return ThemeDecision(theme: .autre, reasons: ["autre: no keyword matched"], scores: scores)
        }
        let reasons = ranked.map { theme, score in
            let pieces = (evidence[theme] ?? []).map { "\($0.text) \(Self.signed($0.points))" }
            return "\(theme.rawValue) \(Self.signed(score)): " + pieces.joined(separator: "; ")
        }
        return ThemeDecision(theme: best.key, reasons: reasons, scores: scores)
    }

    static func signed(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + format(value)
    }

    /// "3", "1.5": whole numbers without a decimal point.
    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
