import Foundation

/// The newsroom's own corrections (`Config/corrections.tsv`): a headline, a link pattern or
/// a source, and the theme it belongs to. They win over the model at once, and the next
/// `revue train` learns from them (a corrected headline becomes a training example; a link
/// pattern relabels the corpus's headlines it matches).
///
/// ```
/// # what	value	theme
/// title	Tour de France : Pogačar remporte la 12e étape	sport
/// link	https://www.example.ma/regions/*	societe
/// source	Hespress Sport	sport
/// ```
public struct ThemeCorrections: Sendable, Equatable {
    public enum Rule: Sendable, Equatable {
        /// The headline, compared folded (case, accents and spacing do not matter).
        case title(String)
        /// The article address, `*` standing for any run of characters.
        case link(String)
        /// A configured source's name.
        case source(String)
    }

    public struct Correction: Sendable, Equatable {
        public var rule: Rule
        public var theme: Theme
        /// Where it was written ("Config/corrections.tsv:4"), for explanations.
        public var origin: String
    }

    public var corrections: [Correction]

    public init(_ corrections: [Correction] = []) {
        self.corrections = corrections
    }

    public static let none = ThemeCorrections()

    public static func load(contentsOf url: URL) throws -> ThemeCorrections {
        var corrections: [Correction] = []
        for line in try TabSeparated.lines(of: url) {
            let fields = line.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 3, !fields[1].isEmpty else {
                throw TabSeparated.error(url, line.number, "a correction is three fields separated by tabs",
                    fix: "write `title`, `link` or `source`, a tab, the value, a tab, the theme")
            }
            guard let theme = Theme(rawValue: fields[2]) else {
                throw TabSeparated.error(url, line.number, "unknown theme `\(fields[2])`",
                    fix: "use one of \(Theme.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let rule: Rule
            switch fields[0] {
            case "title": rule = .title(TextFolding.fold(fields[1]))
            case "link": rule = .link(fields[1])
            case "source": rule = .source(fields[1])
            default:
                throw TabSeparated.error(url, line.number, "unknown kind of correction `\(fields[0])`",
                    fix: "the first field is `title`, `link` or `source`")
            }
            corrections.append(Correction(rule: rule, theme: theme, origin: "\(url.lastPathComponent):\(line.number)"))
        }
        return ThemeCorrections(corrections)
    }

    /// The last correction that applies: a later line overrides an earlier one.
    public func correction(for headline: Headline, source: String?) -> Correction? {
        var folded: String?
        return corrections.last { correction in
            switch correction.rule {
            case .title(let title):
                if folded == nil { folded = TextFolding.fold(headline.title) }
                return folded == title
            case .link(let pattern):
                return headline.link.map { Self.matches($0, pattern: pattern) } ?? false
            case .source(let name):
                return source == name
            }
        }
    }

    /// `*` matches any run of characters, everything else itself.
    static func matches(_ text: String, pattern: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return text == pattern }
        guard text.hasPrefix(parts[0]), text.hasSuffix(parts[parts.count - 1]),
            text.count >= parts[0].count + parts[parts.count - 1].count
        else { return false }
        var rest = text.dropFirst(parts[0].count).dropLast(parts[parts.count - 1].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }
}
