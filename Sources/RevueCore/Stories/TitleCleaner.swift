import Foundation

/// Strips what outlets add around a headline ("VIDÉO. ", "Urgent : ", " - Le360",
/// " | Hespress", "(vidéo)", a trailing "…") so that the same headline compares equal.
enum TitleCleaner {
    /// Folded words that, followed by punctuation, open a headline without being part of it.
    private static let leadingMarkers: Set<String> = [
        "video", "videos", "en direct", "direct", "live", "exclusif", "exclusive", "urgent", "flash",
        "update", "updated", "breaking", "breaking news", "info", "alerte info", "photos", "diaporama",
        "ultima hora", "en video", "directo", "exclusiva", "عاجل", "فيديو", "بالفيديو", "مباشر", "حصري",
    ]

    /// Parenthesised notes that only say what kind of media the article holds.
    private static let mediaNotes: Set<String> = [
        "video", "videos", "photo", "photos", "diaporama", "audio", "podcast", "live", "direct",
        "en direct", "infographie", "vidéo", "فيديو", "صور",
    ]

    static func clean(_ title: String) -> String {
        var text = title.trimmingCharacters(in: .whitespacesAndNewlines)
        text = stripLeadingMarker(text)
        text = stripTrailingSource(text)
        text = stripMediaNotes(text)
        // A truncated title ends in an ellipsis, often mid-word: drop the cut word too.
        for ellipsis in ["…", "..."] where text.hasSuffix(ellipsis) {
            text = String(text.dropLast(ellipsis.count))
            if let space = text.lastIndex(of: " ") { text = String(text[..<space]) }
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// "VIDÉO. Title", "Urgent : Title", "Breaking: Title", "عاجل | Title".
    private static func stripLeadingMarker(_ text: String) -> String {
        let separators: [Character] = [".", ":", "-", "–", "—", "|", "/"]
        guard let cut = text.prefix(24).firstIndex(where: { separators.contains($0) }) else { return text }
        let head = TextFolding.fold(String(text[..<cut]))
        guard leadingMarkers.contains(head) else { return text }
        let rest = text[text.index(after: cut)...].drop { $0 == " " || separators.contains($0) }
        return rest.isEmpty ? text : String(rest)
    }

    /// "Title - Le360", "Title | Hespress FR", "Title — MAP": a short tail after a spaced
    /// dash or bar is the outlet's name. Only when enough headline is left.
    private static func stripTrailingSource(_ text: String) -> String {
        var text = text
        for separator in ["|", "-", "–", "—"] {
            // The last " X " with spaces around the separator character.
            guard let mark = text.lastIndex(of: Character(separator)), mark > text.startIndex,
                text[text.index(before: mark)] == " ", text.index(after: mark) < text.endIndex,
                text[text.index(after: mark)] == " "
            else { continue }
            let tail = text[text.index(mark, offsetBy: 2)...]
            let head = text[..<text.index(before: mark)]
            let tailWords = tail.split(separator: " ").count
            if tailWords <= 4, !tail.contains(":"), TextFolding.tokens(String(head)).count >= 4 {
                text = String(head)
            }
        }
        return text
    }

    /// "Title (vidéo)", "Title [PHOTOS]".
    private static func stripMediaNotes(_ text: String) -> String {
        var text = text
        while let close = text.last, close == ")" || close == "]",
            let open = text.lastIndex(of: close == ")" ? "(" : "[")
        {
            let inside = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            guard mediaNotes.contains(TextFolding.fold(inside)) || mediaNotes.contains(inside.lowercased()) else { break }
            text = String(text[..<open]).trimmingCharacters(in: .whitespaces)
        }
        return text
    }
}
