/// A mistake in a configuration file: where it is and how to fix it.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line, when the mistake can be placed.
    public var line: Int?
    public var message: String
    public var fix: String

    public init(file: String, line: Int? = nil, message: String, fix: String) {
        self.file = file
        self.line = line
        self.message = message
        self.fix = fix
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(message)\n  fix: \(fix)"
    }
}
