import ArgumentParser
import Foundation
import RevueCore

/// `revue fetch-bench --opml FILE`: times the fetch stage alone over an OPML list, cold then
/// warm (the second pass sends the validators of the first, so a server that supports
/// conditional GET answers 304). Used by .ci/bench-fetch.sh; hidden from --help.
struct FetchBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch-bench",
        abstract: "Time the fetch stage over the feeds of an OPML file.",
        shouldDisplay: false
    )

    @Option(name: .long, help: "OPML file whose xmlUrl attributes are fetched.")
    var opml: String

    @Option(name: .long, help: "Passes: the first is cold, the others send the validators of the one before.")
    var `repeat` = 2

    @Option(name: .long, help: "Deadline of each pass, in seconds (default: the settings' stage timeout).")
    var deadline: Double?

    @Option(name: .long, help: "Transfers at once, all hosts together.")
    var maxConnections: Int?

    @Option(name: .long, help: "Connections per host (0: no limit).")
    var maxPerHost: Int?

    @Option(name: .long, help: "Seconds to wait between passes, as between two runs (the server settles).")
    var pause = 1.0

    @Flag(name: .long, help: "Hand each result over as it arrives and keep no body (as a streaming pipeline would).")
    var stream = false

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1") }
        if let deadline, deadline <= 0 { throw ValidationError("--deadline must be a positive number of seconds") }
    }

    func run() async throws {
        let urls = try OPMLReader.sources(contentsOf: opml).map(\.url)
        var settings = FetchSettings()
        if let maxConnections { settings.maxConnections = maxConnections }
        if let maxPerHost { settings.maxPerHost = maxPerHost }

        var requests = urls.map { FetchRequest(url: $0) }
        for pass in 1...`repeat` {
            if pass > 1, pause > 0 { try await Task.sleep(for: .milliseconds(Int64(pause * 1000))) }
            let engine = FetchEngine(settings: settings)
            let start = ContinuousClock.now
            let passDeadline = deadline.map { start + .milliseconds(Int64($0 * 1000)) }
            let results = stream
                ? await Self.fetchStreaming(engine, requests, deadline: passDeadline)
                : await engine.fetchAll(requests, deadline: passDeadline)
            let elapsed = ContinuousClock.now - start
            print(Self.summary(pass: pass, results: results, elapsed: elapsed))
            for (index, result) in results.enumerated() {
                if case .success(let response) = result {
                    let stored = HTTPValidators(etag: requests[index].etag, lastModified: requests[index].lastModified)
                    requests[index] = FetchRequest(url: requests[index].url,
                        validators: HTTPValidators.next(after: response, previous: stored))
                }
            }
        }
    }

    /// Results with their bodies dropped as they arrive: what memory the engine itself needs.
    private static func fetchStreaming(
        _ engine: FetchEngine, _ requests: [FetchRequest], deadline: ContinuousClock.Instant?
    ) async -> [Result<FetchResponse, FetchError>] {
        var results = [Result<FetchResponse, FetchError>](
            repeating: .failure(FetchError(.cancelled, "cancelled")), count: requests.count)
        await engine.forEachResult(requests, deadline: deadline) { index, result in
            results[index] = result.map { response in
                var kept = response
                kept.body = Data(count: min(1, response.body.count))
                return kept
            }
        }
        return results
    }

    /// "pass 1: 200 feeds in 0.231 s — 200 ok, 0 not modified, 0 failed; 1.2 MB".
    static func summary(pass: Int, results: [Result<FetchResponse, FetchError>], elapsed: Duration) -> String {
        var ok = 0, notModified = 0, bytes = 0
        var failures: [String: Int] = [:]
        for result in results {
            switch result {
            case .success(let response) where response.isNotModified: notModified += 1
            case .success(let response): ok += 1; bytes += response.body.count
            case .failure(let error): failures[Self.failureKey(error), default: 0] += 1
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var line = "pass \(pass): \(results.count) feeds in \(String(format: "%.3f", seconds)) s: "
            + "\(ok) ok, \(notModified) not modified, \(results.count - ok - notModified) failed; "
            + "\(String(format: "%.1f", Double(bytes) / 1_048_576)) MB of bodies"
        if !failures.isEmpty {
            line += "\n  failures: " + failures.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }.joined(separator: "; ")
        }
        return line
    }

    /// The message without the attempt count, so that like failures group together.
    private static func failureKey(_ error: FetchError) -> String {
        "\(error.reason.rawValue): " + (error.message.components(separatedBy: " (").first ?? error.message)
    }
}
