import Foundation

/// What a digest shows, decided once so that the text and the HTML editions agree:
/// which title stands for each story, its sources and time, the retellings in other
/// languages, the front page and the coverage footer. Renderers only lay it out.
struct DigestLayout {
    /// The language the digest is written in; titles in it need no marking.
    static let digestLanguage = "fr"
    /// At most this many stories make the front page ("À la une").
    static let frontPageSize = 5
    /// A story needs this many sources to make the front page.
    static let frontPageMinimumSources = 2

    struct Title {
        var text: String
        /// Primary language subtag ("en", "ar"), if known or evident from the script.
        var language: String?
        var isRightToLeft: Bool
    }

    /// The same story told in another language by another source.
    struct Retelling {
        var title: Title
        var source: String
        var link: String?
    }

    struct Entry {
        var title: Title
        var theme: Theme
        var sources: [String]
        /// "08:15", "hier 18:40"; nil for an undated story.
        var time: String?
        /// An http(s) address, never anything else.
        var link: String?
        var retellings: [Retelling]
    }

    struct Failure {
        var source: String
        var reason: String
        var detail: String?
        /// "20 décembre" when the source already failed on earlier runs.
        var failingSince: String?
    }

    struct Coverage {
        var total: Int
        var read: Int
        var notModified: Int
        var failures: [Failure]
    }

    var title: String
    /// "mardi 23 décembre 2025".
    var dateLine: String
    /// "Articles publiés entre lundi 22 décembre 07:00 et mardi 23 décembre 07:00".
    var windowLine: String
    /// The most widely reported stories, best first. They also appear in their section:
    /// the front page is a table of contents of the big news, not a separate list, so a
    /// reader going straight to "Sport" still finds every sports story there.
    var frontPage: [Entry]
    var sections: [(theme: Theme, entries: [Entry])]
    var storyCount: Int
    var coverage: Coverage
    /// "mardi 23 décembre 2025 à 07:00".
    var generatedLine: String

    init(_ digest: Digest) {
        title = "Revue de presse"
        dateLine = FrenchDate.long(digest.day)
        windowLine = DigestLayout.windowLine(digest)
        // A story without headlines has nothing to show (and no lead to read).
        let stories = digest.stories.filter { !$0.headlines.isEmpty }
        // Each story's entry once: the front page repeats entries of the sections.
        let entries = stories.map { DigestLayout.entry(for: $0, in: digest) }
        frontPage = Array(entries.lazy
            .filter { $0.sources.count >= DigestLayout.frontPageMinimumSources }
            .prefix(DigestLayout.frontPageSize))
        sections = Theme.allCases.compactMap { theme in
            let inTheme = entries.filter { $0.theme == theme }
            return inTheme.isEmpty ? nil : (theme, inTheme)
        }
        storyCount = stories.count
        coverage = DigestLayout.coverage(digest)
        let generated = LocalTime(digest.generatedAt, in: digest.timeZone)
        generatedLine = "\(FrenchDate.long(generated.day)) à \(generated.clock)"
    }

    static func windowLine(_ digest: Digest) -> String {
        let tz = digest.timeZone
        func moment(_ date: Date) -> String {
            let local = LocalTime(date, in: tz)
            return "\(FrenchDate.weekdayDayAndMonth(local.day)) \(local.clock)"
        }
        return "Articles publiés entre \(moment(digest.window.start)) et \(moment(digest.window.end))"
    }

    static func entry(for story: Story, in digest: Digest) -> Entry {
        // A big story is retold by hundreds of feeds in a few dozen distinct titles.
        var known: [UTF8Key: Title] = [:]
        let titles = story.headlines.map { item in
            let key = UTF8Key(item.headline.title + "\u{1}" + (item.headline.language ?? ""))
            if let title = known[key] { return title }
            let title = title(of: item.headline)
            known[key] = title
            return title
        }
        let shown = displayedIndex(titles)
        let link = WebLink.validated(story.headlines[shown].headline.link)
            ?? story.headlines.lazy.compactMap { WebLink.validated($0.headline.link) }.first
        let time = story.published.map {
            FrenchDate.publicationTime($0, digestDay: digest.day, in: digest.timeZone)
        }
        return Entry(
            title: titles[shown], theme: story.theme, sources: story.sources.map(PrintableText.clean),
            time: time, link: link, retellings: retellings(of: story, titles: titles, besides: shown))
    }

    /// Which headline stands for the story: the lead, unless it is declared in another
    /// language and a French one exists (the readers are French first). A Latin-script
    /// headline whose feed does not say its language is taken over a declared foreign
    /// one, as the likelier French.
    static func displayedIndex(_ titles: [Title]) -> Int {
        guard let leadLanguage = titles.first?.language, leadLanguage != digestLanguage else { return 0 }
        return titles.firstIndex { $0.language == digestLanguage }
            ?? titles.firstIndex { $0.language == nil && !$0.isRightToLeft }
            ?? 0
    }

    /// Headlines in a language other than the displayed one, one per distinct title.
    static func retellings(of story: Story, titles: [Title], besides shown: Int) -> [Retelling] {
        let shownLanguage = titles[shown].language
        var seenTitles: Set<String> = [titles[shown].text]
        var result: [Retelling] = []
        for (item, t) in zip(story.headlines, titles) {
            guard let language = t.language, language != shownLanguage,
                !t.text.isEmpty, seenTitles.insert(t.text).inserted
            else { continue }
            result.append(Retelling(title: t, source: PrintableText.clean(item.source), link: WebLink.validated(item.headline.link)))
        }
        return result
    }

