import Foundation

/// Told about progress as the run goes (a terminal display; nothing under cron).
public protocol RunProgress: Sendable {
    /// The names of the sources about to be fetched, in config order.
    func fetchStarted(_ sources: [String])
    func sourceDone(_ name: String, failed: Bool)
    func stage(_ name: String)
}

/// The files a run wrote.
public struct DigestFiles: Sendable {
    public var text: String
    public var html: String
    public var mail: String
    public var status: String
}

/// One stage of a run, as `revue build --timings` prints it.
public struct StageTiming: Sendable {
    public var stage: String
    public var duration: Duration
    /// The process's memory when the stage ended.
    public var memory: ProcessMemory?
}

/// How a run ended.
public struct RunOutcome: Sendable {
    public var digest: Digest
    public var files: DigestFiles
    /// How long each stage took and the memory at its end, in order (for `revue build --timings`).
    public var timings: [StageTiming] = []

    public var sourcesOK: Int { digest.coverage.filter { $0.status != .failed }.count }
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
        var timings: [StageTiming] = []
        var mark = clock.now
        func lap(_ stage: String) {
            let t = clock.now
            timings.append(StageTiming(stage: stage, duration: t - mark, memory: ProcessMemory.now()))
            mark = t
        }
        let sources = config.sources
        let validators = try state.validators(for: sources)
        let store = state
        let config = self.config
        // The theme lists and model load while the network works.
        let classifier = Task.detached(priority: .userInitiated) { try config.loadClassifier() }
        let window = DigestWindow.interval(for: day, morningHour: config.morningHour, timeZone: config.timeZone)
        // If every source may answer "not modified", group what was remembered meanwhile.
        let expected: Task<ExpectedStories?, Error>? =
            !sources.isEmpty && sources.allSatisfy({ validators[$0.url] != nil })
            ? Task.detached(priority: .utility) {
                try await ExpectedStories.group(sources, store: store, window: window, firstSeen: now, classifier: classifier)
            }
            : nil
        lap("state read")

        // 1–2. Fetch every source at once, with the validators of its last good response;
        //      parse and settle each answer as it arrives.
        var settlement = SourceSettlement(sources: sources, store: store, now: now, window: window, expected: expected)
        try await settlement.fetchAll(validators: validators, settings: config.fetch, progress: progress)
        lap("fetch + parse")

        // 3–4. The day's headlines (undated ones count from when they were first seen),
        //      grouped into themed, ranked stories.
        let stories: [Story]
        if let ready = await settlement.expectedStories() {
            // Every source answered 304: today's input is what was remembered, grouped meanwhile.
            stories = ready.stories
            lap("select + themes + stories (\(stories.count) of \(ready.headlineCount) headlines, grouped while fetching)")
        } else {
            var headlines = try settlement.takeHeadlines()
            let collected = headlines.count
            let todays = try headlines.takeToday(sources, state: state, firstSeen: now)
            lap("select (\(todays.count) of \(collected) headlines)")

            progress?.stage("regroupement")
            stories = StoryAssembly(classifier: try await classifier.value).stories(from: todays)
            lap("themes + stories (\(stories.count))")
        }
        let digest = Digest(day: day, window: window, timeZone: config.timeZone, generatedAt: now,
            stories: stories, coverage: settlement.reports)

        // 5. Files.
        progress?.stage("écriture")
        let files = try DigestWriter(directory: outputDirectory, mail: config.mail).write(digest)
        lap("render + write")

        // 6. The state forgets what left the config or the feeds long ago.
        try state.prune(keeping: Set(sources.map(\.url)), now: now)
        lap("state pruned")
        return RunOutcome(digest: digest, files: files, timings: timings)
    }
}
