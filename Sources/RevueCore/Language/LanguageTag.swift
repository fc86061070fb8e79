import Foundation

/// Language tags as sources and feeds write them: "fr", "fr-MA", "ar_MA", "EN".
public enum LanguageTag {
    /// The language alone, lowercased: "fr-MA" → "fr".
    public static func base(_ tag: String) -> String {
        String(tag.prefix { $0 != "-" && $0 != "_" }).lowercased()
    }

    /// An ISO 639 code of two or three letters, then optional subtags ("fr", "fr-MA",
    /// "zh-Hant-TW"); "french" or "fr MA" are not.
    public static func isWellFormed(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// The code of a language written as its name, for "did you mean" hints.
    public static func code(forName name: String) -> String? {
        let names: [String: String] = [
            "french": "fr", "français": "fr", "francais": "fr", "francés": "fr", "frances": "fr", "فرنسية": "fr",
            "arabic": "ar", "arabe": "ar", "árabe": "ar", "عربية": "ar", "العربية": "ar",
            "english": "en", "anglais": "en", "inglés": "en", "ingles": "en", "إنجليزية": "en",
            "spanish": "es", "espagnol": "es", "español": "es", "espanol": "es", "castellano": "es", "إسبانية": "es",
            "amazigh": "zgh", "tamazight": "zgh", "berbère": "zgh", "berber": "zgh",
        ]
        return names[name.lowercased().trimmingCharacters(in: .whitespaces)]
    }
}
