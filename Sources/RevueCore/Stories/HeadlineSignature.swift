import Foundation

/// What the clusterer compares: a headline reduced to weighted keys.
///
/// Keys are concepts ("~cold" for froid/cold/frío/برد), numbers ("#833000"), names and
/// other content words cut to a short stem so that plural and gender endings do not matter.
/// Stop words are dropped; keys common in this press ("CAN", "2025", "Maroc") weigh little.
struct HeadlineSignature: Sendable {
    /// The title without outlet decorations, folded: equal strings are the same headline.
    var titleKey: String
    var linkKey: String?
    /// The outlet cut the title short ("…"): `titleKey` is then the start of the full one.
    var isTruncated: Bool
    /// Key → weight before batch frequency is applied.
    var keys: [String: Double]
    /// The keys that stand for names of people and places.
    var names: Set<String>

    /// Stems are this many letters: "interpellées" and "interpellés" meet at "interp".
    static let stemLength = 6

    init(_ headline: Headline) {
        self.init(title: headline.title)
        linkKey = LinkKey.key(headline.link)
    }

    /// The signature of a title alone (no link).
    init(title: String) {
        let cleaned = TitleCleaner.clean(title)
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        isTruncated = trimmed.hasSuffix("…") || trimmed.hasSuffix("...")
        let tokens = TextFolding.tokens(cleaned)
        titleKey = tokens.map(\.text).joined(separator: " ")
        linkKey = nil
        (keys, names) = Self.keys(of: tokens)
    }

    /// Signatures of many headlines; the same title, common when outlets syndicate, is
    /// read once.
    static func signatures(of headlines: [Headline]) -> [HeadlineSignature] {
        var byTitle: [String: HeadlineSignature] = [:]
        return headlines.map { headline in
            var signature = byTitle[headline.title] ?? HeadlineSignature(title: headline.title)
            byTitle[headline.title] = signature
            signature.linkKey = LinkKey.key(headline.link)
            return signature
        }
    }

    private static func keys(of tokens: [FoldedToken]) -> ([String: Double], Set<String>) {
        var keys: [String: Double] = [:]
        var names = Set<String>()
        func add(_ key: String, _ weight: Double, isName: Bool = false) {
            var weight = weight
            if StoryVocabulary.genericKeys.contains(key) { weight = min(weight, 0.2) }
            if StoryVocabulary.weakKeys.contains(key) { weight = min(weight, 0.5) }
            keys[key] = max(keys[key] ?? 0, weight)
            if isName { names.insert(key) }
        }
        for (position, token) in tokens.enumerated() {
            if token.isNumber {
                add("#" + number(token, followedBy: position + 1 < tokens.count ? tokens[position + 1] : nil), numberWeight(token))
                continue
            }
            if StoryVocabulary.multipliers[token.text] != nil, position > 0, tokens[position - 1].isNumber { continue }
            if let digits = token.variants.lazy.compactMap({ StoryVocabulary.numberWords[$0] }).first {
                add("#" + digits, 0.7)
                continue
            }
            if StoryVocabulary.stopWords.contains(token.text) || token.text.count < 2 { continue }
            // Capitalised words past the first are most often names: the best evidence
            // across languages.
            let isName = token.isCapitalised && position > 0
            if let concept = StoryVocabulary.concept(of: token) {
                let isKnownName = StoryVocabulary.names[concept] != nil
                add("~" + concept, isName || isKnownName ? 1.5 : 1.0, isName: isKnownName)
            } else {
                // Arabic: the form without clitics is the stem.
                let base = token.variants.min { $0.count < $1.count } ?? token.text
                add(String(base.prefix(stemLength)), isName ? 1.5 : 1.0, isName: isName)
            }
        }
        return (keys, names)
    }

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
