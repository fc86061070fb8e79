import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that readers (and a mailer started right after) never see half of one,
/// and so that they survive a crash: each is written to a temporary file beside it and
/// flushed to disk, then renamed over its target, then the folder itself is flushed (the
/// renames are only durable once the directory is).
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write([(Data(text.utf8), path)])
    }

    /// Several files of one folder: all written and flushed, then all renamed, then the
    /// folder flushed once.
    public static func write(_ files: [(data: Data, path: String)]) throws {
        var written: [(temp: String, path: String)] = []
        defer { for (temp, _) in written { unlink(temp) } }
        for (data, path) in files {
            let temp = temporaryPath(for: path)
            try writeAndFlush(data, to: temp, target: path)
            written.append((temp, path))
        }
        for (temp, path) in written {
            guard rename(temp, path) == 0 else { throw POSIXFailure("cannot write \(path)") }
        }
        written = []
        for folder in Set(files.map { URL(fileURLWithPath: $0.path).deletingLastPathComponent().path }) {
            let fd = open(folder, O_RDONLY | O_DIRECTORY)
            if fd >= 0 {
                _ = fsync(fd)
                close(fd)
            }
        }
    }

    private static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
    }

    private static func writeAndFlush(_ data: Data, to temp: String, target path: String) throws {
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw POSIXFailure("cannot write \(path)") }
        var ok = true
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    ok = false
                    break
                }
                offset += n
            }
        }
        ok = ok && fsync(fd) == 0
        let failure = ok ? nil : POSIXFailure("cannot write \(path)")
        close(fd)
        if let failure {
            unlink(temp)
            throw failure
        }
    }
}

/// An operating-system error with the path it concerns.
public struct POSIXFailure: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ what: String) {
        description = "\(what): \(String(cString: strerror(errno)))"
    }

    /// A failure whose cause is already worded (a database error, say).
    public init(_ what: String, cause: Error) {
        let reason = cause is CocoaError ? cause.localizedDescription : "\(cause)"
        description = "\(what): \(reason)"
    }
}

/// One run at a time: an exclusive `flock` on a file in the state directory, released by
/// the kernel when the process ends, even if it crashes.
public final class RunLock {
    private let fd: Int32

    /// Returns nil if another process holds the lock.
    public init?(path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw POSIXFailure("cannot open lock file \(path)") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        self.fd = fd
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { Glibc.write(fd, $0, strlen($0)) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
