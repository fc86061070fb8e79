import Foundation

/// The theme chosen for a headline, and why.
public struct ThemeDecision: Sendable, Hashable {
    public var theme: Theme
    /// Human-readable reasons, the deciding one first
    /// ("model sport 0.91: d:sport +2.1, w:match +0.8", "keywords sport +5: «CAN 2025» in title +2").
    public var reasons: [String]
    /// Probability of each theme, in `Theme.allCases` order (one-hot for a correction).
    public var probabilities: [Double]

    public init(theme: Theme, reasons: [String] = [], probabilities: [Double] = []) {
        self.theme = theme
        self.reasons = reasons
        self.probabilities = probabilities
    }
}

/// Chooses a theme for a headline or a story.
///
/// In order:
/// 1. the newsroom's corrections (`ThemeCorrections`) win;
/// 2. the keyword lists win when they are decisive: one piece of evidence worth
///    `keywordOverride` points (a term such as «Lions de l'Atlas», a section named in the
///    link) and no other theme within half of that;
/// 3. otherwise the learned model (`ThemeModel`) decides, the source's theme hint counting
///    as evidence (`hintOdds`);
/// 4. `autre` when the model is unsure of every theme (no probability reaches `autreBelow`).
public struct ThemeClassifier: Sendable {
    public var model: ThemeModel
    public var lexicon: ThemeLexicon
    public var corrections: ThemeCorrections
    /// Keyword points from which the lists override the model: one term that alone says
    /// the theme (weight 3, see Config/themes.toml) or a section named in the link, with no
    /// rival theme within half of that. The lists are precise where they are sure; the model
    /// weighs everything else.
    public var keywordOverride = 3.0
    /// How much likelier a dedicated source makes its own theme.
    public var hintOdds = 4.0
    /// Below this best probability, nothing points anywhere: `autre`.
    public var autreBelow = 0.2

    public init(model: ThemeModel = .builtIn, lexicon: ThemeLexicon = .builtIn, corrections: ThemeCorrections = .none) {
        self.model = model
        self.lexicon = lexicon
        self.corrections = corrections
    }

    public func classify(_ headline: Headline, hint: Theme? = nil, source: String? = nil) -> ThemeDecision {
        classify(headline, hint: hint, source: source, explain: true)
    }

    /// Without `explain`, no reasons are written: the digest needs none, and writing them
    /// costs more than deciding.
    public func classify(_ headline: Headline, hint: Theme?, source: String?, explain: Bool) -> ThemeDecision {
        if let correction = corrections.correction(for: headline, source: source) {
            return Self.corrected(correction)
        }
        let evidence = ThemeEvidence(headline, hint: hint)
        let reading = ThemeFeatures.Reading(evidence, lexicon: lexicon)
        let probabilities = modelProbabilities(evidence, reading: reading)
        let keywords = keywordScores(headline, reading: reading, hint: hint, explain: explain)
        return decide(probabilities: probabilities, keywords: keywords, explain: explain ? { theme, runnerUp in
            let features = model.strongestFeatures(evidence, lexicon: lexicon, for: theme, against: runnerUp)
                .map { "\($0.feature) \(Tally.signed($0.weight))" }.joined(separator: ", ")
            return features.isEmpty ? "no feature known to the model" : features
        } : nil)
    }

    /// The theme of a story: the model's probabilities averaged over its distinct titles
    /// (lead first, at most `storyEvidenceLimit`), the keyword points added up; a correction
    /// of any of its headlines wins.
    public func classify(story: Story, explain: Bool = true) -> ThemeDecision {
        for item in story.headlines {
            if let correction = corrections.correction(for: item.headline, source: item.source) {
                return Self.corrected(correction)
            }
        }
        var seenTitles = Set<String>()
        var probabilities = [Double](repeating: 0, count: Theme.allCases.count)
        var keywords = Tally(explain: explain)
        var modelled = 0
        for item in story.headlines where seenTitles.count < Self.storyEvidenceLimit {
            guard seenTitles.insert(item.headline.title).inserted else { continue }
            let evidence = ThemeEvidence(item.headline, hint: item.themeHint)
            let reading = ThemeFeatures.Reading(evidence, lexicon: lexicon)
            if let headlineProbabilities = modelProbabilities(evidence, reading: reading) {
                for index in probabilities.indices { probabilities[index] += headlineProbabilities[index] }
                modelled += 1
            }
            keywords.merge(keywordScores(item.headline, reading: reading, hint: item.themeHint, explain: explain && seenTitles.count == 1))
        }
        let count = Double(max(1, modelled))
        var decision = decide(probabilities: modelled > 0 ? probabilities.map { $0 / count } : nil, keywords: keywords, explain: explain ? { _, _ in
            "average of \(seenTitles.count) title\(seenTitles.count == 1 ? "" : "s")"
        } : nil)
        if explain { decision.reasons.insert("story of \(story.headlines.count) headlines", at: 0) }
        return decision
    }

