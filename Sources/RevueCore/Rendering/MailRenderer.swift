import Foundation

/// Mail headers for the .eml file.
public struct MailSettings: Sendable, Hashable {
    /// "revue@example.org" or "Revue de presse <revue@example.org>".
    public var from: String
    public var to: [String]
    public var subjectPrefix: String

    public init(from: String = "revue@localhost", to: [String] = [], subjectPrefix: String = "Revue de presse") {
        self.from = from
        self.to = to
        self.subjectPrefix = subjectPrefix
    }
}

/// The digest as a complete RFC 5322 message (`Digests/YYYY-MM-DD.eml`), ready for
/// `sendmail -t < file` or `msmtp -t < file`: CRLF line endings, ASCII only (RFC 2047
/// subject, quoted-printable bodies), no line over 78 characters.
public enum MailRenderer {
    /// A complete RFC 5322 message (multipart/alternative text + HTML) for `sendmail -t`.
    public static func render(_ digest: Digest, text: String, html: String, mail: MailSettings) -> String {
        let textBody = QuotedPrintable.encode(text)
        let htmlBody = QuotedPrintable.encode(html)
        let fingerprint = FNV1a.hex(Array(text.utf8) + Array(html.utf8))
        let boundary = boundary(fingerprint: fingerprint)
        let subject = "\(mail.subjectPrefix) — \(FrenchDate.long(digest.day))"
        let recipients = mail.to.isEmpty ? "undisclosed-recipients:;" : mail.to.map(MailAddress.encode).joined(separator: ", ")

        var headers: [String] = []
        headers += HeaderLine.fold(name: "From", value: MailAddress.encode(mail.from))
        headers += HeaderLine.fold(name: "To", value: recipients)
        headers.append("Date: \(MailDate.rfc5322(digest.generatedAt, in: digest.timeZone))")
        headers += EncodedWord.subjectLines(subject)
        headers.append("Message-ID: <revue.\(digest.day).\(fingerprint)@\(MailAddress.domain(of: mail.from))>")
        headers.append("MIME-Version: 1.0")
        headers.append("Content-Language: fr")
        headers.append("Auto-Submitted: auto-generated")
        headers.append("User-Agent: revue/\(RevueVersion.current)")
        headers.append("Content-Type: multipart/alternative;")
        headers.append(" boundary=\"\(boundary)\"")

        var lines = headers
        lines.append("")
        lines.append("This is a multi-part message in MIME format.")
        for (type, body) in [("text/plain", textBody), ("text/html", htmlBody)] {
            lines.append("")
            lines.append("--\(boundary)")
            lines.append("Content-Type: \(type); charset=utf-8")
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines.append(body)
        }
        lines.append("")
        lines.append("--\(boundary)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// "=_" never occurs in quoted-printable output ("=" is always followed by two hex
    /// digits or a line break), so a boundary starting with it cannot collide with a
    /// line of either body, whatever the feeds say: no search through the bodies needed.
    static func boundary(fingerprint: String) -> String {
        "=_revue_\(fingerprint)"
    }
}

/// Quoted-printable (RFC 2045 §6.7) over UTF-8, with CRLF hard line breaks and soft
/// breaks keeping every encoded line within 76 characters.
enum QuotedPrintable {
    static let maximumLineLength = 76

    static func encode(_ text: String) -> String {
        // Lines end with LF, CRLF or CR in the input; each becomes one CRLF.
        var lines: [ArraySlice<UInt8>] = []
        let bytes = Array(text.utf8)
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 10 || bytes[index] == 13 {
                lines.append(bytes[lineStart..<index])
                if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 { index += 1 }
                lineStart = index + 1
            }
            index += 1
        }
        // A final line break ends the last line; it does not start an empty one.
        if lineStart < bytes.count || lines.isEmpty { lines.append(bytes[lineStart...]) }
        return lines.map(encodeLine).joined(separator: "\r\n")
    }

    static func encodeLine(_ bytes: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 2)
        var column = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            // What matters to sendmail and mbox is the start of an *output* line, which a
            // soft break can move into the middle of an input line.
            var escaped = mustEscape(byte, at: column == 0 ? 0 : 1, isLast: isLast)
            var width = escaped ? 3 : 1
            // Leave room for the "=" of a soft break unless this byte ends the line.
            let limit = isLast ? maximumLineLength : maximumLineLength - 1
            if column + width > limit {
                output += [UInt8(ascii: "="), 13, 10]
                column = 0
                escaped = mustEscape(byte, at: 0, isLast: isLast)
                width = escaped ? 3 : 1
            }
            if escaped {
                output += [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            } else {
                output.append(byte)
            }
            column += width
        }
        return String(decoding: output, as: UTF8.self)
    }

