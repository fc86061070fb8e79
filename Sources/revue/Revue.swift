import ArgumentParser
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
}
