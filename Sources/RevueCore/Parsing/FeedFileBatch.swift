import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Parses many files on every core and hands back their JSON lines in the files' order.
public enum FeedFileBatch {
    /// Calls `emit` with the files' lines, in order; returns how many files failed.
    ///
    /// One worker thread per core takes the next file from a shared counter; this thread
    /// writes the lines in order as soon as each is ready, so parsing and writing overlap.
    /// The workers are plain threads, not Dispatch or Swift-concurrency work: this thread
    /// blocks while waiting, and on a two-core machine it would hold one of the two pool
    /// threads the workers need.
    public static func parseFiles(_ paths: [String], options: ParseOptions, emit: ([UInt8]) -> Void) -> Int {
        let count = paths.count
        guard count > 0 else { return 0 }
        let slots = Slots(count: count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count))
        let finished = DispatchSemaphore(value: 0)
        for _ in 0..<workers {
            let thread = Thread {
                while let i = slots.nextIndex() {
                    slots.set(i, line(for: paths[i], options: options))
                }
                finished.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        var failures = 0
        for i in 0..<count {
            let (bytes, failed) = slots.take(i)
            if failed { failures += 1 }
            emit(bytes)
        }
        for _ in 0..<workers { finished.wait() }
        return failures
    }

    static func line(for path: String, options: ParseOptions) -> ([UInt8], Bool) {
        do {
            let data = try readFile(path, limit: options.maxDocumentBytes)
            let feed = try FeedParser.parse(data, options: options)
            return (feed.jsonLine(path: path), false)
        } catch let error as ParseError {
            return (ParsedFeed.errorLine(path: path, message: error.message), true)
        } catch {
            return (ParsedFeed.errorLine(path: path, message: "\(error)"), true)
        }
    }

    /// The whole file, refused beyond `limit` bytes.
    static func readFile(_ path: String, limit: Int) throws -> Data {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ParseError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ParseError("cannot stat \(path)") }
        let size = Int(info.st_size)
        guard size <= limit else { throw ParseError("document too large (\(size) bytes, limit \(limit))") }
        var data = Data(count: size)
        var got = 0
        try data.withUnsafeMutableBytes { buf in
            guard let base = buf.baseAddress else { return }
            while got < size {
                let r = read(fd, base + got, size - got)
                if r < 0 { throw ParseError("cannot read \(path)") }
                if r == 0 { break }
                got += r
            }
        }
        if got < size { data.removeSubrange(got...) }
        return data
    }

    /// One result slot per file, and the counter that hands out files to workers.
    final class Slots: @unchecked Sendable {
        private var lines: [([UInt8], Bool)?]
        private var next = 0
        /// The slot the writing thread sleeps on, or -1: only that slot's worker wakes it,
        /// rather than every finished file causing a thread switch.
        private var awaited = -1
        private let condition = NSCondition()

        init(count: Int) { lines = Array(repeating: nil, count: count) }

        func nextIndex() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            guard next < lines.count else { return nil }
            next += 1
            return next - 1
        }

        func set(_ i: Int, _ value: ([UInt8], Bool)) {
            condition.lock()
            lines[i] = value
            if i == awaited { condition.signal() }
            condition.unlock()
        }

        /// Waits for slot `i` and empties it.
        func take(_ i: Int) -> ([UInt8], Bool) {
            condition.lock()
            defer { condition.unlock() }
            while lines[i] == nil {
                awaited = i
                condition.wait()
            }
            awaited = -1
            let value = lines[i]!
            lines[i] = nil
            return value
        }
    }
}

extension FeedFileBatch {
    /// The human-readable form: "path: format, N items" or "path: error"; with `listing`,
    /// each headline follows.
    public static func parseSummaries(_ paths: [String], options: ParseOptions, listing: Bool = false,
                                      emit: ([UInt8]) -> Void) -> Int {
        var failures = 0
        for path in paths {
            do {
                let feed = try FeedParser.parse(try readFile(path, limit: options.maxDocumentBytes), options: options)
                emit(Array(summary(feed, path: path, listing: listing).utf8))
            } catch {
                failures += 1
                emit(Array("\(path): error: \(error)\n".utf8))
            }
        }
        return failures
    }

    public static func summary(_ feed: ParsedFeed, path: String, listing: Bool) -> String {
        var text = "\(path): \(feed.format.rawValue), \(feed.items.count) items"
        if let title = feed.title { text += " — \(title)" }
        for warning in feed.warnings { text += "\n  warning: \(warning)" }
        if listing {
            for item in feed.items {
                let date = item.published.map(DateParser.iso8601) ?? "undated"
                text += "\n  \(date)  \(item.title)\n      \(item.link ?? "(no link)")"
            }
        }
        return text + "\n"
    }
}
