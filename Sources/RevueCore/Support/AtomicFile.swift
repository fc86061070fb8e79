import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that readers (and a mailer started right after) never see half of one,
/// and so that they survive a crash: each is written to a temporary file beside it and
/// flushed to disk, then renamed over its target, then the folder itself is flushed (the
/// renames are only durable once the directory is). A full disk or a file-size limit
/// fails the write before any rename: the previous files stay whole.
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
            let (fd, temp) = try createTemporary(for: path)
            written.append((temp, path))
            try writeAndFlush(data, to: fd, target: path)
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

    /// Creates `folder` and its missing parents; an error names the folder that could not be
    /// made and the system's reason.
    public static func createFolder(_ folder: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue { return }
        // URL, not NSString: Foundation on Linux traps on the parent of a one-word relative
        // path ("Digests"); the URL is absolute, resolved against the working directory.
        let parent = URL(fileURLWithPath: folder).deletingLastPathComponent().path
        if parent != URL(fileURLWithPath: folder).path { try createFolder(parent) }
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST else { throw POSIXFailure("cannot create the folder \(folder)") }
    }

    /// Removes the temporary files a killed run left in `folder` (".NAME.revue-XXXXXX").
    /// Call it only under the run lock: another run's files would look the same.
    public static func removeLeftovers(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".") && isTemporaryName(name) {
            unlink(folder + "/" + name)
        }
    }

    private static let marker = ".revue-"

    private static func isTemporaryName(_ name: String) -> Bool {
        guard let range = name.range(of: marker, options: .backwards) else { return false }
        return name[range.upperBound...].count == 6
    }

    /// A new file beside `path`, created by this call and no other: mkstemp opens with
    /// O_CREAT|O_EXCL, which also refuses a symbolic link someone left under the name.
    private static func createTemporary(for path: String) throws -> (Int32, String) {
        let url = URL(fileURLWithPath: path)
        var template = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent)\(marker)XXXXXX").path
            .utf8CString
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw POSIXFailure("cannot write \(path)") }
        let temp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        // mkstemp's mode is 0600; the digest is for others to read too (a mailer running as
        // another user).
        _ = fchmod(fd, 0o644)
        return (fd, temp)
    }

    private static func writeAndFlush(_ data: Data, to fd: Int32, target path: String) throws {
        defer { close(fd) }
        // errno is read right after the call that failed, before close can change it.
        var failure: POSIXFailure?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n < 0 {
                    failure = POSIXFailure("cannot write \(path)")
                    return
                }
                offset += n
            }
        }
        if let failure { throw failure }
        guard fsync(fd) == 0 else { throw POSIXFailure("cannot write \(path)") }
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
        description = "\(what): \(Self.reason(cause))"
    }

    /// The system's words for an error: Foundation's file errors wrap the errno that says
    /// what happened ("Is a directory") in a message that does not ("The operation could
    /// not be completed. (NSCocoaErrorDomain error 256.)").
    public static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = (ns.userInfo[NSUnderlyingErrorKey] as? Error).map({ $0 as NSError }),
            underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if error is CocoaError {
            return ns.localizedFailureReason ?? ns.localizedDescription
        }
        return "\(error)"
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