    static func title(of headline: Headline) -> Title {
        let text = PrintableText.clean(headline.title)
        let rtl = Script.isRightToLeft(text)
        let declared = headline.language.flatMap(primaryLanguage)
        return Title(text: text, language: declared ?? (rtl ? "ar" : nil), isRightToLeft: rtl)
    }

    /// "fr-MA" -> "fr"; nil for anything that is not a plain language subtag.
    static func primaryLanguage(_ tag: String) -> String? {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        guard (2...3).contains(primary.count), primary.allSatisfy({ $0 >= "a" && $0 <= "z" }) else { return nil }
        return primary
    }

    static func coverage(_ digest: Digest) -> Coverage {
        let reports = digest.coverage
        let failures = reports.filter { $0.status == .failed }.map { report in
            let since = report.failingSince.flatMap { date -> String? in
                let day = LocalTime(date, in: digest.timeZone).day
                guard day < digest.day else { return nil }
                return FrenchDate.dayAndMonth(day, relativeTo: digest.day)
            }
            let detail = report.detail.map(PrintableText.clean).flatMap { $0.isEmpty ? nil : $0 }
            return Failure(
                source: PrintableText.clean(report.name), reason: (report.reason ?? .other).label,
                detail: detail, failingSince: since)
        }
        return Coverage(
            total: reports.count, read: reports.count - failures.count,
            notModified: reports.filter { $0.status == .notModified }.count, failures: failures)
    }
}

extension DigestLayout.Coverage {
    /// "Sources : 23/25 lues, dont 2 inchangées depuis la dernière lecture".
    var summary: String {
        var line = "Sources : \(read)/\(total) lue\(read > 1 ? "s" : "")"
        if notModified > 0 {
            line += ", dont \(notModified) inchangée\(notModified > 1 ? "s" : "") depuis la dernière lecture"
        }
        return line
    }
}

extension DigestLayout.Failure {
    /// "contenu illisible (HTTP 503), en échec depuis le 20 décembre".
    var explanation: String {
        var text = reason
        if let detail { text += " (\(detail))" }
        if let failingSince { text += ", en échec depuis le \(failingSince)" }
        return text
    }
}

/// Feed text made safe to print: one line, no control characters, no bidi overrides.
enum PrintableText {
    enum Kind { case ordinary, space, dropped }

    static func clean(_ text: String) -> String {
        if isClean(text) { return text }
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            switch kind(of: scalar) {
            case .space:
                pendingSpace = !result.isEmpty
            case .dropped:
                continue
            case .ordinary:
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Most titles need no change: say so without building a new string.
    static func isClean(_ text: String) -> Bool {
        var previousWasSpace = true  // a leading space is not clean
        for scalar in text.unicodeScalars {
            switch kind(of: scalar) {
            case .dropped: return false
            case .space:
                if previousWasSpace || scalar != " " { return false }
                previousWasSpace = true
            case .ordinary: previousWasSpace = false
            }
        }
        return !previousWasSpace || text.isEmpty
    }

    /// Controls would garble a terminal; explicit bidi embeddings and overrides could
    /// make a title display as something else than what it says. Unicode properties are
    /// looked up only in the few blocks that hold spaces and controls: they are slow.
    static func kind(of scalar: Unicode.Scalar) -> Kind {
        let value = scalar.value
        if value < 0x80 {
            if value == 0x20 || (0x09...0x0D).contains(value) { return .space }
            return value < 0x20 || value == 0x7F ? .dropped : .ordinary
        }
        if (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) { return .dropped }
        guard value <= 0xA0 || value == 0x1680 || (0x2000...0x205F).contains(value) || value == 0x3000 else {
            return .ordinary
        }
        if scalar.properties.isWhitespace { return .space }
        return scalar.properties.generalCategory == .control ? .dropped : .ordinary
    }
}

/// Writing direction of a text, from its first letter.
enum Script {
    static func isRightToLeft(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            return isRightToLeft(scalar)
        }
        return false
    }

    /// Hebrew, Arabic, Syriac, Thaana, N'Ko and the Arabic presentation forms.
    static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF: true
        default: false
        }
    }
}

/// Only http and https links reach a digest: a `javascript:` or `data:` address from a
/// feed must never become something a reader can click.
enum WebLink {
    static func validated(_ link: String?) -> String? {
        guard let raw = link else { return nil }
        // Feeds often pad links with spaces or tabs; anything else inside is refused below.
        let isPadding = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let start = raw.utf8.firstIndex(where: { !isPadding($0) }),
            let last = raw.utf8.lastIndex(where: { !isPadding($0) })
        else { return nil }
        let link = String(raw[start...last])
        let scheme = String(decoding: link.utf8.prefix(8), as: UTF8.self).lowercased()
        let prefixLength = scheme.hasPrefix("https://") ? 8 : scheme.hasPrefix("http://") ? 7 : 0
        guard prefixLength > 0, link.utf8.count > prefixLength else { return nil }
        let hasForbidden = link.unicodeScalars.contains {
            PrintableText.kind(of: $0) != .ordinary || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\"
        }
        return hasForbidden ? nil : link
    }
}
