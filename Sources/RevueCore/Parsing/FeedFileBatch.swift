import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Parses many files on every core and hands back their JSON lines in the files' order.
public enum FeedFileBatch {
    /// Calls `emit` with each file's line, in order; returns how many files failed.
    public static func parseFiles(
        _ paths: [String], options: ParseOptions, window: Int = 256, emit: ([UInt8]) -> Void
    ) -> Int {
        var failures = 0
        var start = 0
        while start < paths.count {
            let end = min(paths.count, start + window)
            let slots = Slots(count: end - start)
            let chunk = Array(paths[start..<end])
            DispatchQueue.concurrentPerform(iterations: chunk.count) { i in
                slots.set(i, line(for: chunk[i], options: options))
            }
            var out = [UInt8]()
            for i in 0..<chunk.count {
                let (bytes, failed) = slots.get(i)
                if failed { failures += 1 }
                out.append(contentsOf: bytes)
            }
            emit(out)
            start = end
        }
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

    /// One result slot per file: each concurrent iteration writes only its own index.
    final class Slots: @unchecked Sendable {
        private var lines: [([UInt8], Bool)]
        private let lock = NSLock()
        init(count: Int) { lines = Array(repeating: ([], false), count: count) }
        func set(_ i: Int, _ value: ([UInt8], Bool)) {
            lock.lock()
            lines[i] = value
            lock.unlock()
        }
        func get(_ i: Int) -> ([UInt8], Bool) { lines[i] }
    }
}

extension FeedFileBatch {
    /// The human-readable form: "path: format, N items" or "path: error".
    public static func parseSummaries(_ paths: [String], options: ParseOptions, emit: ([UInt8]) -> Void) -> Int {
        var failures = 0
        for path in paths {
            do {
                let feed = try FeedParser.parse(try readFile(path, limit: options.maxDocumentBytes), options: options)
                var text = "\(path): \(feed.format.rawValue), \(feed.items.count) items"
                if let title = feed.title { text += " — \(title)" }
                for warning in feed.warnings { text += "\n  warning: \(warning)" }
                emit(Array((text + "\n").utf8))
            } catch {
                failures += 1
                emit(Array("\(path): error: \(error)\n".utf8))
            }
        }
        return failures
    }
}
