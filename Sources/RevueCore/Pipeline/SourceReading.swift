import Foundation

/// What one source gave in this run, once fetched and parsed.
public struct SourceReading: Sendable {
    public var source: Source
    public var report: SourceReport
    public var items: [Headline]
    /// What to remember of the source for the next run.
    public var memory: SourceMemory

    /// Turns a fetch result into headlines and a report. Pure: the clock is `now`.
    ///
    /// A 304 re-uses the last good items, so today's digest still shows them; a failure
    /// keeps the old memory (validators and items) and starts or continues a failure streak.
    public static func read(
        _ source: Source, fetched: Result<FetchResponse, FetchError>, memory: SourceMemory?, now: Date
    ) -> SourceReading {
        let previous = memory ?? SourceMemory()
        func failed(_ reason: FailureReason, _ detail: String) -> SourceReading {
            var kept = previous
            kept.failingSince = previous.failingSince ?? now
            let report = SourceReport(name: source.name, url: source.url, status: .failed, reason: reason,
                detail: detail, failingSince: previous.failingSince)
            return SourceReading(source: source, report: report, items: [], memory: kept)
        }

        switch fetched {
        case .failure(let error):
            return failed(error.reason, error.message)
        case .success(let response) where response.isNotModified:
            var kept = previous
            kept.failingSince = nil
            kept.lastSuccess = now
            let report = SourceReport(name: source.name, url: source.url, status: .notModified,
                items: previous.items.count)
            return SourceReading(source: source, report: report, items: previous.items, memory: kept)
        case .success(let response) where !(200..<300).contains(response.status):
            return failed(.httpStatus, "HTTP \(response.status)")
        case .success(let response):
            let feed: ParsedFeed
            do {
                feed = try FeedParser.parse(response.body, options: ParseOptions(
                    contentType: response.contentType, baseURL: response.effectiveURL,
                    htmlRules: source.html, profile: source.profile, now: now))
            } catch {
                return failed(.parse, "\(error)")
            }
            guard !feed.items.isEmpty else {
                return failed(.empty, "the document holds no headline")
            }
            let items = feed.items.map { withLanguage($0, declared: $0.language ?? source.language) }
            let memory = SourceMemory(etag: response.etag, lastModified: response.lastModified, items: items,
                lastSuccess: now, failingSince: nil)
            let report = SourceReport(name: source.name, url: source.url, status: .ok, items: items.count)
            return SourceReading(source: source, report: report, items: items, memory: memory)
        }
    }

    /// The headline's own language when its words clearly say so, else what its feed or
    /// the configuration declares ("fr-MA" and "fr" are the same language here).
    static func withLanguage(_ headline: Headline, declared: String?) -> Headline {
        var h = headline
        let base = declared.map { String($0.prefix { $0 != "-" && $0 != "_" }).lowercased() }
        h.language = LanguageGuess.guess(h.title) ?? base ?? declared
        return h
    }
}
