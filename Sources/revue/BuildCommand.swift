import ArgumentParser
import Foundation
import RevueCore

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Fetch, parse, group and rank the sources, and write the day's digest."
    )

    @OptionGroup var configOptions: ConfigOptions

    func run() async throws {
        _ = try configOptions.load()
    }
}
