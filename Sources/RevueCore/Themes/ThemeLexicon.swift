import Foundation

/// Multilingual keyword lists per theme (Config/themes.toml), ready for matching.
///
/// A term is one or more words matched on word boundaries after folding (case, accents,
/// Arabic letter forms and clitics do not matter). A word ending in `*` matches any word
/// that starts with it ("footbal*"); a word written in capitals ("CAN", "OM") only matches
/// an acronym written in capitals, so the English verb "can" is not the Cup of Nations.
public struct ThemeLexicon: Sendable {
    /// How much each kind of evidence counts.
    public struct Scoring: Sendable, Hashable {
        /// Factor for a term found in the title.
        public var title = 1.0
        /// Added to a title term found in the kicker, the rubric before the first colon
        /// ("Santé : ...", "Espagne : ...").
        public var kicker = 1.0
        /// Factor for a term found in the summary.
        public var summary = 0.5
        /// Factor for a term found among the words of the link's path.
        public var link = 1.0
        /// Factor for a term found in a feed category.
        public var category = 1.0
        /// Added when a link path segment or a category names a section ("/sport/").
        public var section = 3.0
        /// Added to the theme the source is dedicated to.
        public var hint = 2.0

        public init() {}
    }

    /// One keyword or phrase and what it is worth.
    struct Term: Sendable, Hashable {
        struct Word: Sendable, Hashable {
            var text: String
            var isPrefix: Bool
            var requiresCapitals: Bool
        }
        var theme: Theme
        var language: String
        /// As written in the file, for explanations.
        var label: String
        var words: [Word]
        var weight: Double
    }

    var terms: [Term] = []
    /// Section names per theme, as they appear in link paths and feed categories.
    private(set) var sections: [String: Theme] = [:]
    private let sectionMemo = ShardedCache<Theme?>(shards: 4, limit: 4096)
    public var scoring = Scoring()

    /// Terms by their first word (exact words), and by the first three letters of a prefix.
    private var exactIndex: [String: [Int]] = [:]
    private var prefixIndex: [String: [Int]] = [:]

    /// An empty lexicon: every headline is `autre` unless its source has a theme hint.
    public init() {}

    init(terms: [Term], sections: [String: Theme], scoring: Scoring) {
        self.terms = terms
        self.sections = sections
        self.scoring = scoring
        for (position, term) in terms.enumerated() {
            guard let first = term.words.first else { continue }
            if first.isPrefix {
                prefixIndex[String(first.text.prefix(Self.prefixKeyLength)), default: []].append(position)
            } else {
                exactIndex[first.text, default: []].append(position)
            }
        }
    }

    /// Prefix words must be at least this long: shorter ones would match too much.
    static let prefixKeyLength = 3

    /// The lexicon shipped with revue (the same text as Config/themes.toml).
    public static let builtIn: ThemeLexicon =
        (try? ThemeLexicon(parsing: DefaultLexicon.toml, file: "built-in themes.toml")) ?? ThemeLexicon()

    /// Loads a lexicon file; errors name the file, the line and the fix.
    public static func load(contentsOf url: URL) throws -> ThemeLexicon {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ThemeLexiconError(file: url.path, line: nil, message: "cannot be read as UTF-8 text (\(POSIXFailure.reason(error)))",
                fix: "check the path given for the themes file")
        }
        return try ThemeLexicon(parsing: text, file: url.path)
    }

    /// Number of terms, for diagnostics and tests.
    public var termCount: Int { terms.count }

    // MARK: - Matching

    /// A term found in a run of tokens.
    struct Match: Hashable {
        var term: Int
        var start: Int
        var length: Int

        /// The matched words as the headline wrote them ("Lions de l'Atlas").
        func words(of tokens: [FoldedToken], in scalars: [Unicode.Scalar]) -> String {
            let end = min(start + length, tokens.count)
            guard start < end else { return "" }
            let range = tokens[start].scalarRange.lowerBound..<tokens[end - 1].scalarRange.upperBound
            guard range.lowerBound >= 0, range.upperBound <= scalars.count else {
                return tokens[start..<end].map(\.raw).joined(separator: " ")
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return String(view)
        }
    }

    /// The terms found in `tokens`, left to right. Where terms overlap, the longest ones
    /// starting first win ("Coupe d'Afrique des Nations" hides "Afrique"); terms of the
    /// same length at the same place all count, one per theme (the heaviest).
    func matches(in tokens: [FoldedToken]) -> [Match] {
        var found: [Match] = []
        var position = 0
        while position < tokens.count {
            var longest = 0
            var best: [Theme: Int] = [:]
            for variant in tokens[position].variants {
                // Folded words hold no combining marks: scalars are characters here.
                let prefix = variant.unicodeScalars.prefix(Self.prefixKeyLength)
                let byPrefix = prefix.count == Self.prefixKeyLength
                    ? prefixIndex[String(String.UnicodeScalarView(prefix))] ?? [] : []
                for candidate in (exactIndex[variant] ?? []) + byPrefix {
                    let term = terms[candidate]
                    guard term.words.count >= longest, matchesTerm(candidate, tokens, at: position) else { continue }
                    if term.words.count > longest {
                        longest = term.words.count
                        best = [:]
                    }
                    if let current = best[term.theme], terms[current].weight >= term.weight { continue }
                    best[term.theme] = candidate
                }
            }
            if longest == 0 {
                position += 1
                continue
            }
            for candidate in best.values.sorted() {
                found.append(Match(term: candidate, start: position, length: longest))
            }
            position += longest
        }
        return found
    }

    private func matchesTerm(_ termIndex: Int, _ tokens: [FoldedToken], at start: Int) -> Bool {
        let words = terms[termIndex].words
        guard start + words.count <= tokens.count else { return false }
        for (offset, word) in words.enumerated() {
            let token = tokens[start + offset]
            if word.requiresCapitals && !token.isUpperCase { return false }
            let hit = token.variants.contains { variant in
                word.isPrefix ? variant.hasPrefix(word.text) : variant == word.text
            }
            if !hit { return false }
        }
        return true
    }

    /// The theme a link path segment or a feed category names, if any ("sport", "monde").
    func section(named text: String) -> Theme? {
        sections[TextFolding.fold(text)]
    }

    /// `section(named:)` for feed categories and link path words, remembered per lexicon:
    /// feeds repeat the same few under every item.
    func cachedSection(named text: String) -> Theme? {
        sectionMemo.value(for: text) { section(named: text) }
    }
}
