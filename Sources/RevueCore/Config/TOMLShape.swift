/// Checks the bracket structure of a TOML document before TOMLKit reads it.
///
/// TOMLKit wraps toml++ 3, which is built with its assertions on: on some malformed
/// documents (`[%digest]`, `[` alone on a line, `to = ["a@example.ma"}`) it aborts the whole
/// process instead of returning an error. Fuzzing found these; each is a plausible typo. So
/// revue first walks the document's shape: headers, keys, `=`, strings, comments, arrays,
/// inline tables, and where a value may start. What passes is well-formed at that level,
/// and toml++ is left to judge the rest (numbers, dates, escapes) with its own messages.
struct TOMLShape {
    struct Mistake: Error {
        var line: Int
        var message: String
    }

    private let scalars: [Unicode.Scalar]
    private var i = 0
    private var line = 1

    static func check(_ text: String) -> Mistake? {
        var shape = TOMLShape(scalars: Array(text.unicodeScalars))
        do {
            try shape.document()
            return nil
        } catch let mistake as Mistake {
            return mistake
        } catch {
            return nil
        }
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private var current: Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }

    private func fail(_ message: String) -> Mistake { Mistake(line: line, message: message) }

    private func describe(_ c: Unicode.Scalar?) -> String {
        guard let c else { return "the end of the file" }
        if c == "\n" || c == "\r" { return "the end of the line" }
        if c.properties.generalCategory == .control { return "the control character U+\(String(c.value, radix: 16, uppercase: true))" }
        return "`\(Character(c))`"
    }

    private mutating func advance() {
        if current == "\n" { line += 1 }
        i += 1
    }

    private mutating func skipBlanks() {
        while current == " " || current == "\t" { advance() }
    }

    /// Blanks, newlines and comments: what may separate the values of an array.
    private mutating func skipBlanksLinesAndComments() {
        while let c = current {
            if c == " " || c == "\t" || c == "\n" || c == "\r" { advance() } else if c == "#" { skipComment() } else { return }
        }
    }

    private mutating func skipComment() {
        while let c = current, c != "\n" { advance() }
    }

    /// After a header or a value: blanks, an optional comment, then the end of the line.
    private mutating func endOfLine() throws {
        skipBlanks()
        if current == "#" { skipComment() }
        if current == "\r" { advance() }
        guard current == nil || current == "\n" else { throw fail("unexpected \(describe(current)) after the value") }
    }

    private mutating func document() throws {
        while current != nil {
            skipBlanks()
            switch current {
            case nil: return
            case "\n", "\r": advance()
            case "#": skipComment()
            case "[": try header()
            default: try keyValue(); try endOfLine()
            }
        }
    }

    private mutating func header() throws {
        advance()
        let isList = current == "["
        if isList { advance() }
        skipBlanks()
        guard current != "]" else { throw fail("a section header without a name") }
        try key(what: "a section name")
        guard current == "]" else { throw fail("a section header is closed by `]`, not \(describe(current))") }
        advance()
        if isList {
            guard current == "]" else { throw fail("a [[list]] section header is closed by `]]`") }
            advance()
        }
        try endOfLine()
    }

    /// A dotted key: bare words (letters, digits, `_`, `-`) or quoted strings.
    private mutating func key(what: String) throws {
        while true {
            skipBlanks()
            guard let c = current else { throw fail("\(what) is missing before the end of the file") }
            if c == "\"" || c == "'" {
                try string()
            } else if Self.isBare(c) {
                while let c = current, Self.isBare(c) { advance() }
            } else {
                throw fail("\(what) cannot start with \(describe(c))")
            }
            skipBlanks()
            guard current == "." else { return }
            advance()
        }
    }

    private mutating func keyValue() throws {
        try key(what: "a key")
        guard current == "=" else { throw fail("expected `=` after the key, found \(describe(current))") }
        advance()
        skipBlanks()
        try value()
    }

    private mutating func value() throws {
        guard let c = current else { throw fail("a value is missing before the end of the file") }
        switch c {
        case "\"", "'": try string()
        case "[": try array()
        case "{": try inlineTable()
        case "\n", "\r", ",", "]", "}", "#", " ", "\t": throw fail("a value is missing before \(describe(c))")
        default:
            // Numbers, booleans, dates and times: toml++ reads them, but only from the
            // characters they are written with (it asserts on others, control characters
            // included). A space belongs to the value only between a date and a time.
            let start = i
            while let c = current, !(c == "\n" || c == "\r" || c == "," || c == "]" || c == "}" || c == "#") {
                if c == " " || c == "\t" {
                    let next = i + 1 < scalars.count ? scalars[i + 1] : nil
                    guard c == " ", i - start == 10, Self.isDate(scalars[start..<i]), let next, ("0"..."9").contains(next)
                    else { break }
                } else if !(Self.isBare(c) || c == "+" || c == "." || c == ":") {
                    throw fail("\(describe(c)) cannot be part of a value (strings are written in quotes)")
                }
                advance()
            }
            skipBlanks()
        }
    }

    /// "1979-05-27".
    private static func isDate(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        s.enumerated().allSatisfy { offset, c in offset == 4 || offset == 7 ? c == "-" : ("0"..."9").contains(c) }
    }

    private mutating func array() throws {
        advance()
        while true {
            skipBlanksLinesAndComments()
            if current == "]" { advance(); return }
            try value()
            skipBlanksLinesAndComments()
            if current == "," { advance(); continue }
            guard current == "]" else { throw fail("an array ends with `]`, found \(describe(current))") }
            advance()
            return
        }
    }

    private mutating func inlineTable() throws {
        advance()
        skipBlanks()
        if current == "}" { advance(); return }
        while true {
            try keyValue()
            skipBlanks()
            if current == "," { advance(); skipBlanks(); continue }
            guard current == "}" else { throw fail("an inline table ends with `}` on its line, found \(describe(current))") }
            advance()
            return
        }
    }

    /// "basic", 'literal', and their three-quote multi-line forms.
    private mutating func string() throws {
        let quote = current!
        let start = line
        let multiLine = i + 2 < scalars.count && scalars[i + 1] == quote && scalars[i + 2] == quote
        advance()
        if multiLine {
            advance(); advance()
            while true {
                guard let c = current else { throw Mistake(line: start, message: "a multi-line string is never closed") }
                if c == quote, i + 2 < scalars.count, scalars[i + 1] == quote, scalars[i + 2] == quote {
                    advance(); advance(); advance()
                    // Up to two more quotes belong to the string.
                    while current == quote { advance() }
                    return
                }
                if c == "\\" && quote == "\"" { advance() }
                advance()
            }
        }
        while true {
            guard let c = current, c != "\n" else { throw Mistake(line: start, message: "a string is not closed on its line") }
            advance()
            if c == quote { return }
            if c == "\\" && quote == "\"" && current != nil && current != "\n" { advance() }
        }
    }

    private static func isBare(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_" || c == "-"
    }
}
