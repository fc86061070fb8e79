import Foundation

/// A linear model of the ten themes over hashed features (see `ThemeFeatures`), learned from
/// real headlines labelled by their publishers' sections (`revue train`).
///
/// Inference is a sum of weights: one row of ten small integers per feature bucket. The file
/// is a header and the rows, little-endian:
/// `"RVTHEME1"`, bits (1 byte), theme count (1 byte), scale (Float32),
/// one bias per theme (Float32 each), then `themes × 2^bits` weights (Int8, bucket-major).
/// A weight is `Int8 × scale`.
public struct ThemeModel: Sendable, Equatable {
    /// The themes in the model's order: `Theme.allCases`.
    static let themes = Theme.allCases
    static let magic = Array("RVTHEME1".utf8)

    /// log2 of the number of feature buckets.
    public let bits: Int
    let scale: Float
    let biases: [Float]
    let weights: [Int8]

    init(bits: Int, scale: Float, biases: [Float], weights: [Int8]) {
        precondition(weights.count == Self.themes.count << bits && biases.count == Self.themes.count)
        self.bits = bits
        self.scale = scale
        self.biases = biases
        self.weights = weights
    }

    /// Quantises trained weights (`themes × 2^bits` floats, bucket-major) to one byte each.
    init(bits: Int, biases: [Float], floatWeights: [Float]) {
        let largest = floatWeights.reduce(0) { max($0, abs($1)) }
        let scale = largest > 0 ? largest / 127 : 1
        self.init(bits: bits, scale: scale, biases: biases,
            weights: floatWeights.map { Int8(($0 / scale).rounded()) })
    }

    // MARK: - Inference

    /// The buckets of a headline's features (repeats kept: a feature said twice counts twice).
    func buckets(of evidence: ThemeEvidence, reading: ThemeFeatures.Reading, lexicon: ThemeLexicon) -> [Int] {
        var buckets: [Int] = []
        buckets.reserveCapacity(64)
        let mask = UInt64(1 << bits - 1)
        ThemeFeatures.extract(evidence, reading: reading, lexicon: lexicon, named: false) { hash, _ in buckets.append(Int(hash & mask)) }
        return buckets
    }

    func logits(buckets: [Int]) -> [Double] {
        let count = Self.themes.count
        var sums = [Int32](repeating: 0, count: count)
        weights.withUnsafeBufferPointer { rows in
            for bucket in buckets {
                let row = bucket * count
                for theme in 0..<count { sums[theme] &+= Int32(rows[row + theme]) }
            }
        }
        // Each feature counts 1/√n, as in training: a headline with a long summary and many
        // categories is not more certain than a bare title for that alone.
        let unit = Double(scale) * Self.featureValue(count: buckets.count)
        return (0..<count).map { Double(biases[$0]) + Double(sums[$0]) * unit }
    }

    static func featureValue(count: Int) -> Double {
        count > 0 ? 1 / Double(count).squareRoot() : 0
    }

    func softmax(_ logits: [Double]) -> [Double] {
        let top = logits.max() ?? 0
        let exps = logits.map { Foundation.exp($0 - top) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }

    /// The features that weighed most for `theme` against the runner-up, strongest first:
    /// ("d:sport", 2.1), ("w:match", 0.8)...
    func strongestFeatures(_ evidence: ThemeEvidence, lexicon: ThemeLexicon, for theme: Theme, against other: Theme, limit: Int = 5) -> [(feature: String, weight: Double)] {
        let count = Self.themes.count
        let mask = UInt64(1 << bits - 1)
        let chosen = Self.themes.firstIndex(of: theme)!, rival = Self.themes.firstIndex(of: other)!
        var contributions: [(String, Double)] = []
        ThemeFeatures.extract(evidence, lexicon: lexicon, named: true) { hash, name in
            let row = Int(hash & mask) * count
            contributions.append((name!, Double(Int(weights[row + chosen]) - Int(weights[row + rival])) * Double(scale)))
        }
        let unit = Self.featureValue(count: contributions.count)
        var totals: [String: Double] = [:]
        for (name, weight) in contributions { totals[name, default: 0] += weight * unit }
        return totals.filter { $0.value > 0 }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit).map { ($0.key, $0.value) }
    }

    // MARK: - File

    public func encoded() -> Data {
        var data = Data(Self.magic)
        data.append(UInt8(bits))
        data.append(UInt8(Self.themes.count))
        func append(_ value: Float) { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        append(scale)
        biases.forEach(append)
        weights.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }

    public init(decoding data: Data) throws {
        // Read in place: the built-in model is megabytes, and copies would be peak memory.
        let header = Self.magic.count + 2 + 4 + 4 * Self.themes.count
        let parsed: (bits: Int, scale: Float, biases: [Float], weights: [Int8])? = data.withUnsafeBytes { raw in
            guard raw.count >= header, raw.prefix(Self.magic.count).elementsEqual(Self.magic) else { return nil }
            let bits = Int(raw[Self.magic.count])
            guard (8...24).contains(bits), Int(raw[Self.magic.count + 1]) == Self.themes.count,
                raw.count == header + (Self.themes.count << bits)
            else { return nil }
            func float(at offset: Int) -> Float {
                Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(raw[offset + $1]) << (8 * $1) })
            }
            let scaleOffset = Self.magic.count + 2
            let biases = (0..<Self.themes.count).map { float(at: scaleOffset + 4 + 4 * $0) }
            let weights = raw[header...].map { Int8(bitPattern: $0) }
            return (bits, float(at: scaleOffset), biases, weights)
        }
        guard let parsed else {
            throw data.starts(with: Self.magic) ? ThemeModelError.damaged : ThemeModelError.notAModel
        }
        guard parsed.scale.isFinite, parsed.scale > 0, parsed.biases.allSatisfy(\.isFinite) else { throw ThemeModelError.damaged }
        self.init(bits: parsed.bits, scale: parsed.scale, biases: parsed.biases, weights: parsed.weights)
    }

    public static func load(contentsOf url: URL) throws -> ThemeModel {
        try ThemeModel(decoding: Data(contentsOf: url))
    }

    /// The model trained on the corpus in `Config/corpus/`, compiled in
    /// (`BuiltInThemeModel.swift`, written by `.ci/gen-model.sh`).
    public static let builtIn: ThemeModel = {
        guard let data = Data(base64Encoded: BuiltInThemeModel.base64, options: .ignoreUnknownCharacters),
            let model = try? ThemeModel(decoding: data)
        else { preconditionFailure("the compiled-in theme model is damaged: run .ci/gen-model.sh") }
        return model
    }()
}

public enum ThemeModelError: Error, Sendable, CustomStringConvertible {
    case notAModel, damaged

    public var description: String {
        switch self {
        case .notAModel: "not a revue theme model"
        case .damaged: "a damaged theme model (wrong size or values)"
        }
    }
}
