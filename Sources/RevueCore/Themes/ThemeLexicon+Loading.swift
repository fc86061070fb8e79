import Foundation
import TOMLKit

/// A themes file that cannot be used: where, what, and how to fix it.
public struct ThemeLexiconError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    public var file: String
    public var line: Int?
    public var message: String
    public var fix: String

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(message); \(fix)"
    }

    public var errorDescription: String? { description }
}

extension ThemeLexicon {
    /// Languages a term list may be filed under; `all` is for names written alike everywhere.
    static let languages = ["fr", "ar", "en", "es", "all"]

    /// Reads the text of a themes file.
    ///
    /// Layout (see Config/themes.toml):
    /// ```toml
    /// base = "built-in"            # optional: add to the built-in lexicon instead of replacing it
    /// [scoring]                    # optional: title, kicker, summary, link, category, section, hint
    /// [sections]                   # section names seen in links and categories
    /// sport = ["sport", "sports", "deportes"]
    /// [sport.fr]                   # theme id, then language
    /// 3 = ["football", "Lions de l'Atlas", "footbal*"]   # weight = [terms]
    /// ```
    /// A term given again later (same theme, same words) replaces the earlier weight;
    /// weight 0 removes it.
    init(parsing text: String, file: String) throws {
        if let mistake = TOMLShape.check(text) {
            throw ThemeLexiconError(file: file, line: mistake.line, message: "not valid TOML: \(mistake.message)",
                fix: "check the quotes, brackets and commas on that line")
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeLexiconError(file: file, line: error.source.begin.line, message: "not valid TOML: \(error.description)",
                fix: "check the quotes, brackets and commas on that line")
        }
        let locate = LineFinder(text: text)
        var terms = TermList()
        var sections: [String: Theme] = [:]
        var scoring = Scoring()

        if let base = root["base"] {
            guard base.string == "built-in" else {
                throw ThemeLexiconError(file: file, line: locate.line(startingWith: "base"), message: "`base` must be \"built-in\"",
                    fix: "write base = \"built-in\" to extend the shipped lexicon, or remove the line to replace it")
            }
            terms = TermList(ThemeLexicon.builtIn.terms)
            sections = ThemeLexicon.builtIn.sections
            scoring = ThemeLexicon.builtIn.scoring
        }

        for (key, value) in root {
            switch key {
            case "base":
                continue
            case "scoring":
                scoring = try Self.readScoring(value, base: scoring, file: file, locate: locate)
            case "sections":
                guard let table = value.table else {
                    throw ThemeLexiconError(file: file, line: locate.line(startingWith: "sections"), message: "`sections` must be a table",
                        fix: "write [sections] followed by lines like sport = [\"sport\", \"sports\"]")
                }
                for (themeName, names) in table {
                    let theme = try Self.theme(named: themeName, file: file, line: locate.line(startingWith: themeName))
                    for name in try Self.strings(names, file: file, line: locate.line(startingWith: themeName), what: "sections.\(themeName)") {
                        sections[TextFolding.fold(name)] = theme
                    }
                }
            default:
                let headerLine = locate.line(startingWith: "[\(key)")
                let theme = try Self.theme(named: key, file: file, line: headerLine ?? locate.line(startingWith: key))
                guard let byLanguage = value.table else {
                    throw ThemeLexiconError(file: file, line: headerLine, message: "theme `\(key)` must be a table of languages",
                        fix: "write [\(key).fr] then lines like 3 = [\"term\", \"other term\"]")
                }
                for (language, byWeight) in byLanguage {
                    let sectionLine = locate.line(startingWith: "[\(key).\(language)]")
                    guard Self.languages.contains(language) else {
                        throw ThemeLexiconError(file: file, line: sectionLine, message: "unknown language `\(language)` in theme `\(key)`",
                            fix: "use one of \(Self.languages.joined(separator: ", "))")
                    }
                    guard let weights = byWeight.table else {
                        throw ThemeLexiconError(file: file, line: sectionLine, message: "`\(key).\(language)` must be a table of weights",
                            fix: "write [\(key).\(language)] then lines like 2 = [\"term\"]")
                    }
                    for (weightText, list) in weights {
                        let line = locate.line(startingWith: weightText, after: sectionLine)
                        guard let weight = Double(weightText), weight.isFinite, abs(weight) <= 100 else {
                            throw ThemeLexiconError(file: file, line: line, message: "`\(weightText)` is not a weight",
                                fix: "keys under [\(key).\(language)] are numbers, e.g. 3 = [\"term\"] (use \"-1\" = [...] for a negative weight)")
                        }
                        for label in try Self.strings(list, file: file, line: line, what: "\(key).\(language).\(weightText)") {
                            let words = try Self.words(of: label, file: file, line: locate.line(containing: "\"\(label)\"") ?? line)
                            terms.set(Term(theme: theme, language: language, label: label, words: words, weight: weight))
                        }
                    }
                }
            }
        }
        self.init(terms: terms.terms, sections: sections, scoring: scoring)
    }

