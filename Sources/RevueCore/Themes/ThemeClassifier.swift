import Foundation

// STUB (owner: themes). Interface the pipeline relies on.

/// The theme chosen for a headline, and why.
public struct ThemeDecision: Sendable, Hashable {
    public var theme: Theme
    /// Human-readable reasons, strongest first ("sport: «CAN» +3").
    public var reasons: [String]

    public init(theme: Theme, reasons: [String] = []) {
        self.theme = theme
        self.reasons = reasons
    }
}

/// Multilingual keyword lists per theme (Config/themes.toml).
public struct ThemeLexicon: Sendable {
    public init() {}

    /// The lexicon shipped with revue.
    public static let builtIn = ThemeLexicon()

    /// Loads a lexicon file; errors name the file, the line and the fix.
    public static func load(contentsOf url: URL) throws -> ThemeLexicon { ThemeLexicon() }
}

public struct ThemeClassifier: Sendable {
    public var lexicon: ThemeLexicon

    public init(lexicon: ThemeLexicon = .builtIn) {
        self.lexicon = lexicon
    }

    public func classify(_ headline: Headline, hint: Theme? = nil) -> ThemeDecision {
        ThemeDecision(theme: hint ?? .autre)
    }
}
