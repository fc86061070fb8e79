import CCurl

/// Sets the options of one easy handle, checking each: an option libcurl refuses (a bad
/// value, a feature this build lacks) fails the transfer and names the option, rather
/// than letting the transfer run without it (no timeout, no size limit...).
struct EasyHandleOptions {
    let easy: UnsafeMutableRawPointer

    func set(_ option: CURLoption, _ value: Int) throws(FetchError) {
        try check(option, revue_easy_setopt_long(easy, option, value), shown: "\(value)")
    }

    func set(_ option: CURLoption, _ value: String) throws(FetchError) {
        // Not shown in the error: a URL or a proxy address may hold a password.
        try check(option, revue_easy_setopt_string(easy, option, value), shown: nil)
    }

    func set(_ option: CURLoption, bytes value: curl_off_t) throws(FetchError) {
        try check(option, revue_easy_setopt_off(easy, option, value), shown: "\(value)")
    }

    func set(_ option: CURLoption, _ pointer: UnsafeMutableRawPointer) throws(FetchError) {
        try check(option, revue_easy_setopt_pointer(easy, option, pointer), shown: nil)
    }

    func set(_ option: CURLoption, _ list: UnsafeMutablePointer<curl_slist>) throws(FetchError) {
        try check(option, revue_easy_setopt_slist(easy, option, list), shown: nil)
    }

    func set(_ option: CURLoption, _ blob: curl_blob) throws(FetchError) {
        var blob = blob  // libcurl copies the struct; with CURL_BLOB_NOCOPY, not the bytes
        try check(option, revue_easy_setopt_blob(easy, option, &blob), shown: nil)
    }

    func set(
        _ option: CURLoption, _ function: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int
    ) throws(FetchError) {
        try check(option, revue_easy_setopt_write(easy, option, function), shown: nil)
    }

    /// The authorities TLS servers and an https proxy are checked against.
    func trust(_ authorities: CertificateAuthorities) throws(FetchError) {
        switch authorities {
        case .system:
            return
        case .fileBesideSystemDirectory(let file, let directory):
            try set(CURLOPT_CAINFO, file)
            try set(CURLOPT_CAPATH, directory)
            try set(CURLOPT_PROXY_CAINFO, file)
            try set(CURLOPT_PROXY_CAPATH, directory)
        case .joinedBundle(let bundle):
            try set(CURLOPT_CAINFO_BLOB, bundle.blob)
            try set(CURLOPT_PROXY_CAINFO_BLOB, bundle.blob)
        }
    }

    private func check(_ option: CURLoption, _ code: CURLcode, shown value: String?) throws(FetchError) {
        guard code != CURLE_OK else { return }
        throw Self.refused(option, code, shown: value)
    }

    /// "libcurl refused CURLOPT_MAXREDIRS = -2: A libcurl function was given a bad argument".
    static func refused(_ option: CURLoption, _ code: CURLcode, shown value: String?) -> FetchError {
        let name = curl_easy_option_by_id(option).flatMap { $0.pointee.name }.map { "CURLOPT_" + String(cString: $0) }
            ?? "option \(option.rawValue)"
        let shown = value.map { " = \($0)" } ?? ""
        return FetchError(.other, "libcurl refused \(name)\(shown): \(String(cString: curl_easy_strerror(code)))")
    }
}
