import Foundation

/// Told about progress as the run goes (a terminal display; nothing under cron).
public protocol RunProgress: Sendable {
    func fetchStarted(total: Int)
    func sourceDone(_ report: SourceReport, done: Int, total: Int)
    func stage(_ name: String)
}

/// The files a run wrote.
public struct DigestFiles: Sendable {
    public var text: String
    public var html: String
    public var mail: String
    public var status: String
}

/// How a run ended.
public struct RunOutcome: Sendable {
    public var digest: Digest
    public var files: DigestFiles

    public var sourcesOK: Int { digest.coverage.filter { $0.status != .failed }.count }
    public var sourcesFailed: Int { digest.coverage.count - sourcesOK }
}

/// The morning run: sources → fetch → read → select → stories → digest → files.
/// Network, disk and clock are touched here and nowhere else in the pipeline.
public struct MorningRun: Sendable {
    public var config: RevueConfig
    public var day: DigestDay
    public var now: Date
    public var outputDirectory: String
    public var state: StateStore

    public init(config: RevueConfig, day: DigestDay, now: Date, outputDirectory: String, state: StateStore) {
        self.config = config
        self.day = day
        self.now = now
        self.outputDirectory = outputDirectory
        self.state = state
    }

    public func run(progress: (any RunProgress)? = nil) async throws -> RunOutcome {
        let sources = config.sources
        let memories = try state.allMemories()

        // 1. Fetch every source at once, with the validators of its last good response.
        progress?.fetchStarted(total: sources.count)
        let requests = sources.map { source in
            let m = memories[source.url]
            return FetchRequest(url: source.url, etag: m?.etag, lastModified: m?.lastModified)
        }
        // 2. Read each answer as it arrives (parse, or re-use the last items on a 304) and
        //    drop its body: memory stays flat for thousands of sources.
        let engine = FetchEngine(settings: config.fetch)
        let deadline = ContinuousClock.now.advanced(by: config.fetch.stageTimeout)
        var readings = [SourceReading?](repeating: nil, count: sources.count)
        var done = 0
        await engine.forEachResult(requests, deadline: deadline) { index, result in
            let reading = SourceReading.read(sources[index], fetched: result, memory: memories[sources[index].url], now: now)
            readings[index] = reading
            done += 1
            progress?.sourceDone(reading.report, done: done, total: sources.count)
        }
        let read = zip(sources, readings).map { source, reading in
            reading ?? SourceReading.read(source, fetched: .failure(FetchError(.cancelled, "not fetched before the deadline")),
                memory: memories[source.url], now: now)
        }

        // 3. Keep the day's headlines; undated ones count from when they were first seen.
        let all = read.flatMap { r in
            r.items.map { SourcedHeadline(source: r.source.name, headline: $0, themeHint: r.source.themeHint) }
        }
        let undatedKeys = all.filter { $0.headline.published == nil }.map(DigestWindow.key(of:))
        let firstSeen = try state.firstSeen(undatedKeys, now: now)
        let window = DigestWindow.interval(for: day, morningHour: config.morningHour, timeZone: config.timeZone)
        let todays = DigestWindow.select(all, in: window, firstSeen: firstSeen)

        // 4. Themes, stories, ranking.
        progress?.stage("regroupement")
        let stories = StoryAssembly(classifier: ThemeClassifier(lexicon: config.themes)).stories(from: todays)
        let digest = Digest(day: day, window: window, timeZone: config.timeZone, generatedAt: now,
            stories: stories, coverage: read.map(\.report))

        // 5. Files, then state: a crash between the two re-fetches, it never loses items.
        progress?.stage("écriture")
        let files = try DigestWriter(directory: outputDirectory, mail: config.mail).write(digest)
        var memoriesOut: [String: SourceMemory] = [:]
        for r in read { memoriesOut[r.source.url] = r.memory }
        try state.save(memoriesOut)
        return RunOutcome(digest: digest, files: files)
    }
}