    /// How many distinct titles of a story are weighed for its theme: a story retold by two
    /// hundred feeds costs no more than one retold by twelve.
    static let storyEvidenceLimit = 12

    // MARK: - Deciding

    private static func corrected(_ correction: ThemeCorrections.Correction) -> ThemeDecision {
        ThemeDecision(theme: correction.theme, reasons: ["correction \(correction.origin)"],
            probabilities: Theme.allCases.map { $0 == correction.theme ? 1 : 0 })
    }

    /// The model's probabilities, or nil when the headline has no feature at all (an empty
    /// or numbers-only title): the model's priors are no reason for a theme.
    private func modelProbabilities(_ evidence: ThemeEvidence, reading: ThemeFeatures.Reading) -> [Double]? {
        let buckets = model.buckets(of: evidence, reading: reading, lexicon: lexicon)
        guard !buckets.isEmpty else { return nil }
        var logits = model.logits(buckets: buckets)
        if let hint = evidence.hint, let index = Theme.allCases.firstIndex(of: hint) { logits[index] += log(hintOdds) }
        return model.softmax(logits)
    }

    private func decide(probabilities: [Double]?, keywords: Tally, explain: ((Theme, Theme) -> String)?) -> ThemeDecision {
        if let (keywordTheme, points) = keywords.decisive(from: keywordOverride) {
            var reasons: [String] = []
            if explain != nil { reasons.append("keywords decide: \(keywordTheme.rawValue) +\(Tally.format(points))") }
            return finish(keywordTheme, probabilities, reasons, keywords, explain)
        }
        guard let probabilities else {
            return finish(.autre, nil, explain != nil ? ["autre: nothing to read"] : [], keywords, explain)
        }
        let best = zip(Theme.allCases, probabilities).max { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }!
        guard best.1 >= autreBelow else {
            return finish(.autre, probabilities, explain != nil ? ["autre: no theme above \(Tally.format(autreBelow))"] : [], keywords, explain)
        }
        return finish(best.0, probabilities, [], keywords, explain)
    }

    /// The decision with the model's view and the keywords' points as reasons.
    private func finish(_ theme: Theme, _ probabilities: [Double]?, _ reasons: [String], _ keywords: Tally,
        _ explain: ((Theme, Theme) -> String)?) -> ThemeDecision
    {
        var reasons = reasons
        if let explain, let probabilities {
            let ranked = zip(Theme.allCases, probabilities).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            let (best, runnerUp) = (ranked[0], ranked[1])
            // The features for the theme shown (the model's best when the answer is autre)
            // against its strongest rival.
            let shown = theme == .autre ? best.0 : theme
            let against = shown == best.0 ? runnerUp.0 : best.0
            reasons.append("model \(best.0.rawValue) \(String(format: "%.2f", best.1)), then \(runnerUp.0.rawValue) "
                + "\(String(format: "%.2f", runnerUp.1)): \(explain(shown, against))")
        }
        if explain != nil { reasons.append(contentsOf: keywords.reasons()) }
        return ThemeDecision(theme: theme, reasons: reasons, probabilities: probabilities ?? Theme.allCases.map { _ in 0 })
    }

    // MARK: - Keyword evidence

