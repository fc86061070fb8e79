import Foundation
import XCTest

/// Python's stdlib file server on 127.0.0.1, started by the test that needs it: a real HTTP
/// peer (Last-Modified, If-Modified-Since → 304, 404 for missing files).
final class StaticFileServer {
    let port: Int
    private let process = Process()
    private let input = Pipe()

    init(directory: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-c", Self.script, directory]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw XCTSkip("python3 is needed for the HTTP tests") }
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let text = String(data: line, encoding: .utf8), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { throw XCTSkip("the test HTTP server did not start") }
        self.port = port
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    deinit {
        // SIGKILL, not SIGTERM: the interpreter may be busy in a handler thread, and a test
        // must never wait for it.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    // Serves one folder; exits when the test process closes its stdin (or after 10 minutes).
    private static let script = """
        import functools, http.server, sys, threading, os
        class H(http.server.SimpleHTTPRequestHandler):
            wbufsize = -1
            def log_message(self, *a): pass
        h = functools.partial(H, directory=sys.argv[1])
        s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), h)
        print(s.server_address[1], flush=True)
        threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
        threading.Timer(600, lambda: os._exit(0)).start()
        s.serve_forever()
        """
}

/// Paths of the test fixtures and a fresh temporary folder.
enum TestPaths {
    static func fixtures(_ folder: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/\(folder)").path
    }

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "revue-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The repository's top folder.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}
