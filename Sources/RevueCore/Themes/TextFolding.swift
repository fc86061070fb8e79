import Synchronization
import Foundation

/// One word of a headline, folded for comparison.
///
/// Folding makes "Médias", "MEDIAS" and "medias" equal, and for Arabic strips the short
/// vowels and unifies the letter forms writers use interchangeably (أ/إ/آ → ا, ة → ه, ى → ي).
struct FoldedToken: Sendable, Hashable {
    /// The word as written, for explanations.
    var raw: String
    /// Where the word is in the text, in Unicode scalars (to quote phrases as written).
    var scalarRange: Range<Int> = 0..<0
    /// Lower-case, accent-free, Arabic-normalised form ("ministre", "حكومه", "833000").
    var text: String
    /// Written in capitals with at least two letters ("CAN", "OM"): acronym terms need this.
    var isUpperCase: Bool
    /// Starts with a capital letter: a hint of a proper noun.
    var isCapitalised: Bool
    /// Digits only (after number canonicalisation).
    var isNumber: Bool
    /// For Arabic words, the forms without the attached conjunction, preposition and
    /// article ("والحكومه" → "الحكومه", "حكومه"); the word itself comes first.
    var variants: [String]
}

/// Tokenising and folding shared by the theme classifier and the story clusterer.
enum TextFolding {
    /// Splits `text` into folded words. Apostrophes and hyphens separate words; digits
    /// joined by "." or "," stay one number, canonicalised so that "833.000" and "833,000"
    /// are the same token, and "3,3" reads "3.3".
    static func tokens(_ text: String) -> [FoldedToken] {
        var result: [FoldedToken] = []
        var word = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func flush() {
            if !word.isEmpty {
                if var token = makeToken(String(word)) {
                    token.scalarRange = (index - word.count)..<index
                    result.append(token)
                }
                word = String.UnicodeScalarView()
            }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if isWordScalar(scalar) {
                word.append(scalar)
            } else if (scalar == "." || scalar == ","), let last = word.last, isDigit(last),
                index + 1 < scalars.count, isDigit(scalars[index + 1]), word.allSatisfy(isDigitOrSeparator)
            {
                // A separator inside a number: keep it, the number is canonicalised below.
                word.append(scalar)
            } else {
                flush()
            }
            index += 1
        }
        flush()
        return result
    }

