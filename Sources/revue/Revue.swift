import ArgumentParser
import Foundation
import RevueCore

#if canImport(Glibc)
import Glibc
#endif

@main
struct Revue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revue",
        abstract: "Builds the morning press review from news feeds and pages.",
        version: RevueVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, ParseCommand.self, ClassifyCommand.self, ClusterCommand.self, TrainCommand.self, EvaluateCommand.self, FetchBenchCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    static func main() async {
        #if canImport(Glibc)
        // glibc gives each thread that allocates its own heap arena, and keeps their memory:
        // with the fetch thread, the parse workers and the Swift pool that is tens of MB of
        // peak memory for nothing on a 2,000-source run. Two arenas are enough for two cores.
        // (mallopt is not in Swift's Glibc module; M_ARENA_MAX is -8 in <malloc.h>.)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
            _ = unsafeBitCast(symbol, to: Mallopt.self)(-8, 2)
        }
        // Past a file-size limit (ulimit -f) the kernel would kill revue with SIGXFSZ in the
        // middle of a write; ignored, the write fails with EFBIG and the previous digest stays.
        signal(SIGXFSZ, SIG_IGN)
        #endif
        // `revue parse` over thousands of files skips ArgumentParser (see ParseCommand).
        if let status = ParseCommand.runWithoutArgumentParser(CommandLine.arguments) {
            Foundation.exit(status)
        }
        await main(nil)
    }
}
