import Foundation
import XCTest

/// The Python test server of Fixtures/fetching/testserver.py, started once per test run.
/// It listens on 127.0.0.1 only and exits when this process closes its stdin.
///
/// Certificates (Fixtures/fetching): selfsigned-*.pem, its own authority; authority-cert.pem,
/// a test certificate authority, and authority-signed-*.pem, a certificate for 127.0.0.1 it
/// signed (EC P-256, valid 2024 to 2124); system-store/, a hashed directory like
/// /etc/ssl/certs holding the self-signed certificate, to stand for the system's store.
final class TestHTTPServer: @unchecked Sendable {  // immutable after init
    let port: Int
    /// The same server behind TLS, with the self-signed certificate of `certificatePath`.
    let tlsPort: Int
    let certificatePath: String
    /// The same server behind TLS, with a certificate signed by the authority of `authorityPath`.
    let authorityTLSPort: Int
    let authorityPath: String
    /// A bare HTTP/2 server (TLS, signed by the same authority): 200 "ok" to everything.
    let http2Port: Int
    /// A directory of hashed certificates trusting `tlsPort`, in the layout of /etc/ssl/certs.
    let systemStorePath: String
    private let process: Process
    private let stdin: Pipe

    /// Shared by every fetch test; nil when python3 is missing or the server did not start.
    static let shared: TestHTTPServer? = try? TestHTTPServer()

    private init() throws {
        guard let script = Bundle.module.url(forResource: "testserver", withExtension: "py", subdirectory: "Fixtures/fetching") else {
            throw CocoaError(.fileNoSuchFile)
        }
        func fixture(_ name: String) throws -> String {
            guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/fetching") else {
                throw CocoaError(.fileNoSuchFile)
            }
            return url.path
        }
        let (cert, key) = (try fixture("selfsigned-cert.pem"), try fixture("selfsigned-key.pem"))
        let (signed, signedKey) = (try fixture("authority-signed-cert.pem"), try fixture("authority-signed-key.pem"))
        certificatePath = cert
        authorityPath = try fixture("authority-cert.pem")
        systemStorePath = try fixture("system-store")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--max-seconds", "600", "--tls", cert, key, "--tls", signed, signedKey,
                             "--h2", signed, signedKey]
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
        guard ports.count == 4 else { throw CocoaError(.fileReadCorruptFile) }
        (port, tlsPort, authorityTLSPort, http2Port) = (ports[0], ports[1], ports[2], ports[3])
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
