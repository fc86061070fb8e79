import Foundation

/// A string as a dictionary key compared by its UTF-8 bytes.
///
/// `String`'s own hashing and equality are by canonical equivalence: for non-ASCII text
/// (French accents, all of Arabic) every hash normalises the string first, which was the
/// largest cost of folding a day's headlines. Text read by the parsers is compared as
/// read, so byte identity is the identity wanted here.
struct UTF8Key: Hashable, Sendable {
    let string: String

    init(_ string: String) {
        var string = string
        string.makeContiguousUTF8()
        self.string = string
    }

    func hash(into hasher: inout Hasher) {
        var copy = string
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: UTF8Key, b: UTF8Key) -> Bool {
        guard a.string.utf8.count == b.string.utf8.count else { return false }
        var a = a.string, b = b.string
        return a.withUTF8 { x in b.withUTF8 { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
    }
}