    /// The keyword lists' points per theme: terms in the title (the rubric before a colon
    /// counting extra), the summary, the link's words, the feed's categories, the hint.
    func keywordScores(_ headline: Headline, reading read: ThemeFeatures.Reading, hint: Theme?, explain: Bool) -> Tally {
        var tally = Tally(explain: explain)
        let scoring = lexicon.scoring

        let title = read.title.tokens
        let kickerEnd = Self.kickerLength(of: headline.title, tokens: title)
        var rubricThemes = Set<Theme>()
        // The title as written, to quote matched words: only for explanations.
        let titleScalars = explain ? Array(headline.title.unicodeScalars) : []
        for match in read.title.matches {
            let term = lexicon.terms[match.term]
            // The rubric names the theme once, however many of its words match.
            let inKicker = kickerEnd.map { match.start < $0 } ?? false
            let bonus = inKicker && rubricThemes.insert(term.theme).inserted ? scoring.kicker : 0
            tally.add(term, term.weight * scoring.title + bonus, found: match.words(of: title, in: titleScalars),
                where: inKicker ? "kicker" : "title")
        }
        if !read.summary.text.isEmpty {
            tally.addOnce(lexicon, read.summary, factor: scoring.summary, where: "summary")
        }
        let path = LinkPath(headline.link)
        for word in path.folders.flatMap({ $0.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init) }) {
            if let theme = lexicon.cachedSection(named: word) {
                tally.add(theme, scoring.section, "link section «\(word)»")
            }
        }
        let linkWords = path.folders + path.slugWords
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
        return tally
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
}

/// Points per theme, and the pieces of evidence behind them.
struct Tally {
    /// Whether to keep the evidence for `reasons`.
    let explain: Bool
    /// Points per theme.
    private(set) var scores: [Theme: Double] = [:]
    /// The most points one piece of evidence gave each theme.
    private var strongest: [Theme: Double] = [:]
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
        strongest[theme] = max(strongest[theme] ?? 0, points)
        if explain { evidence[theme, default: []].append((text(), points)) }
    }

    /// Adds each distinct term of `matches` once: a summary that repeats a word ten times
    /// is not ten times more about it.
    mutating func addOnce(_ lexicon: ThemeLexicon, _ text: String, factor: Double, where place: String) {
        addOnce(lexicon, ThemeFeatures.ReadText(text, lexicon: lexicon), factor: factor, where: place)
    }

    mutating func addOnce(_ lexicon: ThemeLexicon, _ read: ThemeFeatures.ReadText, factor: Double, where place: String) {
        let scalars = explain ? Array(read.text.unicodeScalars) : []
        var seen = Set<Int>()
        for match in read.matches where seen.insert(match.term).inserted {
            let term = lexicon.terms[match.term]
            add(term, term.weight * factor, found: match.words(of: read.tokens, in: scalars), where: place)
        }
    }

    mutating func merge(_ other: Tally) {
        for (theme, points) in other.scores { scores[theme, default: 0] += points }
        for (theme, points) in other.strongest { strongest[theme] = max(strongest[theme] ?? 0, points) }
        if explain { for (theme, pieces) in other.evidence { evidence[theme, default: []] += pieces } }
    }

    /// The theme the keywords name beyond doubt: one piece of evidence worth `threshold`
    /// points on its own (a term that alone says the theme, a section named in the link),
    /// and no other theme within half of that. Several weak hints ("France" and "Paris")
    /// do not add up to certainty: the model weighs those.
    func decisive(from threshold: Double) -> (Theme, Double)? {
        let ranked = scores.filter { $0.value > 0 }.sorted { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
        guard let best = ranked.first, (strongest[best.key] ?? 0) >= threshold else { return nil }
        if ranked.count > 1, ranked[1].value > best.value - threshold / 2 { return nil }
        return (best.key, best.value)
    }

    /// "keywords sport +5: «CAN 2025» in title +2; ...", strongest theme first.
    func reasons() -> [String] {
        scores.filter { $0.value > 0 }.sorted { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
            .map { theme, score in
                let pieces = (evidence[theme] ?? []).map { "\($0.text) \(Self.signed($0.points))" }
                return "keywords \(theme.rawValue) \(Self.signed(score)): " + pieces.joined(separator: "; ")
            }
    }

    static func signed(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + format(value)
    }

    /// "3", "1.5": whole numbers without a decimal point.
    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
