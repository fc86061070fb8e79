import Foundation

/// Strips what outlets add around a headline ("VIDÉO. ", "Urgent : ", " - Le360",
/// " | Hespress", "(vidéo)", a trailing "…") so that the same headline compares equal.
///
/// Works on Unicode scalars rather than characters: it runs for every distinct title of the
/// day, and every marker it looks for is a single scalar.
enum TitleCleaner {
    /// Folded words that, followed by punctuation, open a headline without being part of it.
    private static let leadingMarkers: Set<String> = [
        "video", "videos", "en direct", "direct", "live", "exclusif", "exclusive", "urgent", "flash",
        "update", "updated", "breaking", "breaking news", "info", "alerte info", "photos", "diaporama",
        "ultima hora", "en video", "directo", "exclusiva", "عاجل", "فيديو", "بالفيديو", "مباشر", "حصري",
    ]

    /// Parenthesised notes that only say what kind of media the article holds (folded).
    private static let mediaNotes: Set<String> = [
        "video", "videos", "photo", "photos", "diaporama", "audio", "podcast", "live", "direct",
        "en direct", "infographie", "فيديو", "صور",
    ]

    private static let leadingSeparators: Set<Unicode.Scalar> = [".", ":", "-", "–", "—", "|", "/"]
    /// In the order they are tried: a bar is the surest sign of an outlet's name.
    private static let trailingSeparators: [Unicode.Scalar] = ["|", "-", "–", "—"]

    static func clean(_ title: String) -> String {
        var text = title.trimmedWhitespace
        text = stripLeadingMarker(text)
        text = stripTrailingSource(text)
        text = stripMediaNotes(text)
        // A truncated title ends in an ellipsis, often mid-word: drop the cut word too.
        for ellipsis in ["…", "..."] where text.hasSuffix(ellipsis) {
            let scalars = text.unicodeScalars
            let cut = scalars.dropLast(ellipsis.unicodeScalars.count)
            let space = cut.lastIndex(of: " ") ?? cut.endIndex
            text = String(scalars[..<space])
        }
        return text.trimmedWhitespace
    }

    /// "VIDÉO. Title", "Urgent : Title", "Breaking: Title", "عاجل | Title".
    private static func stripLeadingMarker(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let cut = scalars.prefix(24).firstIndex(where: { leadingSeparators.contains($0) }) else { return text }
        let head = TextFolding.fold(String(scalars[..<cut]))
        guard leadingMarkers.contains(head) else { return text }
        let rest = scalars[scalars.index(after: cut)...].drop { $0 == " " || leadingSeparators.contains($0) }
        return rest.isEmpty ? text : String(rest)
    }

    /// "Title - Le360", "Title | Hespress FR", "Title — MAP": a short tail after a spaced
    /// dash or bar is the outlet's name. Only when enough headline is left.
    private static func stripTrailingSource(_ text: String) -> String {
        var text = text
        for separator in trailingSeparators {
            let scalars = text.unicodeScalars
            // The last " X " with spaces around the separator.
            guard let mark = scalars.lastIndex(of: separator), mark > scalars.startIndex,
                scalars[scalars.index(before: mark)] == " ", scalars.index(after: mark) < scalars.endIndex,
                scalars[scalars.index(after: mark)] == " "
            else { continue }
            let tail = scalars[scalars.index(mark, offsetBy: 2)...]
            let head = scalars[..<scalars.index(before: mark)]
            let tailWords = tail.split(separator: " ").count
            if tailWords <= 4, !tail.contains(":"), TextFolding.wordCount(Substring(head), atLeast: 4) {
                text = String(head)
            }
        }
        return text
    }

    /// "Title (vidéo)", "Title [PHOTOS]".
    private static func stripMediaNotes(_ text: String) -> String {
        var text = text
        while let close = text.unicodeScalars.last, close == ")" || close == "]",
            let open = text.unicodeScalars.lastIndex(of: close == ")" ? "(" : "[")
        {
            let scalars = text.unicodeScalars
            let inside = String(scalars[scalars.index(after: open)..<scalars.index(before: scalars.endIndex)])
            guard mediaNotes.contains(TextFolding.fold(inside)) else { break }
            text = String(scalars[..<open]).trimmedWhitespace
        }
        return text
    }
}
