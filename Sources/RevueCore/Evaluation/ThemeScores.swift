import Foundation

/// How well themes were guessed: a confusion matrix and what follows from it.
public struct ThemeScores: Sendable {
    /// `counts[truth][guess]`, in `Theme.allCases` order.
    public private(set) var counts: [[Int]]

    public init() {
        counts = Array(repeating: Array(repeating: 0, count: Theme.allCases.count), count: Theme.allCases.count)
    }

    public mutating func add(truth: Theme, guess: Theme) {
        counts[Self.index(truth)][Self.index(guess)] += 1
    }

    public var total: Int { counts.joined().reduce(0, +) }
    public var accuracy: Double { ratio(Theme.allCases.indices.map { counts[$0][$0] }.reduce(0, +), total) }

    public func support(_ theme: Theme) -> Int { counts[Self.index(theme)].reduce(0, +) }

    public func precision(_ theme: Theme) -> Double {
        let i = Self.index(theme)
        return ratio(counts[i][i], counts.map { $0[i] }.reduce(0, +))
    }

    public func recall(_ theme: Theme) -> Double {
        let i = Self.index(theme)
        return ratio(counts[i][i], support(theme))
    }

    public func f1(_ theme: Theme) -> Double {
        let (p, r) = (precision(theme), recall(theme))
        return p + r > 0 ? 2 * p * r / (p + r) : 0
    }

    /// The mean F1 of the themes that occur in the truth.
    public var macroF1: Double {
        let present = Theme.allCases.filter { support($0) > 0 }
        return present.isEmpty ? 0 : present.map(f1).reduce(0, +) / Double(present.count)
    }

    /// Accuracy, macro-F1, per-theme precision, recall and F1, and the confusion matrix.
    public func report(indent: String = "  ") -> String {
        var lines = [String(format: "%@accuracy %.3f (%d of %d), macro-F1 %.3f", indent, accuracy,
            Theme.allCases.indices.map { counts[$0][$0] }.reduce(0, +), total, macroF1)]
        lines.append(indent + "theme           n  precision  recall     F1")
        for theme in Theme.allCases where support(theme) > 0 || precision(theme) > 0 {
            lines.append(String(format: "%@%@ %5d     %.3f   %.3f  %.3f", indent,
                theme.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0),
                support(theme), precision(theme), recall(theme), f1(theme)))
        }
        let short = Theme.allCases.map { String($0.rawValue.prefix(5)) }
        lines.append(indent + "confusion (rows: publisher's theme, columns: revue's)")
        lines.append(indent + "              " + short.map { $0.padding(toLength: 6, withPad: " ", startingAt: 0) }.joined())
        for (row, theme) in Theme.allCases.enumerated() where support(theme) > 0 {
            lines.append(indent + theme.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
                + counts[row].map { String($0).padding(toLength: 6, withPad: " ", startingAt: 0) }.joined())
        }
        return lines.joined(separator: "\n")
    }

    static func index(_ theme: Theme) -> Int { Theme.allCases.firstIndex(of: theme)! }
}

func ratio(_ part: Int, _ whole: Int) -> Double {
    whole > 0 ? Double(part) / Double(whole) : 0
}
