import CCurl
import Foundation

/// Where libcurl finds the system's certificate authorities: the bundle file and the
/// hashed directory it was built with (`curl_version_info`), on Debian
/// /etc/ssl/certs/ca-certificates.crt and /etc/ssl/certs.
struct SystemCertificates: Sendable, Hashable {
    var bundle: String?
    var directory: String?

    static let libcurlDefault: SystemCertificates = {
        guard let info = revue_version_info() else { return SystemCertificates() }
        return SystemCertificates(
            bundle: info.pointee.cainfo.map { String(cString: $0) },
            directory: info.pointee.capath.map { String(cString: $0) })
    }()
}

/// The authorities a TLS server (or an https proxy) is checked against: the system's,
/// plus the `ca_file` of the settings when there is one.
///
/// With OpenSSL, CURLOPT_CAINFO replaces libcurl's default bundle instead of adding to it,
/// while the default directory (CURLOPT_CAPATH) is still searched. So the extra file goes
/// in CAINFO and the system directory is set again, explicitly; a libcurl built with a
/// bundle but no directory gets the system bundle and the file joined in memory.
enum CertificateAuthorities: Sendable {
    /// libcurl's defaults, untouched.
    case system
    case fileBesideSystemDirectory(file: String, directory: String)
    case joinedBundle(PEMBundle)

    init(extraFile: String?, system: SystemCertificates) throws(FetchError) {
        guard let extraFile else {
            self = .system
            return
        }
        if let directory = system.directory {
            self = .fileBesideSystemDirectory(file: extraFile, directory: directory)
            return
        }
        var joined = Data()
        for path in [system.bundle, extraFile].compactMap({ $0 }) {
            guard let pem = FileManager.default.contents(atPath: path) else {
                throw FetchError(.tls, "cannot read the certificate file \(path)")
            }
            joined.append(pem)
            joined.append(UInt8(ascii: "\n"))
        }
        self = .joinedBundle(PEMBundle(joined))
    }
}

/// PEM bytes handed to libcurl without a copy per transfer (CURL_BLOB_NOCOPY): the engine
/// keeps this alive longer than any of its transfers.
final class PEMBundle: @unchecked Sendable {  // immutable after init
    let bytes: UnsafeMutableRawBufferPointer

    init(_ data: Data) {
        bytes = .allocate(byteCount: data.count, alignment: 1)
        bytes.copyBytes(from: data)
    }

    deinit { bytes.deallocate() }

    /// Valid while this object lives.
    var blob: curl_blob {
        curl_blob(data: bytes.baseAddress, len: bytes.count, flags: UInt32(CURL_BLOB_NOCOPY))
    }
}
