import Foundation
import TOMLKit

/// Typed, checked access to one TOML table; every mistake becomes a `ConfigError` with
/// the file, the line and a fix.
struct TableReader {
    let table: TOMLTable
    /// "digest", "source[2]"...
    let path: String
    let file: String
    let locator: TOMLLocator

    func error(_ key: String?, _ message: String, fix: String) -> ConfigError {
        let line = key.map { locator.line(ofKey: $0, in: path) } ?? locator.line(ofTable: path)
        return ConfigError(file: file, line: line, message: message, fix: fix)
    }

    private var displayPath: String {
        path.replacingOccurrences(of: #"\[(\d+)\]"#, with: "", options: .regularExpression)
    }

    /// Rejects keys revue does not know: a typo must not be silently ignored. At the top of
    /// the file the keys are sections, and are named as such ("[digst]", "[[sources]]").
    func allowOnly(_ keys: [String]) throws {
        for key in table.keys.sorted() where !keys.contains(key) {
            let near = keys.min { editDistance($0, key) < editDistance($1, key) }.flatMap { editDistance($0, key) <= 3 ? $0 : nil }
            let isSection = table[key]?.table != nil || table[key]?.array != nil
            guard path.isEmpty, isSection else {
                let hint = near.map { "did you mean `\($0)`? " } ?? ""
                if path.isEmpty {
                    throw error(key, "unknown key `\(key)` at the top of the file, outside any section",
                        fix: "put it under its section: \(keys.map(Self.header).joined(separator: ", ")).")
                }
                throw error(key, "unknown key `\(key)` in [\(displayPath)]", fix: "\(hint)known keys: \(keys.joined(separator: ", ")).")
            }
            let isList = table[key]?.array != nil
            throw ConfigError(file: file, line: locator.line(ofTable: isList ? "\(key)[0]" : key),
                message: "unknown section \(isList ? "[[\(key)]]" : "[\(key)]")",
                fix: "\(near.map { "did you mean \(Self.header($0))? " } ?? "")known sections: \(keys.map(Self.header).joined(separator: ", ")).")
        }
    }

    /// How a top-level section is written: `[[source]]` is a list, the others are tables.
    private static func header(_ section: String) -> String {
        section == "source" ? "[[source]]" : "[\(section)]"
    }

    func string(_ key: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let s = value.string else {
            throw error(key, "`\(key)` must be a string", fix: "write it in quotes: \(key) = \"...\"")
        }
        return s
    }

    func requiredString(_ key: String, example: String) throws -> String {
        guard let s = try string(key), !s.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error(nil, "[\(displayPath)] has no `\(key)`", fix: "add a line: \(key) = \"\(example)\"")
        }
        return s
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = table[key] else { return nil }
        guard let n = value.int else {
            throw error(key, "`\(key)` must be a whole number", fix: "write it without quotes, e.g. \(key) = \(range.lowerBound)")
        }
        guard range.contains(n) else {
            throw error(key, "`\(key)` = \(n) is out of range", fix: "use a value from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    /// A number of seconds, integer or decimal.
    func seconds(_ key: String, in range: ClosedRange<Double>) throws -> Duration? {
        guard let value = table[key] else { return nil }
        guard let s = value.double ?? value.int.map(Double.init) else {
            throw error(key, "`\(key)` must be a number of seconds", fix: "e.g. \(key) = 10")
        }
        guard range.contains(s) else {
            throw error(key, "`\(key)` = \(s) is out of range", fix: "use from \(range.lowerBound) to \(range.upperBound) seconds")
        }
        return .milliseconds(Int(s * 1000))
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = table[key] else { return nil }
        guard let b = value.bool else {
            throw error(key, "`\(key)` must be true or false", fix: "write \(key) = true or \(key) = false, without quotes")
        }
        return b
    }

    /// A string or an array of strings.
    func strings(_ key: String) throws -> [String]? {
        guard let value = table[key] else { return nil }
        if let s = value.string { return [s] }
        guard let array = value.array else {
            throw error(key, "`\(key)` must be a list of strings", fix: "e.g. \(key) = [\"a\", \"b\"]")
        }
        return try array.map { element in
            guard let s = element.string else {
                throw error(key, "`\(key)` must hold only strings", fix: "put every element in quotes")
            }
            return s
        }
    }

    func subtable(_ key: String) throws -> TableReader? {
        guard let value = table[key] else { return nil }
        guard let t = value.table else {
            throw error(key, "`\(key)` must be a table", fix: "write it as a [\(displayPath).\(key)] section")
        }
        return TableReader(table: t, path: path.isEmpty ? key : "\(path).\(key)", file: file, locator: locator)
    }
}

/// Levenshtein distance, for "did you mean" hints on short keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
