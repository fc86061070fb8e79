import Foundation

/// The plain-text digest (`Digests/YYYY-MM-DD.txt`): UTF-8, lines of at most 78
/// columns so that it reads well as the body of a mail, and the same bytes for the
/// same digest.
public enum TextRenderer {
    public static let width = 78

    public static func render(_ digest: Digest) -> String {
        render(DigestLayout(digest))
    }

    /// From a layout already made (the text, HTML and mail renderings share one).
    static func render(_ layout: DigestLayout) -> String {
        var lines: [String] = []
        lines += TextWrap.lines(layout.title, width: width)
        lines += TextWrap.lines(layout.dateLine, width: width)
        lines.append(String(repeating: "=", count: min(width, max(layout.title.count, layout.dateLine.count))))
        lines += TextWrap.lines(layout.windowLine + ".", width: width)

        if !layout.frontPage.isEmpty {
            lines += heading("À la une")
            for entry in layout.frontPage {
                lines += TextWrap.lines(entry.title.text, width: width, first: "• ", rest: "  ")
                lines.append("  \(entry.theme.label) · \(entry.sources.count) sources")
            }
        }

        if layout.sections.isEmpty {
            lines.append("")
            lines.append("Aucun article publié dans cette période.")
        }
        for section in layout.sections {
            lines += heading(section.theme.label)
            for entry in section.entries {
                lines.append("")
                lines += storyLines(entry)
            }
        }

        lines.append("")
        lines.append(String(repeating: "-", count: width))
        lines += TextWrap.lines(layout.coverage.summary + ".", width: width)
        if !layout.coverage.failures.isEmpty {
            lines.append("En échec :")
            for failure in layout.coverage.failures {
                lines += TextWrap.lines("\(failure.source) — \(failure.explanation)", width: width, first: "• ", rest: "  ")
            }
        }
        lines += TextWrap.lines("Édition générée le \(layout.generatedLine).", width: width)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A section title as the theme names it ("Météo": what a reader, or grep, looks
    /// for), underlined, after a blank line.
    static func heading(_ label: String) -> [String] {
        ["", label, String(repeating: "=", count: label.count)]
    }

    /// Title, then "sources — time", the link, and the retellings in other languages.
    static func storyLines(_ entry: DigestLayout.Entry) -> [String] {
        var lines = TextWrap.lines(entry.title.text, width: width, first: "• ", rest: "  ")
        var meta = entry.sources.joined(separator: ", ")
        if let time = entry.time { meta += meta.isEmpty ? time : " — \(time)" }
        if !meta.isEmpty { lines += TextWrap.lines(meta, width: width, first: "  ", rest: "  ") }
        if let link = entry.link { lines.append("  \(link)") }
        for (index, retelling) in entry.retellings.enumerated() {
            let label = index == 0 ? "  aussi : " : "          "
            let language = retelling.title.language.map { "[\($0)] " } ?? ""
            lines += TextWrap.lines(
                "\(language)\(retelling.title.text) — \(retelling.source)", width: width,
                first: label, rest: "          ")
        }
        return lines
    }
}

/// Greedy word wrapping for a monospaced reader.
///
/// Right-to-left text is never wrapped: each line of a mixed-direction paragraph is laid
/// out on its own, so breaking an Arabic title would show its pieces in the wrong order.
/// A word longer than the line (an address) stays whole on its own line.
enum TextWrap {
    static func lines(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        if Script.containsRightToLeft(text) { return [first + text] }
        var lines: [String] = []
        var current = first
        var currentLength = first.count
        var currentHasWord = false
        for word in text.split(separator: " ") {
            let wordLength = word.count
            if currentHasWord && currentLength + 1 + wordLength > width {
                lines.append(current)
                current = rest + word
                currentLength = rest.count + wordLength
            } else {
                current += (currentHasWord ? " " : "") + word
                currentLength += (currentHasWord ? 1 : 0) + wordLength
            }
            currentHasWord = true
        }
        lines.append(current)
        return lines
    }
}

extension Script {
    static func containsRightToLeft(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isRightToLeft)
    }
}
