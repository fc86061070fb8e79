import Foundation

/// Maps a folder or category name ("Sports", "Économie", "Weather", "رياضة") to a theme.
/// OPML files group feeds in folders named in the reader's own language.
enum ThemeHintNames {
    private static let names: [String: Theme] = {
        var table: [String: Theme] = [:]
        let groups: [(Theme, [String])] = [
            (.politique, ["politique", "politics", "politica", "government", "gouvernement", "سياسة"]),
            (.economie, ["economie", "economy", "economia", "business", "finance", "finances", "eco", "marches",
                         "markets", "اقتصاد"]),
            (.societe, ["societe", "society", "sociedad", "faits divers", "national", "مجتمع"]),
            (.international, ["international", "monde", "world", "mundo", "internacional", "afrique", "africa",
                              "دولي", "عالم"]),
            (.sport, ["sport", "sports", "deportes", "deporte", "football", "foot", "رياضة"]),
            (.culture, ["culture", "cultura", "arts", "cinema", "musique", "music", "entertainment", "ثقافة", "فن"]),
            (.meteo, ["meteo", "weather", "tiempo", "climat", "طقس"]),
            (.sante, ["sante", "health", "salud", "صحة"]),
            (.sciences, ["sciences", "science", "tech", "technologie", "technology", "ciencia", "high-tech",
                         "numerique", "علوم", "تكنولوجيا"]),
            (.autre, ["autre", "autres", "other", "misc", "divers"]),
        ]
        for (theme, words) in groups {
            table[theme.rawValue] = theme
            table[fold(theme.label)] = theme
            for w in words { table[fold(w)] = theme }
        }
        return table
    }()

    static func theme(for name: String) -> Theme? {
        let key = fold(name)
        if let t = names[key] { return t }
        // "Sport / Football", "news-economie": try each word.
        for part in key.split(whereSeparator: { !$0.isLetter }) {
            if let t = names[String(part)] { return t }
        }
        return nil
    }

    private static func fold(_ s: String) -> String {
        s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
