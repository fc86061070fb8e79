import CCurl
import Foundation
import Synchronization

/// libcurl is initialised once per process, before the first multi handle.
private let curlGlobalInit: Bool = curl_global_init(revue_global_default()) == CURLE_OK

/// The multi handle pointer, shared only for `curl_multi_wakeup` (thread-safe in libcurl).
private struct MultiHandle: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
}

/// The engine thread: one libcurl multi handle driven by `curl_multi_poll` on a thread of
/// its own, so that waiting on sockets never holds a thread of the Swift concurrency pool.
/// Other threads hand it transfers and cancellations through a mutex-protected inbox and
/// wake it with `curl_multi_wakeup`.
final class CurlMultiLoop: Sendable {
    private struct Inbox {
        var arrivals: [CurlTransfer] = []
        var cancellations: [CurlTransfer] = []
        var stopping = false
        /// Set by the engine thread just before it frees the multi handle: nobody may
        /// wake it after that.
        var closed = false
        /// Why the engine thread ended, when libcurl failed it (not a plain stop).
        var failure: FetchError?
    }

    private let multi: MultiHandle
    private let inbox = Mutex(Inbox())
    /// Easy handles alive at once: the rest wait as plain values, which keeps memory flat
    /// for thousands of sources (see `FetchSettings.transfersInFlight`).
    private let admissionLimit: Int
    private let authorities: CertificateAuthorities

    init(settings: FetchSettings) throws(FetchError) {
        guard curlGlobalInit, let pointer = curl_multi_init() else {
            throw FetchError(.other, "libcurl could not be initialised")
        }
        do {
            authorities = try CertificateAuthorities(extraFile: settings.extraCertificates, system: settings.systemCertificates)
            try Self.set(pointer, CURLMOPT_MAX_TOTAL_CONNECTIONS, "CURLMOPT_MAX_TOTAL_CONNECTIONS", max(0, settings.maxConnections))
            try Self.set(pointer, CURLMOPT_MAX_HOST_CONNECTIONS, "CURLMOPT_MAX_HOST_CONNECTIONS", max(0, settings.maxPerHost))
            if settings.maxConnections > 0 {
                // Keep every connection of a run open for reuse (libcurl's default cache is smaller).
                try Self.set(pointer, CURLMOPT_MAXCONNECTS, "CURLMOPT_MAXCONNECTS", settings.maxConnections)
            }
            try Self.set(pointer, CURLMOPT_PIPELINING, "CURLMOPT_PIPELINING", revue_pipe_multiplex())
        } catch {
            curl_multi_cleanup(pointer)
            throw error
        }
        multi = MultiHandle(pointer: pointer)
        admissionLimit = settings.transfersInFlight
        let thread = Thread { [self] in run() }
        thread.name = "revue-fetch"
        thread.start()
    }

    /// A multi option the engine relies on (the connection limits above all): one libcurl
    /// refuses fails the engine, and so every fetch, with its name.
    private static func set(
        _ multi: UnsafeMutableRawPointer, _ option: CURLMoption, _ name: String, _ value: Int
    ) throws(FetchError) {
        let code = revue_multi_setopt_long(multi, option, value)
        guard code != CURLM_OK else { return }
        throw FetchError(.other, "libcurl refused \(name) = \(value): \(String(cString: curl_multi_strerror(code)))")
    }

    /// Hands a transfer to the engine thread; its completion resumes the caller.
    func submit(_ transfer: CurlTransfer) {
        let refusal: FetchError? = inbox.withLock { inbox in
            guard !inbox.closed, !inbox.stopping else { return inbox.failure ?? Self.stopped }
            inbox.arrivals.append(transfer)
            curl_multi_wakeup(multi.pointer)
            return nil
        }
        if let refusal { transfer.finish(.failure(refusal)) }
    }

    private static let stopped = FetchError(.cancelled, "cancelled: the fetch engine has stopped")

