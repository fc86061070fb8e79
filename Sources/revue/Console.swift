import ArgumentParser
import Foundation
import RevueCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Everything revue prints goes through here, to standard error: stdout stays free for
/// the commands whose output is data (parse, classify, cluster).
struct Console: Sendable {
    var terminal: Bool

    func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Says where the configuration is wrong and how to fix it; the exit for the command.
    func configurationError(_ error: ConfigError) -> ExitCode {
        self.error("revue: configuration error\n\(error)")
        return ExitCode(RevueExit.config)
    }

    /// Rewrites the current terminal line.
    func status(_ text: String) {
        guard terminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(text)".utf8))
    }

    func finish(_ outcome: RunOutcome) {
        guard terminal else { return }
        status("")
        let d = outcome.digest
        var lines = ["Revue de presse du \(FrenchDate.long(d.day)) : \(d.stories.count) sujets, \(outcome.sourcesOK)/\(d.coverage.count) sources lues"]
        for r in d.coverage where r.status == .failed {
            lines.append("  ✗ \(r.name) — \(r.reason?.label ?? "erreur")\(r.detail.map { " (\($0))" } ?? "")")
        }
        lines.append("  → \(outcome.files.text)")
        lines.append("  → \(outcome.files.html)")
        lines.append("  → \(outcome.files.mail)")
        error(lines.joined(separator: "\n"))
    }
}

/// A one-line progress display for a terminal.
final class TerminalProgress: RunProgress {
    let console: Console
    private let fetch = Mutex(FetchProgress(sources: []))

    init(console: Console) {
        self.console = console
    }

    func fetchStarted(_ sources: [String]) {
        fetch.withLock { $0 = FetchProgress(sources: sources) }
        console.status("Téléchargement de \(sources.count) sources…")
    }

    func sourceDone(_ name: String, failed: Bool) {
        console.status(fetch.withLock { $0.done(name, failed: failed) })
    }

    func stage(_ name: String) {
        console.status("\(name)…")
    }
}
