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
        evidence(text).language
    }

    /// The declared language (the feed's, or the source's in the configuration) unless the
    /// title clearly says otherwise: another script, or at least two marker words of another
    /// language and twice the evidence of the declared one. One "al" in "Bank Al-Maghrib
    /// maintient son taux" does not make a French source's headline Spanish (and a word
    /// joined by a hyphen to the next, "Al-Maghrib", "El-Jadida", is part of a name).
    public static func guess(_ text: String, declared: String?) -> String? {
        guard let declared else { return guess(text) }
        let found = evidence(text)
        // The script settles Arabic either way.
        if declared == "ar", found.latin > found.arabic { return found.language }
        guard let guessed = found.language, guessed != declared else { return declared }
        if guessed == "ar" { return guessed }
        let (other, own) = (found.points(guessed), found.points(declared))
        return other >= 2 * max(own, 1) ? guessed : declared
    }

    /// Points for each language, and the language they decide (nil when the text says too little).
    struct Evidence {
        var arabic = 0, latin = 0
        var fr = 0, en = 0, es = 0

        var language: String? {
            if arabic > latin { return "ar" }
            guard latin >= 8 else { return nil }
            if fr >= 2, fr > en, fr > es { return "fr" }
            if en >= 2, en > fr, en > es { return "en" }
            if es >= 2, es > fr, es > en { return "es" }
            return nil
        }

        func points(_ language: String) -> Int {
            switch language {
            case "fr": fr
            case "en": en
            case "es": es
            default: 0
            }
        }
    }

    static func evidence(_ text: String) -> Evidence {
        // One pass over the scalars, no allocation: it runs for every headline of every feed.
        var arabic = 0, latin = 0
        var fr = 0, en = 0, es = 0
        var hash = fnvOffset
        var length = 0

        func endWord(elided: Bool, hyphenated: Bool = false) {
            defer { hash = fnvOffset; length = 0 }
            guard length > 0, !(hyphenated && nameParticles.contains(hash)) else { return }
            if elided {
                if elisions.contains(hash) { fr += 2 }
                return
            }
            switch markers[hash] {
            case .fr?: fr += 2
            case .en?: en += 2
            case .es?: es += 2
            case nil: break
            }
        }

        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x0600...0x06FF, 0x0750...0x077F, 0xFB50...0xFDFF, 0xFE70...0xFEFF:
                arabic += 1
                endWord(elided: false)
                continue
            case 0x27, 0x2019:  // ' and ’: l'accueil, d'être, Morocco's
                endWord(elided: true)
                continue
            case 0x2D:  // "Al-Maghrib", "El-Jadida": a name, not the Spanish "al", "el"
                endWord(elided: false, hyphenated: true)
                continue
            default:
                break
            }
            let lower: UInt32
            switch v {
            case 0x41...0x5A: lower = v + 0x20
            case 0xC0...0xDE where v != 0xD7: lower = v + 0x20
            case 0x61...0x7A, 0xDF...0x24F: lower = v
            default:
                endWord(elided: false)
                continue
            }
            latin += 1
            switch lower {
            case 0xE8, 0xEA, 0xE0, 0xE7, 0x153, 0xFB, 0xEB, 0xEF, 0xEE, 0xF4: fr += 1  // è ê à ç œ û ë ï î ô
            case 0xF1, 0xF3, 0xFA, 0xED, 0xE1: es += 1  // ñ ó ú í á
            default: break
            }
            hash = (hash ^ UInt64(lower)) &* fnvPrime
            length += 1
        }
        endWord(elided: false)
        return Evidence(arabic: arabic, latin: latin, fr: fr, en: en, es: es)
    }

    private enum Language { case fr, en, es }
    private static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let fnvPrime: UInt64 = 0x100_0000_01b3

    private static func hashOf(_ word: String) -> UInt64 {
        var h = fnvOffset
        for scalar in word.unicodeScalars { h = (h ^ UInt64(scalar.value)) &* fnvPrime }
        return h
    }

    /// "Al-Maghrib", "El-Jadida": before a hyphen these are part of a name.
    private static let nameParticles: Set<UInt64> = Set(["al", "el"].map(hashOf))

    /// French elided words before an apostrophe.
    private static let elisions: Set<UInt64> = Set(["l", "d", "qu", "n", "s", "c", "j", "m", "jusqu", "lorsqu"].map(hashOf))

    /// Words frequent in one of the three languages and absent from the other two
    /// ("la", "de", "en" are shared by French and Spanish, so they are not here).
    private static let markers: [UInt64: Language] = {
        var table: [UInt64: Language] = [:]
        let lists: [(Language, [String])] = [
            (.fr, ["le", "les", "des", "du", "une", "et", "est", "pour", "dans", "sur", "au", "aux", "avec", "par",
                    "ce", "cette", "qui", "ses", "leur", "leurs", "été", "plus", "pas", "nous", "vous", "sont", "ont",
                    "après", "selon", "lors", "vers", "chez", "sous", "mais", "où", "nouvelle", "nouveau"]),
            (.en, ["the", "of", "and", "to", "in", "for", "on", "with", "by", "is", "are", "from", "at", "as", "its",
                    "his", "her", "their", "this", "that", "will", "after", "over", "new", "says", "said", "be", "has",
                    "have", "was", "were", "we", "people", "against", "about", "into", "up"]),
            (.es, ["el", "los", "las", "del", "y", "por", "para", "con", "su", "sus", "es", "al", "se", "lo",
                    "más", "tras", "según", "una", "como", "sobre", "hasta", "desde", "este", "esta",
                    "estamos", "nuevo", "nueva"]),
        ]
        for (lang, words) in lists { for w in words where table[hashOf(w)] == nil { table[hashOf(w)] = lang } }
        return table
    }()
}
