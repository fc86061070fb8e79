/// "HTTP 503 Service Unavailable": the status with its usual reason phrase, since libcurl
/// does not hand us the server's own.
enum HTTPStatusText {
    static func describe(_ status: Int) -> String {
        guard let phrase = phrases[status] else { return "HTTP \(status)" }
        return "HTTP \(status) \(phrase)"
    }

    private static let phrases: [Int: String] = [
        300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other",
        305: "Use Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect",
        400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden",
        404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
        407: "Proxy Authentication Required", 408: "Request Timeout", 409: "Conflict", 410: "Gone",
        411: "Length Required", 412: "Precondition Failed", 413: "Content Too Large",
        414: "URI Too Long", 415: "Unsupported Media Type", 418: "I'm a teapot",
        421: "Misdirected Request", 425: "Too Early", 426: "Upgrade Required",
        429: "Too Many Requests", 451: "Unavailable For Legal Reasons",
        500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
        503: "Service Unavailable", 504: "Gateway Timeout", 505: "HTTP Version Not Supported",
        520: "Unknown Error", 521: "Web Server Is Down", 522: "Connection Timed Out",
        523: "Origin Is Unreachable", 524: "A Timeout Occurred", 525: "SSL Handshake Failed",
        526: "Invalid SSL Certificate",
    ]
}
