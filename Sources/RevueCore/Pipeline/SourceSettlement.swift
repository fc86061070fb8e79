import Foundation

/// Steps 1 and 2 of the morning run: every source fetched at once; each answer parsed as
/// soon as it arrives, on all cores, then settled at once: what to remember goes to the
/// state (in batches) and only the day's headlines stay in memory, so that a run over
/// thousands of sources stays small.
struct SourceSettlement {
    let sources: [Source]
    let store: StateStore
    let now: Date
    /// One per source; a source the deadline cut before any answer stays "cancelled".
    private(set) var reports: [SourceReport]
    private var headlines: DayHeadlines
    private var settled: [Bool]
    private var batch: StateBatch
    /// The grouping prepared from what was remembered, as long as every answer is a 304.
    private var expected: Task<ExpectedStories?, Error>?
    /// Sources that answered 304 while `expected` may still serve: their headlines are held
    /// there, not twice, and read again from the state if it does not.
    private var heldByExpectation: [Int] = []

    init(sources: [Source], store: StateStore, now: Date, window: DateInterval, expected: Task<ExpectedStories?, Error>?) {
        self.sources = sources
        self.store = store
        self.now = now
        self.expected = expected
        reports = sources.map { SourceReport(name: $0.name, url: $0.url, status: .failed, reason: .cancelled,
                                             detail: "not fetched before the deadline") }
        headlines = DayHeadlines(sources: sources.count, window: window)
        settled = Array(repeating: false, count: sources.count)
        batch = StateBatch(store: store)
    }

    /// Fetches and settles every source; returns when all are settled (answered, failed or
    /// cut by the deadline) and written to the state.
    mutating func fetchAll(
        validators: [String: HTTPValidators], settings: FetchSettings, progress: (any RunProgress)?
    ) async throws {
        progress?.fetchStarted(sources.map(\.name))
        let deadline = ContinuousClock.now.advanced(by: settings.stageTimeout)
        let everySource = sources.indices.map { ($0, FetchRequest(url: sources[$0].url, validators: validators[sources[$0].url])) }
        let lost = try await fetchRound(everySource, settings: settings, deadline: deadline, progress: progress)
        // "Not modified" referred to headlines that can no longer be read: ask those sources
        // again for their whole feed rather than show nothing of them today.
        if !lost.isEmpty {
            let again = lost.map { ($0, FetchRequest(url: sources[$0].url, validators: nil)) }
            _ = try await fetchRound(again, settings: settings, deadline: deadline, progress: nil)
        }
        // Sources the deadline cut before any answer keep their memory and start a streak.
        for index in sources.indices where !settled[index] {
            try settle(index, .failed(.cancelled, "not fetched before the deadline"), try store.memory(of: sources[index].url))
        }
        try batch.flush()
    }

    /// Fetches `requests` (each with the index of its source) and settles the answers;
    /// returns the sources whose 304 referred to remembered items that are lost, unsettled.
    private mutating func fetchRound(
        _ requests: [(Int, FetchRequest)], settings: FetchSettings, deadline: ContinuousClock.Instant,
        progress: (any RunProgress)?
    ) async throws -> [Int] {
        var engine: FetchEngine? = FetchEngine(settings: settings)
        let (sources, store, now) = (self.sources, self.store, self.now)
        // Only a 304 or a failure needs what was remembered (items, failure streak): read
        // and decoded in the parse task, off the path that collects the answers.
        @Sendable func answer(_ index: Int, _ result: Result<FetchResponse, FetchError>) throws
            -> (Int, SourceAnswer, SourceMemory?)
        {
            let answer = SourceAnswer.from(result, source: sources[index], now: now)
            if case .items = answer { return (index, answer, nil) }
            return (index, answer, try store.memory(of: sources[index].url))
        }
        var lost: [Int] = []
        func settleUnlessLost(_ index: Int, _ answer: SourceAnswer, _ previous: SourceMemory?) throws {
            if case .notModified = answer, previous?.itemsLost ?? true {
                lost.append(index)
            } else {
                try settle(index, answer, previous)
            }
        }
        try await withThrowingTaskGroup(of: (Int, SourceAnswer, SourceMemory?).self) { group in
            var parsing = 0
            // A few parses at a time: a finished one is settled before the next starts, so
            // bodies do not pile up when the network outruns the parser.
            let maxParsing = 2 * ProcessInfo.processInfo.activeProcessorCount
            var failure: Error?
            await engine?.forEachResult(requests.map(\.1), deadline: deadline) { position, result in
                let index = requests[position].0
                progress?.sourceDone(sources[index].name, failed: (try? result.get()) == nil)
                do {
                    if parsing >= maxParsing, let (finished, answer, previous) = try await group.next() {
                        try settleUnlessLost(finished, answer, previous)
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
            for try await (index, answer, previous) in group { try settleUnlessLost(index, answer, previous) }
        }
        return lost
    }

    private mutating func settle(_ index: Int, _ answer: SourceAnswer, _ previous: SourceMemory?) throws {
        let source = sources[index]
        let reading = SourceReading(source, answer: answer, memory: previous, now: now)
        reports[index] = reading.report
        if expected != nil, reading.report.status != .notModified {
            expected?.cancel()
            expected = nil
        }
        if expected != nil {
            heldByExpectation.append(index)
        } else {
            headlines.set(reading.items, ofSource: index)
        }
        settled[index] = true
        try batch.add(source.url, reading.memory, previous: previous)
    }

    /// The stories grouped while fetching, when every source answered 304 (nil otherwise,
    /// or should that grouping have failed: the run then groups as on any other day).
    func expectedStories() async -> ExpectedStories? {
        (try? await expected?.value) ?? nil
    }

    /// The day's headlines, all of them (those held for the expectation are read again),
    /// handed over: the settlement keeps no copy, so they can be freed as they are selected.
    mutating func takeHeadlines() throws -> DayHeadlines {
        for index in heldByExpectation {
            headlines.set(try store.memory(of: sources[index].url)?.items ?? [], ofSource: index)
        }
        heldByExpectation = []
        let taken = headlines
        headlines = DayHeadlines(sources: sources.count, window: headlines.window)
        return taken
    }
}
