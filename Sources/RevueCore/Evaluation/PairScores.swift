/// How well headlines were grouped into stories, counted on pairs: of the pairs revue put
/// together, how many are the same story (precision); of the pairs that are the same
/// story, how many revue put together (recall).
public struct PairScores: Sendable, Equatable {
    public var together = 0, same = 0, both = 0

    public init() {}

    /// Adds the pairs of one day: `truth` and `guess` give each headline's story.
    public mutating func add<Truth: Hashable, Guess: Hashable>(truth: [Truth], guess: [Guess], counting include: (Int, Int) -> Bool = { _, _ in true }) {
        precondition(truth.count == guess.count)
        for i in truth.indices {
            for j in truth.indices where j > i && include(i, j) {
                let isSame = truth[i] == truth[j], isTogether = guess[i] == guess[j]
                if isSame { same += 1 }
                if isTogether { together += 1 }
                if isSame && isTogether { both += 1 }
            }
        }
    }

    public var precision: Double { together > 0 ? Double(both) / Double(together) : 1 }
    public var recall: Double { same > 0 ? Double(both) / Double(same) : 1 }
    public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
}
