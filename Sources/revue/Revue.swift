import ArgumentParser
import Foundation
import RevueCore

@main
struct Revue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revue",
        abstract: "Builds the morning press review from news feeds and pages.",
        version: RevueVersion.current,
        subcommands: [BuildCommand.self, ParseCommand.self, ClassifyCommand.self, ClusterCommand.self, FetchBenchCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    static func main() async {
        // `revue parse` over thousands of files skips ArgumentParser (see ParseCommand).
        if let status = ParseCommand.runWithoutArgumentParser(CommandLine.arguments) {
            Foundation.exit(status)
        }
        await main(nil)
    }
}
