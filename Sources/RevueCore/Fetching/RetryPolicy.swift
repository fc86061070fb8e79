import Foundation

/// When to try a failed fetch again: transient failures only, with a doubling delay, or
/// the wait the server asked for.
struct RetryPolicy: Sendable {
    var maxAttempts: Int
    var firstDelay: Duration
    var rateLimitDelay: Duration

    init(settings: FetchSettings) {
        maxAttempts = max(1, settings.maxAttempts)
        firstDelay = settings.retryDelay
        rateLimitDelay = settings.rateLimitDelay
    }

    /// The wait before attempt `attempt + 1`, or nil when `error` is not worth retrying.
    func delay(after error: FetchError, attempt: Int) -> Duration? {
        guard error.isTransient, attempt < maxAttempts else { return nil }
        if let asked = error.retryAfter { return asked }
        let first = error.httpStatus == 429 ? rateLimitDelay : firstDelay
        return first * (1 << min(attempt - 1, 16))
    }
}

/// The Retry-After header: either delay seconds ("120") or an HTTP date.
enum RetryAfter {
    static func parse(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text) { return seconds >= 0 ? .seconds(seconds) : nil }
        guard let date = httpDate(text) else { return nil }
        let wait = date.timeIntervalSince(now)
        return .milliseconds(Int64(max(0, wait) * 1000))
    }

    /// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") and the two obsolete forms HTTP
    /// still allows.
    static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