    // MARK: - Pieces

    private static func theme(named name: String, file: String, line: Int?) throws -> Theme {
        guard let theme = Theme(rawValue: name) else {
            throw ThemeLexiconError(file: file, line: line, message: "unknown theme `\(name)`",
                fix: "use one of \(Theme.allCases.map(\.rawValue).joined(separator: ", ")), or scoring, sections, base")
        }
        return theme
    }

    private static func strings(_ value: TOMLValueConvertible, file: String, line: Int?, what: String) throws -> [String] {
        guard let array = value.array else {
            throw ThemeLexiconError(file: file, line: line, message: "`\(what)` must be a list of strings",
                fix: "write it as [\"first\", \"second\"]")
        }
        return try array.map { element in
            guard let string = element.string else {
                throw ThemeLexiconError(file: file, line: line, message: "`\(what)` holds something that is not a string",
                    fix: "put every term in double quotes")
            }
            return string
        }
    }

    /// Splits a term into words the way headlines are split, keeping `*` and capitals.
    static func words(of label: String, file: String, line: @autoclosure () -> Int?) throws -> [Term.Word] {
        var words: [Term.Word] = []
        for piece in label.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let isPrefix = piece.hasSuffix("*")
            let body = isPrefix ? String(piece.dropLast()) : String(piece)
            if body.contains("*") {
                throw ThemeLexiconError(file: file, line: line(), message: "term «\(label)» has a `*` inside a word",
                    fix: "a `*` may only end a word (\"footbal*\")")
            }
            let tokens = TextFolding.tokens(body)
            for (position, token) in tokens.enumerated() {
                let last = position == tokens.count - 1
                var text = TextFolding.lexiconWord(token.text)
                if token.isNumber { text = token.text }
                let prefix = isPrefix && last
                if prefix && text.count < prefixKeyLength {
                    throw ThemeLexiconError(file: file, line: line(), message: "prefix «\(piece)» is too short",
                        fix: "give at least \(prefixKeyLength) letters before the `*`, or write the whole word")
                }
                words.append(Term.Word(text: text, isPrefix: prefix, requiresCapitals: token.isUpperCase))
            }
        }
        if words.isEmpty {
            throw ThemeLexiconError(file: file, line: line(), message: "term «\(label)» has no letters or digits",
                fix: "remove it or write a word")
        }
        return words
    }

    private static func readScoring(_ value: TOMLValueConvertible, base: Scoring, file: String, locate: LineFinder) throws -> Scoring {
        guard let table = value.table else {
            throw ThemeLexiconError(file: file, line: locate.line(startingWith: "scoring"), message: "`scoring` must be a table",
                fix: "write [scoring] followed by lines like title = 1.0")
        }
        var scoring = base
        let fields: [String: WritableKeyPath<Scoring, Double>] = [
            "title": \.title, "kicker": \.kicker, "summary": \.summary, "link": \.link,
            "category": \.category, "section": \.section, "hint": \.hint,
        ]
        for (key, number) in table {
            let line = locate.line(startingWith: key, after: locate.line(startingWith: "[scoring]"))
            guard let path = fields[key] else {
                throw ThemeLexiconError(file: file, line: line, message: "unknown scoring key `\(key)`",
                    fix: "use one of \(fields.keys.sorted().joined(separator: ", "))")
            }
            guard let amount = number.double ?? number.int.map(Double.init) else {
                throw ThemeLexiconError(file: file, line: line, message: "scoring `\(key)` must be a number", fix: "write e.g. \(key) = 1.5")
            }
            scoring[keyPath: path] = amount
        }
        return scoring
    }
}

/// Terms in the order they were written, where writing a term again (same theme, same
/// words) replaces it and weight 0 removes it.
struct TermList {
    private var entries: [ThemeLexicon.Term?] = []
    private var position: [Theme: [[ThemeLexicon.Term.Word]: Int]] = [:]

    init(_ terms: [ThemeLexicon.Term] = []) {
        for term in terms { set(term) }
    }

    mutating func set(_ term: ThemeLexicon.Term) {
        if let existing = position[term.theme]?[term.words] {
            entries[existing] = nil
            position[term.theme]?[term.words] = nil
        }
        guard term.weight != 0 else { return }
        position[term.theme, default: [:]][term.words] = entries.count
        entries.append(term)
    }

    var terms: [ThemeLexicon.Term] { entries.compactMap { $0 } }
}

/// Finds the line a key or term was written on, for error messages (TOMLKit keeps no
/// positions for values that parsed fine but mean nothing to revue).
struct LineFinder {
    private let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The first line (1-based), after line `after` if given, that starts with `prefix`
    /// once blanks and quotes are skipped.
    func line(startingWith prefix: String, after: Int? = nil) -> Int? {
        for (index, line) in lines.enumerated() where index + 1 > (after ?? 0) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\"" }
            if trimmed.hasPrefix(prefix) { return index + 1 }
        }
        return nil
    }

    func line(containing needle: String) -> Int? {
        lines.firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }
}
