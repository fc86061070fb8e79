import ArgumentParser
import Foundation
import RevueCore

#if canImport(Glibc)
import Glibc
#endif

/// Exit codes (from sysexits.h, which cron wrappers and monitoring already understand).
enum RevueExit {
    /// Digest written. Failed sources, if any, are named in its footer and status file.
    static let ok: Int32 = 0
    static let usage: Int32 = 64
    /// `build`: not one source could be read (the digest was written but holds nothing
    /// new); `check --fetch`: a source could not be read.
    static let unavailable: Int32 = 69
    static let software: Int32 = 70
    static let cannotWrite: Int32 = 73
    /// Another run holds the lock.
    static let alreadyRunning: Int32 = 75
    static let config: Int32 = 78
}

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Fetch, parse, group and rank the sources, and write the day's digest.",
        discussion: """
            Writes DIR/YYYY-MM-DD.txt, .html, .eml (ready for `sendmail -t`) and .status.json.
            Silent on success unless standard error is a terminal.
            Exit codes: 0 digest written (failed sources are listed in it), 64 usage error,
            69 no source could be read, 73 cannot write, 75 another run is in progress,
            78 configuration error.
            """
    )

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("Read the sources from this OPML file instead of the config.", valueName: "file"))
    var opml: String?

    @Option(name: .long, help: ArgumentHelp("Build the digest of this day (default: today).", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("Folder for the digest files (default: Digests/).", valueName: "dir"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Folder for revue's state (default: $XDG_STATE_HOME/revue).", valueName: "dir"))
    var state: String?

    @Flag(name: .shortAndLong, help: "Print nothing, even on a terminal.")
    var quiet = false

    @Flag(name: .long, help: ArgumentHelp("Print how long each stage took (on stderr).", visibility: .hidden))
    var timings = false

    func validate() throws {
        if let date, DigestDay(date) == nil {
            throw ValidationError("--date \(date) is not a date: write it as YYYY-MM-DD, e.g. --date 2025-12-23")
        }
    }

    func run() async throws {
        let terminal = !quiet && isatty(STDERR_FILENO) == 1
        let console = Console(terminal: terminal)
        do {
            var config = try configOptions.load()
            if let opml { config.sources = try OPMLReader.sources(contentsOf: opml) }
            guard !config.sources.isEmpty else {
                throw ConfigError(file: config.path ?? "(built-in defaults)",
                    message: "no source to read",
                    fix: "add [[source]] sections to the config, or pass --config Config/revue.toml or --opml FILE")
            }
            let now = Date()
            let day = date.flatMap(DigestDay.init) ?? DigestDay(now, in: config.timeZone)
            let stateDir = state ?? config.stateDirectory ?? Self.defaultStateDirectory()
            // The lock first: a second run must not even open the state.
            try AtomicFile.createFolder(stateDir)
            guard let lock = try RunLock(path: URL(fileURLWithPath: stateDir).appendingPathComponent("revue.lock").path)
            else {
                console.error("revue: another run is in progress (lock in \(stateDir)); nothing done")
                throw ExitCode(RevueExit.alreadyRunning)
            }
            defer { withExtendedLifetime(lock) {} }
            let store: StateStore
            do {
                store = try StateStore(directory: stateDir, now: now)
            } catch {
                throw POSIXFailure("cannot open the state in \(stateDir)", cause: error)
            }
            // Said even under cron: the digest is written, but someone should know why this
            // morning's run asked every source for everything.
            if let damaged = store.setAside { console.error("revue: \(damaged)") }

            let run = MorningRun(config: config, day: day, now: now,
                outputDirectory: output ?? config.outputDirectory, state: store)
            let outcome = try await run.run(progress: terminal ? TerminalProgress(console: console) : nil)
            console.finish(outcome)
            if timings {
                for t in outcome.timings {
                    let ms = Double(t.duration.components.attoseconds) / 1e15 + Double(t.duration.components.seconds) * 1000
                    let memory = t.memory.map { String(format: "  %4d MB (peak %d MB)", $0.resident >> 20, $0.peak >> 20) } ?? ""
                    console.error(String(format: "%8.1f ms%@  %@", ms, memory, t.stage))
                }
            }
            // A partial outage still makes a digest (exit 0), but cron should mail one line.
            if outcome.sourcesOK > 0,
                let alert = RunAlert.message(outcome.digest.coverage, settings: config.alert, now: now) {
                console.error("revue: \(alert); see \(outcome.files.status)")
            }
            if outcome.sourcesOK == 0 {
                if !terminal {
                    console.error("revue: no source could be read; see \(outcome.files.status)")
                }
                throw ExitCode(RevueExit.unavailable)
            }
        } catch let error as ConfigError {
            throw console.configurationError(error)
        } catch let error as POSIXFailure {
            console.error("revue: \(error)")
            throw ExitCode(RevueExit.cannotWrite)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            console.error("revue: \(error)")
            throw ExitCode(RevueExit.software)
        }
    }

    static func defaultStateDirectory() -> String {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_STATE_HOME"], !xdg.isEmpty { return xdg + "/revue" }
        let home = env["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + "/.local/state/revue"
    }
}
