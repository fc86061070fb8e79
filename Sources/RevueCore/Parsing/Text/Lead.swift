/// A summary is a short lead, not the article: long text is cut at a sentence end if one
/// falls in the second half of the allowance, else at a word boundary, and marked with "…".
enum Lead {
    static let defaultLength = 300

    static func of(_ text: String, maxLength: Int = defaultLength) -> String {
        // Byte count bounds the character count from above: most leads stop here.
        if text.utf8.count <= maxLength { return text }
        let scalars = text.unicodeScalars
        guard scalars.count > maxLength else { return text }
        let cut = scalars.index(scalars.startIndex, offsetBy: maxLength)
        let window = scalars[..<cut]
        let half = scalars.index(scalars.startIndex, offsetBy: maxLength / 2)
        // Last sentence end in the second half.
        var i = window.endIndex
        while i > half {
            let prev = scalars.index(before: i)
            let c = scalars[prev]
            if (c == "." || c == "!" || c == "?" || c == "\u{061F}" || c == "\u{3002}"),
               i < scalars.endIndex, scalars[i] == " " {
                return String(scalars[..<i])
            }
            i = prev
        }
        // Else the last space.
        i = window.endIndex
        while i > half {
            let prev = scalars.index(before: i)
            if scalars[prev] == " " {
                return String(scalars[..<prev]) + "…"
            }
            i = prev
        }
        return String(window) + "…"
    }
}
