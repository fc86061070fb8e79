import Foundation

/// What a source's server said, once parsed: needs nothing remembered, so it can be
/// computed as soon as the answer arrives, in parallel with the other sources.
public enum SourceAnswer: Sendable {
    case items([Headline], etag: String?, lastModified: String?)
    /// With the validators the 304 repeated, if any.
    case notModified(HTTPValidators)
    case failed(FailureReason, String)

    /// Parses a fetch result. Pure: the clock is `now`.
    public static func from(_ fetched: Result<FetchResponse, FetchError>, source: Source, now: Date) -> SourceAnswer {
        switch fetched {
        case .failure(let error):
            return .failed(error.reason, error.message)
        case .success(let response) where response.isNotModified:
            return .notModified(HTTPValidators(etag: response.etag, lastModified: response.lastModified))
        case .success(let response) where !(200..<300).contains(response.status):
            return .failed(.httpStatus, "HTTP \(response.status)")
        case .success(let response):
            let feed: ParsedFeed
            do {
                feed = try FeedParser.parse(response.body, options: ParseOptions(
                    contentType: response.contentType, baseURL: response.effectiveURL,
                    htmlRules: source.html, profile: source.profile, now: now))
            } catch {
                return .failed(.parse, "\(error)")
            }
            guard !feed.items.isEmpty else {
                return .failed(.empty, "the document holds no headline")
            }
            let items = feed.items.map { SourceReading.withLanguage($0, declared: $0.language ?? source.language) }
            return .items(items, etag: response.etag, lastModified: response.lastModified)
        }
    }
}

/// What one source gave in this run: headlines, a report, and what to remember.
public struct SourceReading: Sendable {
    public var source: Source
    public var report: SourceReport
    public var items: [Headline]
    /// What to remember of the source for the next run.
    public var memory: SourceMemory

    /// Combines an answer with what was remembered of the source. Pure.
    ///
    /// A 304 re-uses the last good items, so today's digest still shows them; a failure
    /// keeps the old memory (validators and items) and starts or continues a failure streak.
    public init(_ source: Source, answer: SourceAnswer, memory: SourceMemory?, now: Date) {
        let previous = memory ?? SourceMemory()
        self.source = source
        switch answer {
        case .failed(let reason, let detail):
            var kept = previous
            kept.failingSince = previous.failingSince ?? now
            report = SourceReport(name: source.name, url: source.url, status: .failed, reason: reason,
                detail: detail, failingSince: previous.failingSince)
            items = []
            self.memory = kept
        case .notModified(let repeated):
            // A 304 confirms the stored validators, updated with any it repeats.
            var kept = previous
            let validators = HTTPValidators.confirmed(by: repeated, stored: HTTPValidators(etag: previous.etag,
                lastModified: previous.lastModified))
            kept.etag = validators.etag
            kept.lastModified = validators.lastModified
            kept.failingSince = nil
            kept.lastSuccess = now
            report = SourceReport(name: source.name, url: source.url, status: .notModified, items: previous.items.count)
            items = previous.items
            self.memory = kept
        case .items(let parsed, let etag, let lastModified):
            report = SourceReport(name: source.name, url: source.url, status: .ok, items: parsed.count)
            items = parsed
            self.memory = SourceMemory(etag: etag, lastModified: lastModified, items: parsed, lastSuccess: now,
                failingSince: nil)
            self.memory.reading = source.reading
        }
    }

    /// Both steps at once (tests, small callers).
    public static func read(
        _ source: Source, fetched: Result<FetchResponse, FetchError>, memory: SourceMemory?, now: Date
    ) -> SourceReading {
        SourceReading(source, answer: .from(fetched, source: source, now: now), memory: memory, now: now)
    }

    /// What its feed or the configuration declares ("fr-MA" and "fr" are the same language
    /// here), unless the headline's words clearly say otherwise (aggregators mix languages).
    static func withLanguage(_ headline: Headline, declared: String?) -> Headline {
        var h = headline
        let base = declared.map(LanguageTag.base)
        h.language = LanguageGuess.guess(h.title, declared: base)
        return h
    }
}
