import Foundation

/// A quick guess of a headline's language, enough to pick a French lead for a story.
enum LanguageGuess {
    private static let markers: [(language: String, words: Set<String>)] = [
        ("fr", ["le", "les", "des", "du", "et", "a", "au", "aux", "d", "l", "une", "pour", "sur", "dans", "est", "sont",
                "nous", "avec", "qui", "ses", "son", "cette", "apres", "selon"]),
        ("en", ["the", "of", "to", "and", "in", "for", "on", "with", "from", "by", "is", "are", "s", "at", "after", "over"]),
        ("es", ["el", "los", "las", "del", "y", "con", "por", "para", "una", "estamos", "es", "son", "al", "tras", "sus"]),
    ]

    /// "fr", "en", "es", "ar", or nil when nothing tells.
    static func language(of headline: Headline) -> String? {
        if let declared = headline.language?.lowercased().prefix(2), !declared.isEmpty { return String(declared) }
        return language(of: headline.title)
    }

    static func language(of text: String) -> String? {
        if TextFolding.isArabic(text) { return "ar" }
        // Letters only one of the languages writes.
        if text.contains(where: { "ñ¿¡".contains($0) }) { return "es" }
        let words = TextFolding.tokens(text).map(\.text)
        var best: (String, Int)?
        for (language, set) in markers {
            let count = words.filter(set.contains).count
            if count > (best?.1 ?? 0) { best = (language, count) }
        }
        if best == nil, text.contains(where: { "çèêàùœâîôû".contains($0) }) { return "fr" }
        return best?.0
    }
}
