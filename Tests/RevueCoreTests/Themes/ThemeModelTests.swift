import Foundation
import XCTest
@testable import RevueCore

final class ThemeModelTests: XCTestCase {
    private func examples() -> [LabelledEvidence] {
        [("match de football", Theme.sport), ("finale du tournoi", .sport), ("vote au parlement", .politique),
         ("le ministre et la loi", .politique), ("pluie et neige", .meteo), ("alerte aux orages", .meteo)]
            .map { LabelledEvidence(ThemeEvidence(title: $0.0), theme: $0.1) }
    }

    private func trainer() -> ThemeTrainer {
        var trainer = ThemeTrainer()
        trainer.bits = 10
        trainer.lexicon = ThemeLexicon()
        return trainer
    }

    func testTrainingIsDeterministic() {
        XCTAssertEqual(trainer().train(examples()).encoded(), trainer().train(examples()).encoded())
        // ...and depends on the examples.
        XCTAssertNotEqual(trainer().train(examples()).encoded(), trainer().train(Array(examples().dropLast())).encoded())
    }

    func testTheFileRoundTrips() throws {
        let model = trainer().train(examples())
        let data = model.encoded()
        XCTAssertEqual(data.count, 8 + 2 + 4 + 40 + (10 << 10))
        XCTAssertEqual(try ThemeModel(decoding: data), model)
    }

    func testDamagedFilesAreRefused() {
        let data = trainer().train(examples()).encoded()
        XCTAssertThrowsError(try ThemeModel(decoding: Data("not a model".utf8)))
        XCTAssertThrowsError(try ThemeModel(decoding: data.dropLast()))
        var wrongBits = data
        wrongBits[8] = 30
        XCTAssertThrowsError(try ThemeModel(decoding: wrongBits))
        var notANumber = data
        notANumber.replaceSubrange(10..<14, with: withUnsafeBytes(of: Float.nan.bitPattern.littleEndian) { Data($0) })
        XCTAssertThrowsError(try ThemeModel(decoding: notANumber))
    }

    func testTheBuiltInModelLoads() {
        XCTAssertEqual(ThemeModel.builtIn.bits, 18)
        let probabilities = ThemeClassifier().classify(Headline(title: "Football : le Maroc bat le Sénégal en finale de la CAN")).probabilities
        XCTAssertEqual(probabilities.reduce(0, +), 1, accuracy: 1e-9)
    }

    /// The shipped model is what `revue train` makes of the shipped corpus, byte for byte:
    /// anyone can rebuild it (.ci/gen-model.sh), and nobody edited it by hand.
    func testTheBuiltInModelIsTheCorpusTrained() throws {
        let corpus = try ThemeCorpus.load(folder: TestPaths.repository.appendingPathComponent("Config/corpus"))
        let trained = ThemeTrainer().train(ThemeEvaluation.trainingExamples(corpus))
        XCTAssertEqual(trained.encoded(), ThemeModel.builtIn.encoded(), "run .ci/gen-model.sh after changing the corpus or the features")
    }
}