    /// Whether `text` has at least `count` words, as `tokens` would split it (roughly: a
    /// word that folds to nothing still counts). Without folding anything.
    static func wordCount<Text: StringProtocol>(_ text: Text, atLeast count: Int) -> Bool {
        var words = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isWord = isWordScalar(scalar)
            if isWord && !inWord {
                words += 1
                if words >= count { return true }
            }
            inWord = isWord
        }
        return false
    }

    /// The folded form of a whole string, words joined by single spaces.
    static func fold(_ text: String) -> String {
        tokens(text).map(\.text).joined(separator: " ")
    }

    // MARK: - Words

    /// Folded words, remembered: a day's headlines use a few thousand distinct words many
    /// times over, and folding a non-ASCII word costs a Unicode normalisation.
    private static let remembered = ShardedCache<FoldedToken?>(limit: 100_000)

    private static func makeToken(_ raw: String) -> FoldedToken? {
        remembered.value(for: raw) { foldToken(raw) }
    }

    private static func foldToken(_ raw: String) -> FoldedToken? {
        let letters = raw.unicodeScalars.filter { $0.isASCII ? ("a"..."z").contains($0) || ("A"..."Z").contains($0) : $0.properties.isAlphabetic }
        if letters.isEmpty {
            guard let number = canonicalNumber(raw) else { return nil }
            return FoldedToken(raw: raw, text: number, isUpperCase: false, isCapitalised: false, isNumber: true, variants: [number])
        }
        let isUpper = letters.count >= 2 && letters.allSatisfy(isUppercase)
        let isCapitalised = letters.first.map(isUppercase) ?? false
        let text = foldWord(raw)
        guard !text.isEmpty else { return nil }
        let variants = isArabic(text) ? arabicVariants(text) : [text]
        return FoldedToken(raw: raw, text: text, isUpperCase: isUpper, isCapitalised: isCapitalised, isNumber: false, variants: variants)
    }

    /// Lower case, no diacritics (nor Arabic short vowels), Arabic letter forms unified,
    /// Eastern Arabic digits turned into ASCII.
    static func foldWord(_ raw: String) -> String {
        if raw.utf8.allSatisfy({ $0 < 0x80 }) { return raw.lowercased() }
        var out = String.UnicodeScalarView()
        for scalar in raw.lowercased().unicodeScalars {
            if scalar.isASCII {
                out.append(scalar)
                continue
            }
            // The canonical decomposition, scalar by scalar: the same as decomposing the
            // word, since the reordering of marks that NFD adds does not matter once the
            // marks are dropped.
            for part in decomposition(of: scalar) { appendFolded(part, to: &out) }
        }
        return String(out)
    }

    private static func appendFolded(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return
        default: break
        }
        switch scalar.value {
        case 0x0640: return  // tatweel, a stretching stroke
        case 0x0622, 0x0623, 0x0625, 0x0671: out.append("\u{0627}")  // alef forms
        case 0x0629: out.append("\u{0647}")  // taa marbuta → haa
        case 0x0649: out.append("\u{064A}")  // alef maqsura → yaa
        case 0x0660...0x0669: out.append(Unicode.Scalar(scalar.value - 0x0660 + 0x30)!)
        case 0x06F0...0x06F9: out.append(Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!)
        case 0x0153: out.append("o"); out.append("e")  // œ
        case 0x00E6: out.append("a"); out.append("e")  // æ
        case 0x00DF: out.append("s"); out.append("s")  // ß
        default: out.append(scalar)
        }
    }

    /// Canonical decompositions of the non-ASCII letters of Latin and Arabic text, worked
    /// out once per process: decomposing each word through Foundation cost more than the
    /// rest of reading a day's headlines and theme lists together.
    private static let decompositions: [UInt32: [Unicode.Scalar]] = {
        var table: [UInt32: [Unicode.Scalar]] = [:]
        let ranges: [ClosedRange<UInt32>] = [0x00C0...0x024F, 0x0600...0x06FF, 0x1E00...0x1EFF]
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let parts = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
            if parts != [scalar] { table[value] = parts }
        }
        return table
    }()

    private static func decomposition(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        switch scalar.value {
        case 0x00C0...0x024F, 0x0600...0x06FF, 0x1E00...0x1EFF:
            return decompositions[scalar.value] ?? [scalar]
        case 0x0300...0x036F:
            return [scalar]  // combining marks: nothing to decompose
        default:
            return Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
        }
    }

    /// "833.000" and "833,000" → "833000"; "3,3" → "3.3"; "2025" stays.
    private static func canonicalNumber(_ raw: String) -> String? {
        let groups = raw.split(whereSeparator: { $0 == "." || $0 == "," }).map(String.init)
        guard let first = groups.first, !first.isEmpty else { return nil }
        if groups.count == 1 { return foldWord(first) }
        let isThousands = groups.dropFirst().allSatisfy { $0.count == 3 } && first.count <= 3
        if isThousands { return foldWord(groups.joined()) }
        return foldWord(groups.joined(separator: "."))
    }

    // MARK: - Arabic clitics

    static func isArabic(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }
    }

    /// The word and its forms without the clitics commonly glued to it: a conjunction
    /// (و, ف), then a preposition (ب, ل, ك), then the article (ال; "لل" is ل + ال).
    /// A stripped form must keep at least two letters, so short words stay whole.
    static func arabicVariants(_ word: String) -> [String] {
        var forms = [word]
        var frontier = [word]
        func strip(_ prefixes: [String]) {
            var next: [String] = []
            for form in frontier {
                next.append(form)
                for prefix in prefixes where form.hasPrefix(prefix) {
                    let rest = String(form.dropFirst(prefix.count))
                    if rest.count >= 2, !forms.contains(rest) {
                        forms.append(rest)
                        next.append(rest)
                    }
                }
            }
            frontier = next
        }
        strip(["و", "ف"])
        strip(["ب", "ل", "ك"])
        strip(["ال", "ل"])
        // "للحكومه" is ل + الحكومه with the alef dropped: offer the article form too.
        if let rest = forms.first(where: { $0.hasPrefix("لل") }).map({ String($0.dropFirst(2)) }), rest.count >= 2 {
            let withArticle = "ال" + rest
            if !forms.contains(withArticle) { forms.append(withArticle) }
        }
        return forms
    }

    /// A lexicon word in its matching form: folded, without a leading Arabic article
    /// (the text side offers the article-less variant of every word).
    static func lexiconWord(_ raw: String) -> String {
        let folded = foldWord(raw)
        // Long stems lose the article so that "حكومة" and "الحكومة" both match; short ones
        // keep it ("الكان" must not become "كان", the verb "was").
        if isArabic(folded), folded.hasPrefix("ال"), folded.count - 2 >= 4 { return String(folded.dropFirst(2)) }
        return folded
    }

    // MARK: - Scalar classes

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        // Most headline text is ASCII: answer without the Unicode tables.
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        let props = scalar.properties
        if props.isAlphabetic || props.numericType != nil { return true }
        switch props.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? ("A"..."Z").contains(scalar) : scalar.properties.isUppercase
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || (0x0660...0x0669).contains(scalar.value) || (0x06F0...0x06F9).contains(scalar.value)
    }

    private static func isDigitOrSeparator(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || scalar == "." || scalar == ","
    }
}
