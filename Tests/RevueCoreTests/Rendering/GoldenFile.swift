import Foundation
import XCTest

/// Compares rendered output with a golden file in Fixtures/rendering/.
/// `REVUE_UPDATE_GOLDENS=1 swift test --filter Rendering` rewrites the files in the
/// source tree instead; review the diff before committing it.
enum GoldenFile {
    static func assertMatches(
        _ actual: String, name: String, extension ext: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        if ProcessInfo.processInfo.environment["REVUE_UPDATE_GOLDENS"] == "1" {
            let source = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Fixtures/rendering/\(name).\(ext)")
            try actual.write(to: source, atomically: true, encoding: .utf8)
            return
        }
        let url = try XCTUnwrap(
            Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/rendering"),
            "missing golden file \(name).\(ext)", file: file, line: line)
        let expected = try String(contentsOf: url, encoding: .utf8)
        if actual != expected {
            let actualLines = actual.components(separatedBy: "\n")
            let expectedLines = expected.components(separatedBy: "\n")
            let firstDifference = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
            let detail = firstDifference.map { "line \($0.offset + 1):\n  got      \($0.element.0)\n  expected \($0.element.1)" }
                ?? "line counts differ: \(actualLines.count) vs \(expectedLines.count)"
            XCTFail("\(name).\(ext) differs from the golden file, \(detail)", file: file, line: line)
        }
    }
}
