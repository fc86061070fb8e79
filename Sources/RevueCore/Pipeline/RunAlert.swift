import Foundation

/// When a run that wrote its digest should still say something under cron (`[alert]`).
public struct AlertSettings: Sendable, Hashable {
    /// Say so when at least this share of the sources failed (0 to 1; 0 turns it off).
    public var failedShare = 0.3
    /// Say so when a source has been failing for this many days (0 turns it off).
    public var failingDays = 3

    public init() {}
}

/// The one line a partial outage prints on stderr, so that cron mails it: a digest made
/// from half the sources, or a source dead for days, is news for whoever runs revue.
public enum RunAlert {
    /// Nil when nothing crosses the thresholds. Pure: the clock is `now`.
    public static func message(_ coverage: [SourceReport], settings: AlertSettings, now: Date) -> String? {
        let failed = coverage.filter { $0.status == .failed }
        guard !coverage.isEmpty, !failed.isEmpty else { return nil }
        var parts: [String] = []
        if settings.failedShare > 0, Double(failed.count) >= settings.failedShare * Double(coverage.count) {
            parts.append("\(failed.count) of \(coverage.count) sources failed (\(names(failed)))")
        }
        if settings.failingDays > 0 {
            let limit = TimeInterval(settings.failingDays) * 86_400
            let dead = failed.filter { ($0.failingSince.map { now.timeIntervalSince($0) } ?? 0) >= limit }
            if !dead.isEmpty {
                parts.append("failing for \(settings.failingDays) days or more: \(names(dead))")
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    private static func names(_ reports: [SourceReport]) -> String {
        let shown = reports.prefix(5).map { "\($0.name): \($0.reason?.rawValue ?? "failed")" }
        return (shown + (reports.count > 5 ? ["+\(reports.count - 5) more"] : [])).joined(separator: ", ")
    }
}
