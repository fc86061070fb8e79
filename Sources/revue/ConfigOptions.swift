import ArgumentParser
import Foundation
import RevueCore

/// `--config FILE`, shared by the commands that read the configuration.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: Config/revue.toml if present, else built-in defaults).")
    var config: String?

    func load() throws -> RevueConfig {
        try RevueConfig.resolve(explicitPath: config, workingDirectory: FileManager.default.currentDirectoryPath)
    }
}
