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
