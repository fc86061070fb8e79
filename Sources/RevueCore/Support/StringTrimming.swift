extension StringProtocol {
    /// Without leading and trailing white space (any Unicode white space, no-break spaces
    /// included). `trimmingCharacters(in:)` goes through NSString on Linux, which cost more
    /// than the rest of title cleaning; text from the parser is rarely padded at all.
    var trimmedWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return String(self) }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        var trimmed = String.UnicodeScalarView()
        trimmed.append(contentsOf: scalars[start...end])
        return String(trimmed)
    }
}
