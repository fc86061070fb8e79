import Foundation
import XCTest

/// Name lookups against a name server that never answers, through the real `revue` binary
/// run in network and mount namespaces of its own with a stub server
/// (Fixtures/fetching/dnsstub.py): nothing outside sees the stub or its resolv.conf.
final class HangingDNSTests: XCTestCase {
    /// The stub holds each lookup of *.hang.test for 10 s. libcurl's resolver thread stays
    /// blocked that long; the run must not wait for it.
    func testAHangingNameServerIsADNSFailureWithinTheConnectTimeout() throws {
        try Self.requireNamespaces()
        let folder = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = "\(folder)/revue.toml"
        try """
            [fetch]
            connect_timeout_s = 1
            deadline_s = 5

            [[source]]
            name = "Hanging"
            url = "http://feed.hang.test/rss"

            [[source]]
            name = "Unknown"
            url = "http://nowhere.example/rss"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let stub = TestPaths.fixtures("fetching") + "/dnsstub.py"
        let start = ContinuousClock.now
        let status = try Self.run("/usr/bin/unshare", ["--net", "--mount", "python3", stub, "--",
            CLITests.binary.path, "build", "--config", config, "--date", "2025-12-23",
            "--output", "\(folder)/out", "--state", "\(folder)/state"])
        let elapsed = ContinuousClock.now - start
        XCTAssertEqual(status, 69, "no source could be read")
        // About 1.5 s: the 1 s connect timeout and the run around it. The margin is for a
        // busy machine; waiting for the stuck lookup takes over 10 s.
        XCTAssertLessThan(elapsed, .seconds(7), "the 1 s connect timeout, not the 10 s of the stuck lookup")

        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/out/2025-12-23.status.json")))
        let sources = try XCTUnwrap((report as? [String: Any])?["sources"] as? [[String: Any]])
        let failures = sources.map { "\($0["name"] ?? "") \($0["reason"] ?? "") \($0["detail"] ?? "")" }
        XCTAssertEqual(failures, [
            "Hanging dns DNS lookup of feed.hang.test timed out after 1 s",
            "Unknown dns could not resolve host nowhere.example",
        ], "DNS failures, each tried once")
    }

    private static func requireNamespaces() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare"),
              (try? run("/usr/bin/unshare", ["--net", "--mount", "true"])) == 0 else {
            throw XCTSkip("needs unshare --net --mount (root, or user namespaces)")
        }
        guard FileManager.default.isExecutableFile(atPath: CLITests.binary.path) else {
            throw XCTSkip("revue binary not found beside the tests")
        }
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
