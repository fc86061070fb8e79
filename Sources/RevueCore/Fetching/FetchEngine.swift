import Foundation

/// Fetches many sources at once over one libcurl multi handle, within limits: connections
/// overall and per host, time, body size, redirects. Transient failures are retried within
/// the stage deadline; every failure comes back classified.
///
///     let engine = FetchEngine(settings: config.fetch)
///     let results = await engine.fetchAll(requests, deadline: .now + .seconds(11))
public final class FetchEngine: Sendable {
    public let settings: FetchSettings
    /// The engine thread, or why libcurl could not start one (every fetch fails with it).
    private let loop: Result<CurlMultiLoop, FetchError>
    private let retry: RetryPolicy

    public init(settings: FetchSettings = FetchSettings()) {
        self.settings = settings
        loop = Result { () throws(FetchError) in try CurlMultiLoop(settings: settings) }
        retry = RetryPolicy(settings: settings)
    }

    deinit {
        if case .success(let loop) = loop { loop.stop() }
    }

    /// Fetches every request concurrently; results come back in request order, and each
    /// also goes to `onEach` as soon as it is known (from any thread).
    /// Whatever is still running at `deadline` (default: `settings.stageTimeout` from now)
    /// ends as `.cancelled`.
    public func fetchAll(
        _ requests: [FetchRequest], deadline: ContinuousClock.Instant? = nil,
        onEach: (@Sendable (Int, Result<FetchResponse, FetchError>) -> Void)? = nil
    ) async -> [Result<FetchResponse, FetchError>] {
        var results = [Result<FetchResponse, FetchError>?](repeating: nil, count: requests.count)
        await forEachResult(requests, deadline: deadline) { index, result in
            onEach?(index, result)
            results[index] = result
        }
        return results.map { $0 ?? .failure(FetchError(.cancelled, "cancelled")) }
    }

    /// Like `fetchAll`, but hands each result over as it arrives and keeps none: the
    /// caller can parse and drop each body, so memory stays flat for thousands of sources.
    public func forEachResult(
        _ requests: [FetchRequest], deadline: ContinuousClock.Instant? = nil,
        _ body: (Int, Result<FetchResponse, FetchError>) async -> Void
    ) async {
        let deadline = deadline ?? .now + settings.stageTimeout
        // A sliding window of tasks rather than one per source up front: memory stays flat
        // for thousands of sources.
        let window = settings.transfersInFlight
        await withTaskGroup(of: (Int, Result<FetchResponse, FetchError>).self) { group in
            var pending = requests.enumerated().makeIterator()
            func startNext() -> Bool {
                guard let (index, request) = pending.next() else { return false }
                group.addTask { (index, await self.fetch(request, deadline: deadline)) }
                return true
            }
            for _ in 0..<window where !startNext() { break }
            while let (index, result) = await group.next() {
                await body(index, result)
                _ = startNext()
            }
        }
    }

    /// One request, retried while its failure is transient and the deadline allows.
    public func fetch(
        _ request: FetchRequest, deadline: ContinuousClock.Instant? = nil
    ) async -> Result<FetchResponse, FetchError> {
        let deadline = deadline ?? .now + settings.stageTimeout
        var attempt = 1
        var result = await perform(request, deadline: deadline)
        while case .failure(let error) = result, let delay = retry.delay(after: error, attempt: attempt) {
            let resumeAt = ContinuousClock.now + delay
            guard resumeAt < deadline, (try? await Task.sleep(until: resumeAt, clock: .continuous)) != nil else { break }
            attempt += 1
            let next = await perform(request, deadline: deadline)
            // A retry cut by the deadline says less than the failure that caused it.
            if case .failure(let nextError) = next, nextError.reason == .cancelled {
                result = .failure(error.afterAttempts(attempt - 1, note: "retry cut by the deadline"))
                return result
            }
            result = next
        }
        if attempt > 1, case .failure(let error) = result {
            return .failure(error.afterAttempts(attempt))
        }
        return result
    }

    /// One attempt, on the engine thread; the caller's task waits without blocking a thread.
    private func perform(
        _ request: FetchRequest, deadline: ContinuousClock.Instant
    ) async -> Result<FetchResponse, FetchError> {
        let loop: CurlMultiLoop
        do { loop = try self.loop.get() } catch { return .failure(error) }
        let transfer = CurlTransfer(request: request, settings: settings, deadline: deadline)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.completion = continuation
                loop.submit(transfer)
            }
        } onCancel: {
            transfer.markCancelled()
            loop.cancel(transfer)
        }
    }
}

extension FetchError {
    /// "HTTP 503 Service Unavailable (3 attempts)".
    func afterAttempts(_ attempts: Int, note: String? = nil) -> FetchError {
        var error = self
        let detail = [attempts > 1 ? "\(attempts) attempts" : nil, note].compactMap { $0 }.joined(separator: ", ")
        if !detail.isEmpty { error.message += " (\(detail))" }
        return error
    }
}
