import Foundation

/// What one headline says about its theme, as the learned model reads it.
///
/// Every signal a real item carries: the title, the summary, the folders of its link
/// ("/sport/", "/deportes/", "/riyada/"), the words of its slug, the feed's own categories,
/// and the theme the configuration gives a dedicated source.
public struct ThemeEvidence: Sendable, Hashable {
    public var title: String
    public var summary: String
    public var link: String?
    public var categories: [String]
    public var hint: Theme?

    public init(title: String, summary: String = "", link: String? = nil, categories: [String] = [], hint: Theme? = nil) {
        self.title = title
        self.summary = summary
        self.link = link
        self.categories = categories
        self.hint = hint
    }

    public init(_ headline: Headline, hint: Theme? = nil) {
        self.init(title: headline.title, summary: headline.summary, link: headline.link,
            categories: headline.categories, hint: hint)
    }

    /// The same headline with only its title: what the model must also judge alone.
    var titleOnly: ThemeEvidence { ThemeEvidence(title: title) }
}

/// Turns evidence into hashed features, fastText style: each feature is a short string
/// ("w:election", "d:sport"), hashed into one of 2^bits buckets; there is no vocabulary to
/// ship, and a word never seen in training simply weighs nothing.
///
/// Kinds, by their prefix:
/// - `w:` title words (Arabic words also without the clitics glued to them), `b:` pairs of
///   adjacent title words, `g:` four-letter pieces of title words, so that "électorale"
///   shares evidence with "électoral" and Arabic stems with their inflections;
/// - `k:` the theme of a keyword-list term found in the title;
/// - `s:` summary words; `d:` sections: link folders and feed categories, whole and word
///   by word; `u:` the words of the link's slug.
/// The source's theme hint is not a feature: the corpus has none to learn it from, so the
/// classifier weighs it itself.
enum ThemeFeatures {
    /// The summary says more than the title but drifts: its first words are enough.
    static let summaryWordLimit = 40

    /// A text read once: its words, and the keyword-list terms found in them.
    struct ReadText {
        var text: String
        var tokens: [FoldedToken]
        var matches: [ThemeLexicon.Match]

        init(_ text: String, lexicon: ThemeLexicon) {
            self.text = text
            tokens = TextFolding.tokens(text)
            matches = lexicon.matches(in: tokens)
        }
    }

    /// A headline's title and summary read once, for the model's features and the
    /// classifier's keyword scores alike.
    struct Reading {
        var title: ReadText
        var summary: ReadText

        init(_ evidence: ThemeEvidence, lexicon: ThemeLexicon) {
            title = ReadText(evidence.title, lexicon: lexicon)
            summary = ReadText(evidence.summary, lexicon: lexicon)
        }
    }

    /// Calls `emit` with each feature's hash and, if `named`, its text (for explanations).
    static func extract(_ evidence: ThemeEvidence, lexicon: ThemeLexicon, named: Bool, emit: (UInt64, String?) -> Void) {
        extract(evidence, reading: Reading(evidence, lexicon: lexicon), lexicon: lexicon, named: named, emit: emit)
    }

