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
        var timings: [StageTiming] = []
        var mark = clock.now
        func lap(_ stage: String) {
            let t = clock.now
            timings.append(StageTiming(stage: stage, duration: t - mark, memory: ProcessMemory.now()))
            mark = t
        }
        let sources = config.sources
        let validators = try state.validators()
        let store = state
        let config = self.config
        // The theme lists load while the network works.
        let lexicon = Task.detached(priority: .userInitiated) { try config.loadThemes() }
        let window = DigestWindow.interval(for: day, morningHour: config.morningHour, timeZone: config.timeZone)
        // A headline first seen by this run belongs to this run's digest, even when the run
        // starts after the morning hour (cron at 07:05 for a window ending at 07:00).
        let firstSeenNow = min(now, window.end.addingTimeInterval(-1))
        // If every source may answer "not modified", group what was remembered meanwhile.
        let expected: Task<ExpectedStories?, Error>? =
            !sources.isEmpty && sources.allSatisfy({ validators[$0.url] != nil })
            ? Task.detached(priority: .utility) {
                try await ExpectedStories.group(sources, store: store, window: window, firstSeenNow: firstSeenNow, lexicon: lexicon)
            }
            : nil
        lap("state read")

        // 1. Fetch every source at once, with the validators of its last good response.
        progress?.fetchStarted(total: sources.count)
        let requests = sources.map { FetchRequest(url: $0.url, validators: validators[$0.url]) }
        var engine: FetchEngine? = FetchEngine(settings: config.fetch)
        let deadline = ContinuousClock.now.advanced(by: config.fetch.stageTimeout)

        // 2. Parse each answer as soon as it arrives, on all cores, then settle it at once:
        //    its memory goes to the state (in batches) and only the day's headlines stay in
        //    memory, so a run over thousands of sources stays small.
        let now = self.now
        var reports = sources.map { SourceReport(name: $0.name, url: $0.url, status: .failed, reason: .cancelled,
                                                  detail: "not fetched before the deadline") }
        var headlines = DayHeadlines(sources: sources.count, window: window)
        var settled = Array(repeating: false, count: sources.count)
        // 304s settled while the expected stories may still serve: their items are held
        // there, not twice; read again if the expectation fails.
        var expectedStillPossible = expected != nil
        var heldByExpectation: [Int] = []
        var batch = StateBatch(store: store)
        func settle(_ index: Int, _ answer: SourceAnswer, _ previous: SourceMemory?) throws {
            let source = sources[index]
            let reading = SourceReading(source, answer: answer, memory: previous, now: now)
            reports[index] = reading.report
            if expectedStillPossible, reading.report.status != .notModified {
                expectedStillPossible = false
                expected?.cancel()
            }
            if expectedStillPossible {
                heldByExpectation.append(index)
            } else {
                headlines.set(reading.items, ofSource: index)
            }
            settled[index] = true
            try batch.add(source.url, reading.memory, previous: previous)
        }
        // Only a 304 or a failure needs what was remembered (items, failure streak): read
        // and decoded in the parse task, off the path that collects the answers.
        @Sendable func answer(_ index: Int, _ result: Result<FetchResponse, FetchError>) throws
            -> (Int, SourceAnswer, SourceMemory?)
        {
            let answer = SourceAnswer.from(result, source: sources[index], now: now)
            if case .items = answer { return (index, answer, nil) }
            return (index, answer, try store.memory(of: sources[index].url))
        }
        try await withThrowingTaskGroup(of: (Int, SourceAnswer, SourceMemory?).self) { group in
            var done = 0, parsing = 0
            // A few parses at a time: a finished one is settled before the next starts, so
            // bodies do not pile up when the network outruns the parser.
            let maxParsing = 2 * ProcessInfo.processInfo.activeProcessorCount
            var failure: Error?
            await engine?.forEachResult(requests, deadline: deadline) { index, result in
                done += 1
                progress?.sourceDone(sources[index].name, failed: (try? result.get()) == nil, done: done, total: sources.count)
                do {
                    if parsing >= maxParsing, let (finished, answer, previous) = try await group.next() {
                        try settle(finished, answer, previous)
                        parsing -= 1
                    }
                } catch {
                    failure = failure ?? error
                }
                group.addTask { try answer(index, result) }
                parsing += 1
            }
            // Its connections and buffers are not needed any more.
            engine = nil
            if let failure { throw failure }
            for try await (index, answer, previous) in group { try settle(index, answer, previous) }
        }
        // Sources the deadline cut before any answer keep their memory and start a streak.
        for index in sources.indices where !settled[index] {
            try settle(index, .failed(.cancelled, "not fetched before the deadline"), try store.memory(of: sources[index].url))
        }
        try batch.flush()
        lap("fetch + parse")

        // 3. Keep the day's headlines; undated ones count from when they were first seen.
        // 4. Themes, stories, ranking.
        let stories: [Story]
        // Every source answered 304: today's input is what was remembered, grouped meanwhile
        // (should that have failed, the stories are grouped here as on any other day).
        if expectedStillPossible, let ready = (try? await expected?.value) ?? nil {
            stories = ready.stories
            lap("select + themes + stories (\(stories.count) of \(ready.headlineCount) headlines, grouped while fetching)")
        } else {
            for index in heldByExpectation {
                headlines.set(try store.memory(of: sources[index].url)?.items ?? [], ofSource: index)
            }
            let collected = headlines.count
            let firstSeen = try state.firstSeen(headlines.undatedKeys(sources), now: firstSeenNow)
            let todays = headlines.takeSelected(sources, firstSeen: firstSeen)
            lap("select (\(todays.count) of \(collected) headlines)")

            progress?.stage("regroupement")
            stories = StoryAssembly(classifier: ThemeClassifier(lexicon: try await lexicon.value)).stories(from: todays)
            lap("themes + stories (\(stories.count))")
        }
        let digest = Digest(day: day, window: window, timeZone: config.timeZone, generatedAt: now,
            stories: stories, coverage: reports)

        // 5. Files.
        progress?.stage("écriture")
        let files = try DigestWriter(directory: outputDirectory, mail: config.mail).write(digest)
        lap("render + write")
        return RunOutcome(digest: digest, files: files, timings: timings)
    }
}
