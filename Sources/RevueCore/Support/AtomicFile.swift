import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that readers (and a mailer started right after) never see half of it:
/// write a temporary file beside it, flush it to disk, then rename it over the target.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw POSIXFailure("cannot create \(temp)") }
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
        close(fd)
        guard ok, rename(temp, path) == 0 else {
            unlink(temp)
            throw POSIXFailure("cannot write \(path)")
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
