/// Guesses the language of a headline among the four of the users' press: French, Arabic,
/// English, Spanish. Feeds declare one language for all their items, but aggregators and
/// bilingual sites mix them ("Cold wave : Nearly 833,000 people..." in a French ticker), and
/// the digest shows the French retelling of a story first.
///
/// Script first (Arabic letters), then function words and letters only one language uses.
/// Returns nil when the text says too little to decide.
public enum LanguageGuess {
    /// The headline's language as the pipeline set it, else a guess from its title.
    static func language(of headline: Headline) -> String? {
        if let declared = headline.language?.lowercased().prefix(2), !declared.isEmpty { return String(declared) }
        return guess(headline.title)
    }

    public static func guess(_ text: String) -> String? {
        var arabic = 0, latin = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0600...0x06FF, 0x0750...0x077F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: arabic += 1
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
            default: break
            }
        }
        if arabic > latin { return "ar" }
        guard latin >= 8 else { return nil }

        var score = ["fr": 0, "en": 0, "es": 0]
        let lower = text.lowercased()
        for word in lower.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "’" }) {
            var w = Substring(word)
            // French elisions: l'accueil, d'être, qu'il.
            if let apostrophe = w.firstIndex(where: { $0 == "'" || $0 == "’" }) {
                let head = w[..<apostrophe]
                if ["l", "d", "qu", "n", "s", "c", "j", "m", "jusqu", "lorsqu"].contains(head) { score["fr"]! += 2 }
                if head.count > 2 { w = head } else { continue }
            }
            if let lang = markers[String(w)] { score[lang]! += 2 }
        }
        for ch in lower {
            switch ch {
            case "è", "ê", "à", "ç", "œ", "û", "ë", "ï", "î", "ô": score["fr"]! += 1
            case "ñ", "¿", "¡", "ó", "ú", "í", "á": score["es"]! += 1
            default: break
            }
        }
        let ranked = score.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard ranked[0].value >= 2, ranked[0].value > ranked[1].value else { return nil }
        return ranked[0].key
    }

    /// Words frequent in one of the three languages and absent from the other two
    /// ("la", "de", "en" are shared by French and Spanish, so they are not here).
    private static let markers: [String: String] = {
        var table: [String: String] = [:]
        let lists: [(String, [String])] = [
            ("fr", ["le", "les", "des", "du", "une", "et", "est", "pour", "dans", "sur", "au", "aux", "avec", "par",
                    "ce", "cette", "qui", "ses", "leur", "leurs", "été", "plus", "pas", "nous", "vous", "sont", "ont",
                    "après", "selon", "lors", "vers", "chez", "sous", "mais", "où", "nouvelle", "nouveau"]),
            ("en", ["the", "of", "and", "to", "in", "for", "on", "with", "by", "is", "are", "from", "at", "as", "its",
                    "his", "her", "their", "this", "that", "will", "after", "over", "new", "says", "said", "be", "has",
                    "have", "was", "were", "we", "people", "against", "about", "into", "up"]),
            ("es", ["el", "los", "las", "del", "y", "por", "para", "con", "su", "sus", "es", "al", "se", "lo",
                    "más", "tras", "según", "una", "como", "sobre", "hasta", "desde", "este", "esta",
                    "estamos", "nuevo", "nueva"]),
        ]
        for (lang, words) in lists { for w in words where table[w] == nil { table[w] = lang } }
        return table
    }()
}