    static func extract(_ evidence: ThemeEvidence, reading read: Reading, lexicon: ThemeLexicon, named: Bool,
        emit: (UInt64, String?) -> Void)
    {
        // Features are hashed as they are made (FNV-1a of the kind and the text's UTF-8),
        // without building their strings unless they are shown.
        func add(_ kind: StaticString, _ text: String, shown: @autoclosure () -> String? = nil) {
            var hash = FNV1a.Running(kind)
            hash.mix(text)
            emit(hash.value, named ? shown() ?? "\(kind)\(text)" : nil)
        }
        let title = read.title.tokens
        var previous: String?
        var scalars: [Unicode.Scalar] = []
        // Function words say nothing of a theme, but a corpus where one language's
        // publisher writes mostly about sport would teach "le" and "de" to mean sport.
        for token in title where !StoryVocabulary.stopWords.contains(token.text) {
            for form in token.variants { add("w:", form) }
            if let previous {
                var hash = FNV1a.Running("b:")
                hash.mix(previous)
                hash.mix(" ")
                hash.mix(token.text)
                emit(hash.value, named ? "b:\(previous) \(token.text)" : nil)
            }
            previous = token.text
            guard !token.isNumber else { continue }
            // Four-scalar pieces of the word padded with "<" and ">", for words of four
            // letters or more.
            scalars.removeAll(keepingCapacity: true)
            scalars.append("<")
            scalars.append(contentsOf: token.text.unicodeScalars)
            scalars.append(">")
            guard scalars.count >= 6 else { continue }
            for start in 0...(scalars.count - 4) {
                var hash = FNV1a.Running("g:")
                for scalar in scalars[start..<(start + 4)] { hash.mix(scalar) }
                emit(hash.value, named ? "g:" + String(String.UnicodeScalarView(scalars[start..<(start + 4)])) : nil)
            }
        }
        // The keyword lists' verdicts, as many times as the term's weight: the model learns
        // from real headlines how far to trust each theme's lists.
        let titleScalars = named ? Array(evidence.title.unicodeScalars) : []
        for match in read.title.matches {
            let term = lexicon.terms[match.term]
            var hash = FNV1a.Running("k:")
            if term.weight <= 0 { hash.mix("-") }
            hash.mix(term.theme.rawValue)
            for _ in 0..<max(1, Int(abs(term.weight).rounded())) {
                emit(hash.value, named ? "k:\(term.weight > 0 ? "" : "-")\(term.theme.rawValue) «\(match.words(of: title, in: titleScalars))»" : nil)
            }
        }
        if !evidence.summary.isEmpty {
            var seen = Set<String>()
            for token in read.summary.tokens.prefix(summaryWordLimit)
            where !StoryVocabulary.stopWords.contains(token.text) && seen.insert(token.text).inserted {
                add("s:", token.text)
            }
        }
        // Link folders and feed categories are both the publisher's sections: one kind.
        let path = LinkPath(evidence.link)
        for section in path.folders + evidence.categories {
            let words = TextFolding.tokens(section).map(\.text)
            if words.count > 1 { add("d:", words.joined(separator: " ")) }
            for word in words { add("d:", word) }
        }
        for word in path.slugWords { add("u:", word) }
    }
}

/// The folders and slug words of a link ("/sport/football/can-2025-x.html" → folders
/// sport, football; slug words can, 2025, x), without Foundation's URL parsing, which is
/// slow on Linux and would run for every headline.
struct LinkPath {
    var folders: [String] = []
    var slugWords: [String] = []

    init(_ link: String?) {
        guard let link, let scheme = link.utf8.firstRange(of: "://".utf8) else { return }
        let afterHost = link[scheme.upperBound...]
        guard let slash = afterHost.firstIndex(of: "/") else { return }
        let rawPath = afterHost[slash...].prefix { $0 != "?" && $0 != "#" }
        let path = rawPath.contains("%") ? (rawPath.removingPercentEncoding ?? String(rawPath)) : String(rawPath)
        var segments = path.split(separator: "/").map(String.init)
        guard let last = segments.popLast() else { return }
        // A trailing "/" means the last segment is a folder too ("/sport/").
        if path.hasSuffix("/") { segments.append(last) } else { slugWords = Self.words(of: last) }
        // Folders that are only digits or ids (dates, article numbers) say nothing of a theme;
        // a long folder is a slug ("/2025/12/23/la-pluie-revient/amp").
        for segment in segments where segment.contains(where: \.isLetter) {
            if segment.count > 30 {
                if slugWords.isEmpty || slugWords == ["amp"] { slugWords = Self.words(of: segment) }
            } else {
                folders.append(segment)
            }
        }
    }

    private static func words(of segment: String) -> [String] {
        var name = Substring(segment)
        if let dot = name.lastIndex(of: "."), name.distance(from: dot, to: name.endIndex) <= 6 { name = name[..<dot] }
        return TextFolding.tokens(String(name)).filter { !$0.isNumber }.map(\.text)
    }
}
