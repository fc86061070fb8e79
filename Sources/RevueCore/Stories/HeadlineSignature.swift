import Foundation

/// What the clusterer compares: a headline reduced to weighted keys.
///
/// Keys are concepts ("~cold" for froid/cold/frío/برد), numbers ("#833000"), names and
/// other content words cut to a short stem so that plural and gender endings do not matter.
/// Stop words are dropped; keys common in this press ("CAN", "2025", "Maroc") weigh little.
struct HeadlineSignature: Sendable {
    /// The title without outlet decorations, folded: equal strings are the same headline.
    var titleKey: String
    /// The outlet cut the title short ("…"): `titleKey` is then the start of the full one.
    var isTruncated: Bool
    /// Key → weight before batch frequency is applied.
    var keys: [String: Double]
    /// The keys that stand for names of people and places.
    var names: Set<String>

    /// Stems are this many letters: "interpellées" and "interpellés" meet at "interp".
    static let stemLength = 6
    /// A skeleton key is a hint, weaker than the word itself.
    static let skeletonWeight = 0.6

    init(title: String) {
        let cleaned = TitleCleaner.clean(title)
        let trimmed = title.trimmedWhitespace
        isTruncated = trimmed.hasSuffix("…") || trimmed.hasSuffix("...")
        let tokens = TextFolding.tokens(cleaned)
        titleKey = tokens.map(\.text).joined(separator: " ")
        (keys, names) = Self.keys(of: tokens)
    }

    /// Signatures of many headlines, on all cores; the same title, common when outlets
    /// syndicate, is read once (and its signature shared).
    static func signatures(of items: [SourcedHeadline]) -> [HeadlineSignature] {
        var titleIndex: [UTF8Key: Int] = [:]
        var titles: [String] = []
        let slots = items.map { item in
            let key = UTF8Key(item.headline.title)
            if let known = titleIndex[key] { return known }
            titleIndex[key] = titles.count
            titles.append(item.headline.title)
            return titles.count - 1
        }
        let byTitle = ConcurrentMap.map(titles) { HeadlineSignature(title: $0) }
        return slots.map { byTitle[$0] }
    }

    private static func keys(of tokens: [FoldedToken]) -> ([String: Double], Set<String>) {
        var keys: [String: Double] = [:]
        var names = Set<String>()
        func add(_ key: String, _ weight: Double, cap: Double = .infinity, isName: Bool = false) {
            let weight = min(weight, cap)
            keys[key] = max(keys[key] ?? 0, weight)
            if isName { names.insert(key) }
        }
        for (position, token) in tokens.enumerated() {
            if token.isNumber {
                let key = "#" + number(token, followedBy: position + 1 < tokens.count ? tokens[position + 1] : nil)
                add(key, numberWeight(token), cap: WordKey.cap(of: key))
                continue
            }
            let word = WordKey.of(token)
            if word.isMultiplier, position > 0, tokens[position - 1].isNumber { continue }
            // Capitalised words past the first are most often names: the best evidence
            // across languages.
            let isName = token.isCapitalised && position > 0
            switch word.role {
            case .none:
                continue
            case .number(let key):
                add(key, 0.7, cap: word.cap)
            case .concept(let key, let isKnownName):
                add(key, isName || isKnownName ? 1.5 : 1.0, cap: word.cap, isName: isKnownName)
            case .stem(let key):
                add(key, isName ? 1.5 : 1.0, cap: word.cap, isName: isName)
                // A name written in the other script meets this one by its consonants;
                // an Arabic word cannot show it is a name, so each long one offers its skeleton.
                if isName || (word.isArabic && token.text.unicodeScalars.count >= 4), let skeleton = word.skeleton {
                    add(skeleton, skeletonWeight, cap: word.cap)
                }
            }
        }
        return (keys, names)
    }

    /// What a folded word gives a signature, worked out once per distinct word of the run
    /// (the vocabulary lookups cost more than the rest of a signature).
    struct WordKey: Sendable {
        enum Role: Sendable {
            /// A stop word or a single letter.
            case none
            /// "deux", "two", "اثنين": "#2".
            case number(String)
            case concept(String, isKnownName: Bool)
            case stem(String)
        }

        var role: Role
        /// The consonant skeleton of a word that is no concept ("@kns" for Akhannouch).
        var skeleton: String?
        var isArabic = false
        /// "mille", "million": part of the number before it.
        var isMultiplier: Bool
        /// Keys common in this press weigh little whatever their position.
        var cap: Double

        private static let remembered = ShardedCache<WordKey>(limit: 50_000)

        static func of(_ token: FoldedToken) -> WordKey {
            remembered.value(for: token.text) { make(token) }
        }

        static func cap(of key: String) -> Double {
            if StoryVocabulary.genericKeys.contains(key) { return 0.2 }
            if StoryVocabulary.weakKeys.contains(key) { return 0.5 }
            return .infinity
        }

        private static func make(_ token: FoldedToken) -> WordKey {
            let isMultiplier = StoryVocabulary.multipliers[token.text] != nil
            func word(_ role: Role, _ key: String) -> WordKey {
                WordKey(role: role, isMultiplier: isMultiplier, cap: cap(of: key))
            }
            if let digits = token.variants.lazy.compactMap({ StoryVocabulary.numberWords[$0] }).first {
                return word(.number("#" + digits), "#" + digits)
            }
            if StoryVocabulary.stopWords.contains(token.text) || token.text.unicodeScalars.count < 2 {
                return WordKey(role: .none, isMultiplier: isMultiplier, cap: .infinity)
            }
            if let concept = StoryVocabulary.concept(of: token) {
                return word(.concept("~" + concept, isKnownName: StoryVocabulary.names[concept] != nil), "~" + concept)
            }
            // Arabic: the form without clitics is the stem.
            let base = token.variants.min { $0.count < $1.count } ?? token.text
            let stem = String(withoutInflection(base).prefix(stemLength))
            var result = word(.stem(stem), stem)
            result.isArabic = TextFolding.isArabic(base)
            result.skeleton = NameSkeleton.key(base).map { "@" + $0 }
            return result
        }
    }

    /// A Latin word without its commonest inflections, so that "tapering", "taper" and
    /// "tapers", or "réformes" and "réforme" meet once cut to a stem; the word keeps at
    /// least four letters.
    static func withoutInflection(_ word: String) -> String {
        guard word.utf8.count > 4, !TextFolding.isArabic(word) else { return word }
        for ending in inflections where word.hasSuffix(ending) && word.count - ending.count >= 4 {
            return String(word.dropLast(ending.count))
        }
        return word
    }

    /// Longest first: plural and verb endings of English, French and Spanish.
    private static let inflections = ["ements", "ement", "ings", "ing", "ions", "ion", "ies", "es", "ed", "s", "e"]

    /// "833" followed by "ألف" is 833000; anything else is the number as folded.
    private static func number(_ token: FoldedToken, followedBy next: FoldedToken?) -> String {
        guard let next, let factor = StoryVocabulary.multipliers[next.text], let value = Double(token.text) else { return token.text }
        let scaled = value * factor
        return scaled == scaled.rounded() && scaled < 1e15 ? String(Int(scaled)) : token.text
    }

    /// Big, precise numbers identify a story (833000, 3.3); small counts and years do not.
    private static func numberWeight(_ token: FoldedToken) -> Double {
        guard let value = Double(token.text) else { return 1 }
        if (1990...2040).contains(value) && !token.text.contains(".") { return 0.2 }
        if token.text.contains(".") || value >= 100 { return 2.0 }
        return 0.7
    }
}