    static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Besides non-ASCII and "=", escape what transports mangle: trailing white space,
    /// a leading "." (end of input for `sendmail` without -i) and a leading "From ".
    static func mustEscape(_ byte: UInt8, at index: Int, isLast: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "="): return true
        case UInt8(ascii: " "), UInt8(ascii: "\t"): return isLast
        case UInt8(ascii: "."), UInt8(ascii: "F"): return index == 0
        case 33...126: return false
        default: return true
        }
    }
}

/// RFC 2047 encoded words ("=?UTF-8?B?...?=") for a non-ASCII subject.
enum EncodedWord {
    /// 42 bytes of UTF-8 make 56 base64 characters: "Subject: " plus one word is 77
    /// columns, within the 78 that RFC 5322 recommends.
    static let bytesPerWord = 42

    static func subjectLines(_ subject: String) -> [String] {
        let clean = PrintableText.clean(subject)
        if clean.unicodeScalars.allSatisfy({ $0.isASCII }) {
            return HeaderLine.fold(name: "Subject", value: clean)
        }
        let words = encode(clean)
        return words.enumerated().map { index, word in index == 0 ? "Subject: \(word)" : " \(word)" }
    }

    /// Splits on character boundaries: RFC 2047 forbids cutting a multi-byte character
    /// between two encoded words.
    static func encode(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if !chunk.isEmpty && chunk.count + bytes.count > bytesPerWord {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words
    }

    static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }
}

/// Header lines folded at spaces to stay within 78 columns where the value allows it.
enum HeaderLine {
    static func fold(name: String, value: String, width: Int = 78) -> [String] {
        var lines: [String] = []
        var current = "\(name):"
        for word in value.split(separator: " ") {
            if current != "\(name):" && current.count + 1 + word.count > width {
                lines.append(current)
                current = " \(word)"
            } else {
                current += " \(word)"
            }
        }
        lines.append(current)
        return lines
    }
}

/// Addresses as written in the settings ("a@b.ma", "Name <a@b.ma>"): a non-ASCII
/// display name is RFC 2047 encoded, one with special characters quoted.
enum MailAddress {
    static func encode(_ address: String) -> String {
        let clean = PrintableText.clean(address)
        guard let open = clean.lastIndex(of: "<"), clean.hasSuffix(">") else { return clean }
        var name = clean[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
        let mailbox = clean[open...]
        if name.isEmpty { return String(mailbox) }
        if !name.unicodeScalars.allSatisfy(\.isASCII) {
            return "\(EncodedWord.encode(name).joined(separator: " ")) \(mailbox)"
        }
        // RFC 5322 "specials": unquoted, a comma would split one recipient in two.
        if name.contains(where: { "()<>[]:;@\\,.\"".contains($0) }) {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" \(mailbox)"
        }
        return "\(name) \(mailbox)"
    }

    /// The domain for the Message-ID: the sender's, else "localhost".
    static func domain(of address: String) -> String {
        let bare = address.split(separator: "<").last.map { $0.replacingOccurrences(of: ">", with: "") } ?? address
        guard let at = bare.lastIndex(of: "@") else { return "localhost" }
        let domain = bare[bare.index(after: at)...].trimmingCharacters(in: .whitespaces)
        let allowed = domain.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "." || $0 == "-")
        }
        return domain.isEmpty || !allowed ? "localhost" : domain
    }
}

/// "Tue, 23 Dec 2025 07:00:00 +0100" (RFC 5322 §3.3), in the digest's time zone.
enum MailDate {
    static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func rfc5322(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let day = DigestDay(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
        let offset = timeZone.secondsFromGMT(for: date) / 60
        let sign = offset < 0 ? "-" : "+"
        let clock = String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        let zone = String(format: "%02d%02d", abs(offset) / 60, abs(offset) % 60)
        return "\(days[FrenchDate.weekdayIndex(day)]), \(day.day) \(months[day.month - 1]) \(day.year) \(clock) \(sign)\(zone)"
    }
}
