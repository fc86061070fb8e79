/// Reduces markup to the plain text a reader sees: tags removed (script and style with their
/// content), comments dropped, entities decoded once, white space collapsed to single spaces.
///
/// Works on UTF-8 bytes without Foundation: it runs for every title and summary.
enum PlainText {
    /// Plain text of an HTML fragment, at most `limit` bytes of output (cut on a character).
    static func fromHTML(_ input: [UInt8], limit: Int = 1 << 16, leadLength: Int? = nil) -> String {
        input.withUnsafeBufferPointer { reduce($0, html: true, limit: limit, leadLength: leadLength) }
    }

    /// Plain text that is already plain: only white space is normalised.
    static func collapse(_ input: [UInt8], limit: Int = 1 << 16) -> String {
        input.withUnsafeBufferPointer { reduce($0, html: false, limit: limit) }
    }

    /// The one implementation: writes straight into the new String's storage, and cuts the
    /// result to a lead of `leadLength` characters if given.
    ///
    /// `eightAtATime` is for tests, which compare it with the byte-by-byte way.
    static func reduce(_ input: UnsafeBufferPointer<UInt8>, html: Bool, limit: Int, leadLength: Int? = nil,
                       eightAtATime: Bool = true) -> String {
        if input.isEmpty { return "" }
        // Entities can expand a little ("&nGt;" is 6 bytes of output): leave room.
        let capacity = min(input.count, limit) + min(input.count, limit) / 4 + 16
        let text = String(unsafeUninitializedCapacity: capacity) { buffer in
            var out = Output(buffer: buffer, limit: min(limit, capacity - 8))
            if let leadLength { out.stop(afterScalars: leadLength + 2) }
            out.eightAtATime = eightAtATime
            if html && input.contains(where: { $0 == 0x3C || $0 == 0x26 }) {
                scan(input, into: &out)
            } else {
                let n = input.count
                var i = 0
                while i < n && !out.full {
                    if i + 8 <= n, out.appendPlainRun(at: input.baseAddress! + i) { i += 8; continue }
                    out.append(input[i])
                    i += 1
                }
            }
            let count = out.finish()
            if let leadLength { return Lead.cut(buffer, count: count, maxLength: leadLength) }
            return count
        }
        // The room left for entities is usually unused, and markup or a cut lead can leave
        // most of the buffer empty: a headline kept for the whole run gets an exact copy
        // (half of a 2,000-source run's headline memory was such empty room).
        let used = text.utf8.count
        guard used + 32 < capacity else { return text }
        return text.utf8.withContiguousStorageIfAvailable { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// An output buffer that collapses white space and stops at a byte limit.
    struct Output {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0
        var pendingSpace = false
        /// The byte count at which to stop (or, for a lead, to count scalars again).
        var limit: Int
        var full = false
        /// For a lead: the real byte limit, and the scalar count after which the rest of the
        /// text cannot change the lead (`Lead.cut` reads no further than scalar `maxLength`).
        var hardLimit = 0
        var leadScalars = 0
        var scalarsCounted = 0
        var countedUpTo = 0
        /// The previous byte was 0xC2 (the lead byte of a no-break space or a C1 control).
        var heldC2 = false

        init(buffer: UnsafeMutableBufferPointer<UInt8>, limit: Int) {
            self.buffer = buffer
            self.limit = limit
        }

        @inline(__always)
        mutating func space() { if count > 0 { pendingSpace = true } }

        var eightAtATime = true

        /// Writes the eight bytes at `p` in one store when `append` would write each of them
        /// unchanged (see `isPlainRun`); false, writing nothing, otherwise.
        @inline(__always)
        mutating func appendPlainRun(at p: UnsafePointer<UInt8>) -> Bool {
            guard eightAtATime, !heldC2, count + 9 < limit else { return false }
            let x = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
            guard PlainText.isPlainRun(x), let base = buffer.baseAddress else { return false }
            if pendingSpace {
                base[count] = 0x20
                count += 1
                pendingSpace = false
            }
            UnsafeMutableRawPointer(base + count).storeBytes(of: x, as: UInt64.self)
            count += 8
            return true
        }

        /// Stops once `scalars` characters are written: a summary only needs its lead.
        mutating func stop(afterScalars scalars: Int) {
            leadScalars = scalars
            hardLimit = limit
            limit = min(hardLimit, scalars)  // each character takes at least one byte
        }

        /// At the soft limit: stop if the lead has all its characters, else move the limit.
        mutating func checkLead() {
            // Eight bytes at a time: a character starts at every byte that is not 10xxxxxx.
            if let base = buffer.baseAddress {
                while countedUpTo + 8 <= count {
                    let x = UnsafeRawPointer(base + countedUpTo).loadUnaligned(as: UInt64.self)
                    scalarsCounted += 8 - (x & ~(x << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                    countedUpTo += 8
                }
            }
            while countedUpTo < count {
                if buffer[countedUpTo] & 0xC0 != 0x80 { scalarsCounted += 1 }
                countedUpTo += 1
            }
            if scalarsCounted >= leadScalars { full = true }
            else { limit = min(hardLimit, count + leadScalars - scalarsCounted) }
        }

        @inline(__always)
        mutating func append(_ c: UInt8) {
            if !heldC2 {
                if c >= 0x21 && c != 0x7F && c != 0xC2 && count + 1 < limit {
                    if pendingSpace {
                        buffer[count] = 0x20
                        count += 1
                        pendingSpace = false
                    }
                    buffer[count] = c
                    count += 1
                    return
                }
                if c == 0x20 {
                    if count > 0 { pendingSpace = true }
                    return
                }
            }
            appendSlow(c)
        }

        @inline(never)
        mutating func appendSlow(_ c: UInt8) {
            if heldC2 {
                heldC2 = false
                if c == 0xA0 { space(); return }
                if c >= 0x80 && c <= 0x9F { appendC1(c); return }
                put(0xC2)
            }
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C: space()
            case 0xC2: heldC2 = true
            case 0x00...0x08, 0x0B, 0x0E...0x1F, 0x7F: break  // control characters never help a reader
            default: put(c)
            }
        }

        @inline(__always)
        private mutating func put(_ c: UInt8) {
            if full { return }
            if count >= limit && limit < hardLimit {
                checkLead()
                if full { return }
            }
            if pendingSpace {
                pendingSpace = false
                if count < limit {
                    buffer[count] = 0x20
                    count += 1
                }
            }
            // Stop at the limit, but only at the start of a character.
            if count >= limit && c & 0xC0 != 0x80 {
                if limit < hardLimit { checkLead() }
                if full || count >= limit { full = true; return }
            }
            if count >= buffer.count { full = true; return }
            buffer[count] = c
            count += 1
        }

        /// A C1 control character (U+0080...U+009F, UTF-8 C2 80...C2 9F) is never text: it is a
        /// windows-1252 byte that was read as ISO-8859-1 on its way into the feed, by the feed's
        /// own software or by a converter. It is written as the windows-1252 character ("\u{92}"
        /// is "’"); the five bytes windows-1252 leaves undefined stay as they are.
        private mutating func appendC1(_ low: UInt8) {
            let v = UInt32(Transcoder.windows1252High[Int(low) - 0x80])
            if v < 0xA0 {
                put(0xC2)
                put(low)
            } else if v < 0x800 {
                put(UInt8(0xC0 | (v >> 6))); put(UInt8(0x80 | (v & 0x3F)))
            } else {
                put(UInt8(0xE0 | (v >> 12))); put(UInt8(0x80 | ((v >> 6) & 0x3F))); put(UInt8(0x80 | (v & 0x3F)))
            }
        }

        mutating func appendScalar(_ v: UInt32) {
            if v == 0xA0 || v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D { space(); return }
            if v < 0x20 { return }
            if v < 0x80 { append(UInt8(v)); return }
            if v < 0x800 {
                append(UInt8(0xC0 | (v >> 6))); append(UInt8(0x80 | (v & 0x3F)))
            } else if v < 0x10000 {
                append(UInt8(0xE0 | (v >> 12))); append(UInt8(0x80 | ((v >> 6) & 0x3F))); append(UInt8(0x80 | (v & 0x3F)))
            } else {
                append(UInt8(0xF0 | (v >> 18))); append(UInt8(0x80 | ((v >> 12) & 0x3F)))
                append(UInt8(0x80 | ((v >> 6) & 0x3F))); append(UInt8(0x80 | (v & 0x3F)))
            }
        }

        /// The byte count written, ending on a whole character.
        mutating func finish() -> Int {
            if heldC2 { heldC2 = false; put(0xC2) }
            // Never end inside a multi-byte character (a cut at the limit).
            var end = count
            var back = end - 1
            while back >= 0 && back >= end - 4 && buffer[back] & 0xC0 == 0x80 { back -= 1 }
            if back >= 0 && buffer[back] >= 0xC0 {
                let lead = buffer[back]
                let need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                if end - back < need { end = back }
            }
            return end
        }
    }

    /// A tag name's first 8 bytes, lower-cased, packed little-endian (0 if longer).
    @inline(__always)
    static func packedName(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> UInt64 {
        guard e - s <= 8 else { return 0 }
        var v: UInt64 = 0
        for k in s..<e {
            let c = b[k]
            v |= UInt64(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) << (8 * UInt64(k - s))
        }
        return v
    }

    /// Eight bytes that reach the output as they are: no markup or entity start, no control
    /// character, DEL or no-break-space lead byte, and spaces only single and inside.
    @inline(__always)
    static func isPlainRun(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        if (x &- ones &* 0x20) & ~x & highs != 0 { return false }  // a byte below 0x20
        if hasZero(x ^ (ones &* 0x3C)) || hasZero(x ^ (ones &* 0x26)) || hasZero(x ^ (ones &* 0x7F))
            || hasZero(x ^ (ones &* 0xC2)) { return false }
        // The exact places of spaces (0x80 in each byte that is one).
        let y = x ^ (ones &* 0x20)
        let low7 = ones &* 0x7F
        let spaces = ~(((y & low7) &+ low7) | y | low7)
        return spaces & 0x80 == 0 && spaces & (0x80 << 56) == 0 && spaces & (spaces << 8) == 0
    }

    static let packedScript: UInt64 = 0x747069726373
    static let packedStyle: UInt64 = 0x656c797473

    /// Tags that do not separate words ("<b>a</b>b" reads "ab").
    @inline(__always)
    static func isInline(_ packed: UInt64) -> Bool {
        switch packed {
        case 0x61, 0x72626261, 0x6d796e6f726361, 0x62, 0x696462, 0x6f6462, 0x676962, 0x65746963, 0x65646f63, 0x6c6564, 0x6e6664, 0x6d65, 0x746e6f66, 0x69, 0x736e69, 0x64626b, 0x6b72616d, 0x71, 0x73, 0x706d6173, 0x6c6c616d73, 0x6e617073, 0x656b69727473, 0x676e6f727473, 0x627573, 0x707573, 0x656d6974, 0x7474, 0x75, 0x726176: return true
        default: return false
        }
    }

    /// A comment with no "-->" ends at the first ">", as in HTML before HTML5 (and in
    /// feedparser): "sa<!-- -- x >fe" is "safe"; with no ">" either, it hides the rest. A
    /// declaration never closed is text: "<!DOCTYPE" with no ">" after it reads as written.
    static func scan(_ b: UnsafeBufferPointer<UInt8>, into out: inout Output) {
        let n = b.count
        var i = 0
        // Where a search for "-->" or ">" found nothing: later searches from further on would
        // not either, so each is made once (text full of "<!--" stays linear).
        var noCommentCloseFrom = n
        var noGreaterThanFrom = n
        func greaterThan(from start: Int) -> Int? {
            guard start < noGreaterThanFrom else { return nil }
            if let gt = find(b, [0x3E], from: start) { return gt }
            noGreaterThanFrom = start
            return nil
        }
        func commentEnd(from start: Int) -> Int {
            if start < noCommentCloseFrom {
                if let close = find(b, [0x2D, 0x2D, 0x3E], from: start) { return close + 3 }
                noCommentCloseFrom = start
            }
            return greaterThan(from: start).map { $0 + 1 } ?? n
        }
        while i < n && !out.full {
            if i + 8 <= n, out.appendPlainRun(at: b.baseAddress! + i) { i += 8; continue }
            let c = b[i]
            if c == 0x26 {  // &
                i = decodeEntity(b, at: i, into: &out)
                continue
            }
            if c != 0x3C {  // <
                out.append(c)
                i += 1
                continue
            }
            guard i + 1 < n else { out.append(c); i += 1; continue }
            let next = b[i + 1]
            if next == 0x21 {  // <!
                if i + 3 < n, b[i + 2] == 0x2D, b[i + 3] == 0x2D {
                    i = commentEnd(from: i + 4)
                } else if matches(b, at: i, "<![CDATA[") {
                    let end = find(b, [0x5D, 0x5D, 0x3E], from: i + 9) ?? n
                    for k in (i + 9)..<end { out.append(b[k]) }
                    i = min(n, end + 3)
                } else if i + 2 < n, isASCIILetter(b[i + 2]), let gt = greaterThan(from: i + 2) {
                    i = gt + 1  // <!DOCTYPE ...>
                } else {
                    out.append(c)  // "<!'", and "<!DOCTYPE" never closed, are text
                    i += 1
                }
                continue
            }
            if next == 0x3F {  // <?...>
                i = (greaterThan(from: i + 2) ?? (n - 1)) + 1
                continue
            }
            let closing = next == 0x2F
            let nameStart = closing ? i + 2 : i + 1
            guard nameStart < n, isASCIILetter(b[nameStart]) else {
                out.append(c)
                i += 1
                continue
            }
            var nameEnd = nameStart
            while nameEnd < n, isNameByte(b[nameEnd]) { nameEnd += 1 }
            guard let tagEnd = endOfTag(b, from: nameEnd) else {
                // "<" that opens no tag is text ("1 <b 2" without any ">").
                out.append(c)
                i += 1
                continue
            }
            let name = packedName(b, nameStart, nameEnd)
            i = tagEnd + 1
            if !closing && (name == packedScript || name == packedStyle) {
                i = endOfRawText(b, named: name == packedScript ? "script" : "style", from: i)
                out.space()
                continue
            }
            if !isInline(name) { out.space() }
        }
    }

    /// Decodes the entity at `i` ("&...") and returns the index after it; a bare "&" is text.
    static func decodeEntity(_ b: UnsafeBufferPointer<UInt8>, at i: Int, into out: inout Output) -> Int {
        // The five common ones without a dictionary lookup.
        if i + 3 < b.count {
            let c1 = b[i + 1], c2 = b[i + 2], c3 = b[i + 3]
            if c1 == 0x6C && c2 == 0x74 && c3 == 0x3B { out.append(0x3C); return i + 4 }  // &lt;
            if c1 == 0x67 && c2 == 0x74 && c3 == 0x3B { out.append(0x3E); return i + 4 }  // &gt;
            if i + 4 < b.count && c1 == 0x61 && c2 == 0x6D && c3 == 0x70 && b[i + 4] == 0x3B { out.append(0x26); return i + 5 }
        }
        if let (scalars, end) = entity(b, at: i) {
            for s in scalars { out.appendScalar(s) }
            return end
        }
        out.append(0x26)
        return i + 1
    }

    /// The value of the digits of a numeric character reference (after "&#" or "&#x"),
    /// at most eight of them, and the index after the last one.
    @inline(__always)
    static func referenceDigits<Bytes: RandomAccessCollection>(_ b: Bytes, from start: Int, hex: Bool)
        -> (value: UInt32, end: Int) where Bytes.Element == UInt8, Bytes.Index == Int
    {
        var j = start
        var v: UInt32 = 0
        while j < b.endIndex, j - start < 8 {
            let d = b[j]
            if d >= 0x30 && d <= 0x39 { v = v &* (hex ? 16 : 10) &+ UInt32(d - 0x30) }
            else if hex, d | 0x20 >= 0x61, d | 0x20 <= 0x66 { v = v &* 16 &+ UInt32((d | 0x20) - 0x61 + 10) }
            else { break }
            j += 1
        }
        return (v, j)
    }

    /// The code points of the character reference at `i` and the index after it.
    static func entity(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> ([UInt32], Int)? {
        let n = b.count
        var j = i + 1
        guard j < n else { return nil }
        if b[j] == 0x23 {  // &#
            j += 1
            var hex = false
            if j < n, b[j] | 0x20 == 0x78 { hex = true; j += 1 }
            let start = j
            let v: UInt32
            (v, j) = referenceDigits(b, from: j, hex: hex)
            guard j > start else { return nil }
            if j < n, b[j] == 0x3B { j += 1 }
            return ([numericScalar(v)], j)
        }
        let start = j
        while j < n, j - start < 32, isNameByte(b[j]) { j += 1 }
        guard j > start else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[start..<j]), as: UTF8.self)
        if j < n, b[j] == 0x3B, let points = HTMLEntities.characters(named: name) {
            return (points, j + 1)
        }
        // Legacy references without ";" that real feeds write ("&amp" "&nbsp").
        if let legacy = legacyWithoutSemicolon[name] { return ([legacy], j) }
        return nil
    }

    static let legacyWithoutSemicolon: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "nbsp": 0xA0, "copy": 0xA9, "reg": 0xAE,
    ]

    /// A numeric reference's character: C1 numbers mean windows-1252 (as browsers read them),
    /// impossible ones become U+FFFD.
    static func numericScalar(_ v: UInt32) -> UInt32 {
        if v >= 0x80 && v <= 0x9F {
            let w = UInt32(Transcoder.windows1252High[Int(v) - 0x80])
            return w
        }
        if v == 0 || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF { return 0xFFFD }
        return v
    }

    @inline(__always) static func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always) static func isNameByte(_ c: UInt8) -> Bool {
        isASCIILetter(c) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F || c == 0x3A || c == 0x2E
    }

    /// The ">" ending a tag whose name ends at `from`, skipping quoted attribute values.
    /// Gives up after 4 KB, so that text full of unclosed "<a \"" stays linear.
    static func endOfTag(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var i = from
        var quote: UInt8 = 0
        let end = min(b.count, from + 4096)
        while i < end {
            let c = b[i]
            if quote != 0 { if c == quote { quote = 0 } }
            else if c == 0x22 || c == 0x27 { quote = c }
            else if c == 0x3E { return i }
            else if c == 0x3C { return nil }
            i += 1
        }
        return nil
    }

    /// Index after `</name>` (case-insensitive), or the end.
    static func endOfRawText(_ b: UnsafeBufferPointer<UInt8>, named name: String, from: Int) -> Int {
        let pattern = Array("</\(name)".utf8)
        var i = from
        while i + pattern.count <= b.count {
            if b[i] == 0x3C {
                var ok = true
                for k in 1..<pattern.count where b[i + k] | (k > 1 ? 0x20 : 0) != pattern[k] { ok = false; break }
                if ok { return (find(b, [0x3E], from: i) ?? (b.count - 1)) + 1 }
            }
            i += 1
        }
        return b.count
    }

    static func find(_ b: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty else { return nil }
        var i = from
        let first = needle[0]
        while i + needle.count <= b.count {
            if b[i] == first {
                var ok = true
                for k in 1..<needle.count where b[i + k] != needle[k] { ok = false; break }
                if ok { return i }
            }
            i += 1
        }
        return nil
    }

    static func matches(_ b: UnsafeBufferPointer<UInt8>, at i: Int, _ s: StaticString) -> Bool {
        let len = s.utf8CodeUnitCount
        guard i + len <= b.count else { return false }
        let p = s.utf8Start
        for k in 0..<len where b[i + k] != p[k] { return false }
        return true
    }
}
