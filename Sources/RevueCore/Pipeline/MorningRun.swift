import Foundation

/// Told about progress as the run goes (a terminal display; nothing under cron).
public protocol RunProgress: Sendable {
    func fetchStarted(total: Int)
    func sourceDone(_ name: String, failed: Bool, done: Int, total: Int)
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
    /// How long each stage took, in order (for `revue build --timings`).
    public var timings: [(stage: String, duration: Duration)] = []

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
        let clock = ContinuousClock()
        var timings: [(stage: String, duration: Duration)] = []
        var mark = clock.now
        func lap(_ stage: String) {
            let t = clock.now
            timings.append((stage, t - mark))
            mark = t
        }
        let sources = config.sources
        let validators = try state.validators()
        // The remembered items (for 304s and failures) are decoded while the network works.
        let store = state
        let remembered = Task.detached(priority: .userInitiated) { try store.allMemories() }
        let config = self.config
        let lexicon = Task.detached(priority: .userInitiated) { try config.loadThemes() }
        lap("state read")

        // 1. Fetch every source at once, with the validators of its last good response.
        progress?.fetchStarted(total: sources.count)
        let requests = sources.map { FetchRequest(url: $0.url, validators: validators[$0.url]) }
        let engine = FetchEngine(settings: config.fetch)
        let deadline = ContinuousClock.now.advanced(by: config.fetch.stageTimeout)

        // 2. Parse each answer as soon as it arrives, on all cores, and drop its body:
        //    memory stays flat for thousands of sources.
        let now = self.now
        let answers = await withTaskGroup(of: (Int, SourceAnswer).self) { group in
            var done = 0
            await engine.forEachResult(requests, deadline: deadline) { index, result in
                done += 1
                progress?.sourceDone(sources[index].name, failed: (try? result.get()) == nil, done: done, total: sources.count)
                group.addTask { (index, SourceAnswer.from(result, source: sources[index], now: now)) }
            }
            var answers = [SourceAnswer](repeating: .failed(.cancelled, "not fetched before the deadline"), count: sources.count)
            for await (index, answer) in group { answers[index] = answer }
            return answers
        }
        lap("fetch + parse")
        let memories = try await remembered.value
        let read = zip(sources, answers).map { source, answer in
            SourceReading(source, answer: answer, memory: memories[source.url], now: now)
        }

        // Remember validators and items now, on another core while the stories are built:
        // the state only ever holds good items, so a crash later loses nothing (the next
        // run gets 304s and re-uses them).
        var memoriesOut: [String: SourceMemory] = [:]
        for r in read { memoriesOut[r.source.url] = r.memory }
        let toSave = memoriesOut
        let saving = Task.detached(priority: .userInitiated) { try store.save(toSave, previous: memories) }

        // 3. Keep the day's headlines; undated ones count from when they were first seen.
        let all = read.flatMap { r in
            r.items.map { SourcedHeadline(source: r.source.name, headline: $0, themeHint: r.source.themeHint) }
        }
        let undatedKeys = all.filter { $0.headline.published == nil }.map(DigestWindow.key(of:))
        let firstSeen = try state.firstSeen(undatedKeys, now: now)
        let window = DigestWindow.interval(for: day, morningHour: config.morningHour, timeZone: config.timeZone)
        let todays = DigestWindow.select(all, in: window, firstSeen: firstSeen)
        lap("select (\(todays.count) of \(all.count) headlines)")

        // 4. Themes, stories, ranking.
        progress?.stage("regroupement")
        let stories = StoryAssembly(classifier: ThemeClassifier(lexicon: try await lexicon.value)).stories(from: todays)
        let digest = Digest(day: day, window: window, timeZone: config.timeZone, generatedAt: now,
            stories: stories, coverage: read.map(\.report))
        lap("themes + stories (\(stories.count))")

        // 5. Files.
        progress?.stage("écriture")
        let files = try DigestWriter(directory: outputDirectory, mail: config.mail).write(digest)
        lap("render + write")
        try await saving.value
        lap("state save (waited)")
        return RunOutcome(digest: digest, files: files, timings: timings)
    }
}
