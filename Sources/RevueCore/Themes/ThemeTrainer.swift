import Foundation

/// A headline whose theme is known: its publisher filed it under a section.
public struct LabelledEvidence: Sendable, Hashable {
    public var evidence: ThemeEvidence
    public var theme: Theme

    public init(_ evidence: ThemeEvidence, theme: Theme) {
        self.evidence = evidence
        self.theme = theme
    }
}

/// Learns a `ThemeModel`: multinomial logistic regression by stochastic gradient descent,
/// as fastText trains its linear classifiers.
///
/// Deterministic: the same examples in the same order give the same model, byte for byte
/// (one thread, a fixed pseudo-random sequence), so the shipped model can be rebuilt and
/// checked from the corpus.
public struct ThemeTrainer: Sendable {
    public var bits = 18
    public var epochs = 6
    public var learningRate = 0.5
    /// Share of the passes over an example that see only its title. A model that always saw
    /// the link would lean on "/sport/" and learn little from the words, and a headline
    /// without a link (a plain page, an aggregator) would get only guesses.
    public var titleOnlyShare = 0.5
    /// Themes rare in the corpus weigh more, as the square root of their rarity: the
    /// publishers' sections are not the digest's balance (many sport headlines, little
    /// weather), but a flat balance would oversell the rare themes.
    public var balancing = 0.5

    /// The keyword lists whose verdicts are features (see `ThemeFeatures`).
    public var lexicon: ThemeLexicon

    public init(lexicon: ThemeLexicon = .builtIn) {
        self.lexicon = lexicon
    }

    public func train(_ examples: [LabelledEvidence]) -> ThemeModel {
        let themeCount = ThemeModel.themes.count
        let mask = UInt64(1 << bits - 1)
        func buckets(_ evidence: ThemeEvidence) -> [Int32] {
            var result: [Int32] = []
            ThemeFeatures.extract(evidence, lexicon: lexicon, named: false) { hash, _ in result.append(Int32(truncatingIfNeeded: hash & mask)) }
            return result
        }
        let full = examples.map { buckets($0.evidence) }
        let titleOnly = examples.map { buckets($0.evidence.titleOnly) }
        let labels = examples.map { ThemeModel.themes.firstIndex(of: $0.theme)! }

        var counts = [Double](repeating: 0, count: themeCount)
        for label in labels { counts[label] += 1 }
        let present = Double(counts.filter { $0 > 0 }.count)
        let themeWeight = counts.map { $0 > 0 ? pow(Double(examples.count) / (present * $0), balancing) : 0 }

        var weights = [Float](repeating: 0, count: themeCount << bits)
        var biases = [Float](repeating: 0, count: themeCount)
        var random = SplitMix64(seed: 0x7265_7675_65)  // "revue"
        var order = Array(examples.indices)
        let steps = Double(max(1, epochs * examples.count))
        var step = 0.0
        var logits = [Double](repeating: 0, count: themeCount)

        for _ in 0..<epochs {
            random.shuffle(&order)
            for index in order {
                let features = random.unit() < titleOnlyShare ? titleOnly[index] : full[index]
                let value = ThemeModel.featureValue(count: features.count)
                for theme in 0..<themeCount {
                    var sum = 0.0
                    for bucket in features { sum += Double(weights[Int(bucket) * themeCount + theme]) }
                    logits[theme] = Double(biases[theme]) + sum * value
                }
                let top = logits.max()!
                var total = 0.0
                for theme in 0..<themeCount {
                    logits[theme] = exp(logits[theme] - top)
                    total += logits[theme]
                }
                // The rate falls linearly to zero over the whole run.
                let rate = learningRate * (1 - step / steps) * themeWeight[labels[index]]
                step += 1
                for theme in 0..<themeCount {
                    let gradient = logits[theme] / total - (theme == labels[index] ? 1 : 0)
                    let change = Float(rate * gradient)
                    biases[theme] -= change
                    let featureChange = Float(rate * gradient * value)
                    for bucket in features { weights[Int(bucket) * themeCount + theme] -= featureChange }
                }
            }
        }
        return ThemeModel(bits: bits, biases: biases, floatWeights: weights)
    }
}

/// A small, fixed pseudo-random generator (SplitMix64) with its own shuffle and unit
/// interval: the same sequence on every machine and toolchain, which the standard
/// library's `shuffle(using:)` does not promise.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<1.
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// Fisher–Yates.
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for index in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(index, Int(next() % UInt64(index + 1)))
        }
    }
}
