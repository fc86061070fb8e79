import Foundation

/// A real headline of the corpus, filed by its publisher under one of its sections.
public struct CorpusHeadline: Sendable, Hashable {
    public var language: String
    public var publisher: String
    /// "YYYY-MM-DD", or empty when the data has no date.
    public var day: String
    /// The publisher's own section, as found (a link folder, a feed category).
    public var section: String
    public var link: String?
    /// The headline; empty for the rows of datasets that keep only an article's first
    /// sentence (then in `summary`), which teach words but are no headlines to measure on.
    public var title: String
    public var summary: String
    /// The section's theme, through the corpus's section table.
    public var theme: Theme

    /// What the model learns from: everything the item carries; the section is also a
    /// category when the link does not show it (the publisher's categories are sections).
    var trainingEvidence: ThemeEvidence {
        if title.isEmpty { return ThemeEvidence(title: summary) }
        let sectionInLink = LinkPath(link).folders.contains { TextFolding.fold($0) == TextFolding.fold(section) }
        return ThemeEvidence(title: title, summary: summary, link: link, categories: sectionInLink ? [] : [section])
    }
}

/// The labelled headlines in `Config/corpus/` and how they are split.
///
/// Layout (see `Config/corpus/README.md`):
/// - `themes/*.tsv`: `lang, publisher, date, section, url, title, summary`, with a header;
/// - `sections.tsv`: `publisher, section, theme`, the one table from the publishers' sections
///   to the ten themes (`*` for any publisher, `-` for a section too mixed to learn from);
/// - `held-out-publishers.txt`: publishers kept out of training, to measure how the model
///   does on outlets it never saw.
/// Of the other publishers, one day in five (chosen by a hash of the date) is also kept out,
/// to measure the model on days it never saw.
public struct ThemeCorpus: Sendable {
    public var headlines: [CorpusHeadline]
    public var heldOutPublishers: Set<String>
    /// Rows whose section the table does not know (publisher and section → count): a new
    /// dataset needs lines in `sections.tsv`.
    public var unmappedSections: [String: Int]

    public enum Split: String, Sendable, CaseIterable {
        /// What the shipped model is trained on.
        case training
        /// Training publishers, days never trained on.
        case heldOutDays = "held-out days"
        /// Publishers never trained on.
        case heldOutPublishers = "held-out publishers"
    }

    public func split(_ split: Split) -> [CorpusHeadline] {
        headlines.filter { Self.split(of: $0, heldOutPublishers: heldOutPublishers) == split }
    }

    static func split(of headline: CorpusHeadline, heldOutPublishers: Set<String>) -> Split {
        if heldOutPublishers.contains(headline.publisher) { return .heldOutPublishers }
        if headline.title.isEmpty { return .training }
        return isHeldOutDay(headline.day) ? .heldOutDays : .training
    }

    /// One day in five, the same on every machine; undated rows stay in training.
    static func isHeldOutDay(_ day: String) -> Bool {
        !day.isEmpty && FNV1a.hash64(day.utf8) % 5 == 0
    }

    /// Story days are held out one in two: the story corpus has few days, and its
    /// thresholds are few numbers, not a model.
    public static func isHeldOutStoryDay(_ day: String) -> Bool {
        !day.isEmpty && FNV1a.hash64(day.utf8) % 2 == 0
    }

    public static func load(folder: URL) throws -> ThemeCorpus {
        let table = try SectionTable(contentsOf: folder.appendingPathComponent("sections.tsv"))
        let heldOutFile = folder.appendingPathComponent("held-out-publishers.txt")
        let heldOut = try TabSeparated.lines(of: heldOutFile).map { $0.text.trimmingCharacters(in: .whitespaces) }
        let themeFolder = folder.appendingPathComponent("themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: themeFolder.path)
            .filter { $0.hasSuffix(".tsv") }.sorted()
        var headlines: [CorpusHeadline] = []
        var unmapped: [String: Int] = [:]
        for file in files {
            let url = themeFolder.appendingPathComponent(file)
            for line in try TabSeparated.lines(of: url).dropFirst() {
                let fields = line.fields
                guard fields.count >= 6 else {
                    throw TabSeparated.error(url, line.number, "expected 7 tab-separated fields, found \(fields.count)",
                        fix: "lang, publisher, date, section, url, title, summary")
                }
                let (publisher, section, title) = (fields[1], fields[3], fields[5])
                guard !title.isEmpty || (fields.count > 6 && !fields[6].isEmpty) else { continue }
                switch table.theme(publisher: publisher, section: section) {
                case .theme(let theme)?:
                    headlines.append(CorpusHeadline(language: fields[0], publisher: publisher, day: fields[2],
                        section: section, link: fields[4].isEmpty ? nil : fields[4], title: title,
                        summary: fields.count > 6 ? fields[6] : "", theme: theme))
                case .dropped?:
                    continue
                case nil:
                    unmapped["\(publisher)\t\(section)", default: 0] += 1
                }
            }
        }
        return ThemeCorpus(headlines: headlines, heldOutPublishers: Set(heldOut), unmappedSections: unmapped)
    }
}

/// `sections.tsv`: from a publisher's section to a theme.
struct SectionTable {
    enum Entry: Equatable {
        case theme(Theme)
        /// A section too mixed to learn from ("national", "videos").
        case dropped
    }

    private var entries: [String: Entry] = [:]

    init(contentsOf url: URL) throws {
        for line in try TabSeparated.lines(of: url).dropFirst() {
            let fields = line.fields
            guard fields.count == 3 else {
                throw TabSeparated.error(url, line.number, "expected 3 tab-separated fields", fix: "publisher, section, theme")
            }
            let entry: Entry
            if fields[2] == "-" {
                entry = .dropped
            } else if let theme = Theme(rawValue: fields[2]) {
                entry = .theme(theme)
            } else {
                throw TabSeparated.error(url, line.number, "unknown theme `\(fields[2])`",
                    fix: "use one of \(Theme.allCases.map(\.rawValue).joined(separator: ", ")), or - to leave the section out")
            }
            entries[Self.key(fields[0], fields[1])] = entry
        }
    }

    func theme(publisher: String, section: String) -> Entry? {
        entries[Self.key(publisher, section)] ?? entries[Self.key("*", section)]
    }

    private static func key(_ publisher: String, _ section: String) -> String {
        publisher + "\t" + TextFolding.fold(section)
    }
}

/// Reading the corpus's tab-separated files: lines with their numbers, comments (`#`) and
/// blank lines skipped.
enum TabSeparated {
    struct Line {
        var number: Int
        var text: String
        var fields: [String] { text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    static func lines(of url: URL) throws -> [Line] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConfigError(file: url.path, message: "cannot read the file", fix: "check that it exists and is readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: url.path, message: "the file is not valid UTF-8", fix: "save it as UTF-8")
        }
        var lines: [Line] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            lines.append(Line(number: index + 1, text: String(line)))
        }
        return lines
    }

    static func error(_ url: URL, _ line: Int, _ message: String, fix: String) -> ConfigError {
        ConfigError(file: url.path, line: line, message: message, fix: fix)
    }
}
