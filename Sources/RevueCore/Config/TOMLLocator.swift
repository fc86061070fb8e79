/// Finds the line of a table or key in TOML text, so that a mistake found after parsing
/// (TOMLKit keeps no positions on values) can still be reported with its line.
///
/// Tables are named as paths: "digest", "source[2]" (the third `[[source]]`),
/// "source[2].html".
struct TOMLLocator {
    private var tableLines: [String: Int] = [:]
    private var keyLines: [String: Int] = [:]

    init(text: String) {
        var current = ""
        var arrayCounts: [String: Int] = [:]
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let number = index + 1
            if line.hasPrefix("[[") , let end = line.range(of: "]]") {
                let name = String(line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound])
                    .trimmingCharacters(in: .whitespaces)
                let n = arrayCounts[name, default: 0]
                arrayCounts[name] = n + 1
                current = "\(name)[\(n)]"
                tableLines[current] = number
            } else if line.hasPrefix("["), let end = line.firstIndex(of: "]") {
                let name = String(line[line.index(after: line.startIndex)..<end]).trimmingCharacters(in: .whitespaces)
                // A sub-table of the last array element: [source.html] after [[source]].
                if let dot = name.lastIndex(of: "."), let n = arrayCounts[String(name[..<dot])] {
                    current = "\(name[..<dot])[\(n - 1)]\(name[dot...])"
                } else {
                    current = name
                }
                tableLines[current] = number
            } else if let eq = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = line[..<eq].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                let path = current.isEmpty ? key : "\(current).\(key)"
                if keyLines[path] == nil { keyLines[path] = number }
            }
        }
    }

    func line(ofTable table: String) -> Int? { tableLines[table] }

    func line(ofKey key: String, in table: String) -> Int? {
        keyLines[table.isEmpty ? key : "\(table).\(key)"] ?? tableLines[table]
    }
}

import Foundation

extension TOMLLocator {
    /// The first table header whose name starts with a character no TOML key can start
    /// with (`[%digest]`, `[[.source]]`), and that character. The TOML parser revue uses
    /// (toml++ 3 inside TOMLKit) aborts the process on such a header instead of reporting
    /// it, so revue looks for it first. Lines inside multi-line strings and arrays are
    /// not headers.
    static func malformedHeader(in text: String) -> (line: Int, character: Character)? {
        var inMultilineString = false
        var arrayDepth = 0
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            let quotes = raw.components(separatedBy: "\"\"\"").count - 1 + raw.components(separatedBy: "'''").count - 1
            defer { if quotes % 2 == 1 { inMultilineString.toggle() } }
            if inMultilineString { continue }
            if arrayDepth == 0, line.first == "[" {
                var name = line.dropFirst()
                if name.first == "[" { name = name.dropFirst() }
                name = name.drop { $0 == " " || $0 == "\t" }
                // The end of the line counts too: a name never continues on the next one.
                let first = name.first ?? "\n"
                if !(first.isASCII && (first.isLetter || first.isNumber)), !"_-\"'".contains(first), first != "]" {
                    return (index + 1, first)
                }
                continue
            }
            // A value's brackets, outside strings and comments: an array may span lines.
            var inString: Character?
            for c in line {
                if let q = inString { if c == q { inString = nil }; continue }
                if c == "\"" || c == "'" { inString = c } else if c == "#" { break }
                else if c == "[" { arrayDepth += 1 } else if c == "]" { arrayDepth = max(0, arrayDepth - 1) }
            }
        }
        return nil
    }
}