    /// Asks the engine thread to drop a transfer (the caller's task was cancelled).
    func cancel(_ transfer: CurlTransfer) {
        inbox.withLock { inbox in
            guard !inbox.closed else { return }
            inbox.cancellations.append(transfer)
            curl_multi_wakeup(multi.pointer)
        }
    }

    /// Ends the thread; transfers still running are reported cancelled.
    func stop() {
        inbox.withLock { inbox in
            guard !inbox.closed else { return }
            inbox.stopping = true
            curl_multi_wakeup(multi.pointer)
        }
    }

    // MARK: - Engine thread

    private func run() {
        var running = RunningSet()
        var failure: FetchError?
        while failure == nil {
            let (arrivals, cancellations, stopping) = inbox.withLock { inbox in
                defer {
                    inbox.arrivals.removeAll(keepingCapacity: true)
                    inbox.cancellations.removeAll(keepingCapacity: true)
                }
                return (inbox.arrivals, inbox.cancellations, inbox.stopping)
            }
            // Taken from the inbox even when stopping, so that shutDown finishes them too.
            running.waiting.append(contentsOf: arrivals.lazy.map(Optional.some))
            if stopping { break }
            for transfer in cancellations { drop(transfer, from: &running, FetchError(.cancelled, "cancelled")) }
            if !cancellations.isEmpty { dropCancelledWaiting(&running) }
            expireDeadlines(&running)
            admit(&running)

            var stillRunning: Int32 = 0
            let performed = curl_multi_perform(multi.pointer, &stillRunning)
            collectFinished(&running)
            if performed != CURLM_OK {
                failure = Self.multiError("failed", performed)
                break
            }
            admit(&running)

            let polled = curl_multi_poll(multi.pointer, nil, 0, pollTimeout(running), nil)
            if polled != CURLM_OK { failure = Self.multiError("could not wait for the network", polled) }
        }
        // A multi handle that failed once is not trusted again: what runs, waits or comes
        // later fails with the reason, rather than hanging or spinning.
        shutDown(&running, failure: failure)
    }

    private static func multiError(_ what: String, _ code: CURLMcode) -> FetchError {
        FetchError(.other, "libcurl \(what): \(String(cString: curl_multi_strerror(code)))")
    }

    /// Transfers admitted into libcurl, keyed by easy handle, and those waiting their turn.
    private struct RunningSet {
        var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        /// A queue: slots before `waitingHead` are emptied as they are taken, so that a
        /// finished transfer is not kept alive by the queue.
        var waiting: [CurlTransfer?] = []
        var waitingHead = 0

        var waitingCount: Int { waiting.count - waitingHead }

        mutating func popWaiting() -> CurlTransfer? {
            guard waitingHead < waiting.count else { return nil }
            let transfer = waiting[waitingHead]
            waiting[waitingHead] = nil
            waitingHead += 1
            if waitingHead > 1024, waitingHead * 2 > waiting.count {
                waiting.removeFirst(waitingHead)
                waitingHead = 0
            }
            return transfer
        }
    }

    private func admit(_ running: inout RunningSet) {
        while running.active.count < admissionLimit, let transfer = running.popWaiting() {
            if transfer.isCancelled {
                transfer.finish(.failure(FetchError(.cancelled, "cancelled")))
                continue
            }
            let easy: UnsafeMutableRawPointer
            do {
                easy = try transfer.makeEasyHandle(authorities: authorities)
            } catch {
                transfer.close()
                transfer.finish(.failure(error))
                continue
            }
            let added = curl_multi_add_handle(multi.pointer, easy)
            guard added == CURLM_OK else {
                transfer.close()
                transfer.finish(.failure(Self.multiError("could not start the transfer", added)))
                continue
            }
            running.active[easy] = transfer
        }
    }

