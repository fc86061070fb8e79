import Foundation
import XCTest

/// The Python test server of Fixtures/fetching/testserver.py, started once per test run.
/// It listens on 127.0.0.1 only and exits when this process closes its stdin.
final class TestHTTPServer: @unchecked Sendable {  // immutable after init
    let port: Int
    /// The same server behind TLS, with the self-signed certificate of `certificatePath`.
    let tlsPort: Int
    let certificatePath: String
    private let process: Process
    private let stdin: Pipe

    /// Shared by every fetch test; nil when python3 is missing or the server did not start.
    static let shared: TestHTTPServer? = try? TestHTTPServer()

    private init() throws {
        guard let script = Bundle.module.url(forResource: "testserver", withExtension: "py", subdirectory: "Fixtures/fetching") else {
            throw CocoaError(.fileNoSuchFile)
        }
        guard let cert = Bundle.module.url(forResource: "selfsigned-cert", withExtension: "pem", subdirectory: "Fixtures/fetching"),
              let key = Bundle.module.url(forResource: "selfsigned-key", withExtension: "pem", subdirectory: "Fixtures/fetching") else {
            throw CocoaError(.fileNoSuchFile)
        }
        certificatePath = cert.path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--max-seconds", "600", "--tls-cert", cert.path, "--tls-key", key.path]
        stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice  // tracebacks of connections we cut on purpose
        try process.run()
        // The first line is the port.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let ports = String(decoding: line, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard ports.count == 2 else { throw CocoaError(.fileReadCorruptFile) }
        port = ports[0]
        tlsPort = ports[1]
    }

    func url(_ pathAndQuery: String) -> String { "http://127.0.0.1:\(port)\(pathAndQuery)" }

    static func require() throws -> TestHTTPServer {
        guard let server = shared else { throw TestServerError.didNotStart }
        return server
    }
}

enum TestServerError: Error {
    /// python3 missing, or Fixtures/fetching/testserver.py did not print its port.
    case didNotStart
}