    private func collectFinished(_ running: inout RunningSet) {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi.pointer, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                  let transfer = running.active.removeValue(forKey: easy) else { continue }
            let code = message.pointee.data.result
            let result = transfer.outcome(code: code).result(settings: transfer.settings)
            if let failure = detach(transfer, easy) {
                transfer.finish(.failure(failure))
            } else {
                transfer.finish(result)
            }
        }
    }

    private func drop(_ transfer: CurlTransfer, from running: inout RunningSet, _ error: FetchError) {
        guard let easy = transfer.easy, running.active.removeValue(forKey: easy) != nil else { return }
        transfer.finish(.failure(detach(transfer, easy) ?? error))
    }

    /// Takes the easy handle out of the multi handle and frees it; the error when libcurl
    /// would not give it back (the handle is then left allocated, see `abandonEasyHandle`).
    private func detach(_ transfer: CurlTransfer, _ easy: UnsafeMutableRawPointer) -> FetchError? {
        let removed = curl_multi_remove_handle(multi.pointer, easy)
        guard removed == CURLM_OK else {
            transfer.abandonEasyHandle()
            return Self.multiError("could not end the transfer", removed)
        }
        transfer.close()
        return nil
    }

    private func dropCancelledWaiting(_ running: inout RunningSet) {
        removeWaiting(from: &running, where: \.isCancelled, FetchError(.cancelled, "cancelled"))
    }

    /// Finishes with `error` the waiting transfers that match, keeping the others in order.
    private func removeWaiting(from running: inout RunningSet, where matches: (CurlTransfer) -> Bool, _ error: FetchError) {
        let pending = running.waiting[running.waitingHead...]
        guard pending.contains(where: { $0.map(matches) ?? false }) else { return }
        var kept: [CurlTransfer?] = []
        for case let transfer? in pending {
            if matches(transfer) {
                transfer.finish(.failure(error))
            } else {
                kept.append(transfer)
            }
        }
        running.waiting = kept
        running.waitingHead = 0
    }

    /// The stage deadline: whatever still runs (or waits) then is removed and reported.
    private func expireDeadlines(_ running: inout RunningSet) {
        let now = ContinuousClock.now
        for transfer in running.active.values where transfer.deadline <= now {
            drop(transfer, from: &running, Self.deadlineError(transfer, now: now))
        }
        removeWaiting(from: &running, where: { $0.deadline <= now },
            FetchError(.cancelled, "cancelled at the deadline before it could start"))
    }

    private static func deadlineError(_ transfer: CurlTransfer, now: ContinuousClock.Instant) -> FetchError {
        guard let started = transfer.startedAt else { return FetchError(.cancelled, "cancelled at the deadline") }
        return FetchError(
            .cancelled, "cancelled at the deadline, still running after \(TransferOutcome.seconds(roundedTenths(now - started)))")
    }

    private static func roundedTenths(_ duration: Duration) -> Duration {
        .milliseconds((CurlTransfer.milliseconds(duration) + 50) / 100 * 100)
    }

    /// Sleeps until libcurl has work, a wakeup, or the nearest deadline (at most 1 s).
    private func pollTimeout(_ running: RunningSet) -> Int32 {
        let nearest = running.active.values.map(\.deadline).min()
        guard let nearest else { return running.waitingCount > 0 ? 0 : 1000 }
        let wait = CurlTransfer.milliseconds(nearest - .now)
        return Int32(max(0, min(1000, wait + 1)))
    }

    private func shutDown(_ running: inout RunningSet, failure: FetchError?) {
        let leftovers = inbox.withLock { inbox in
            inbox.closed = true
            inbox.failure = failure
            let arrivals = inbox.arrivals
            inbox.arrivals.removeAll()
            return arrivals
        }
        let stopped = failure ?? Self.stopped
        for transfer in Array(running.active.values) { drop(transfer, from: &running, stopped) }
        while let transfer = running.popWaiting() { transfer.finish(.failure(stopped)) }
        for transfer in leftovers { transfer.finish(.failure(stopped)) }
        curl_multi_cleanup(multi.pointer)
    }
}
