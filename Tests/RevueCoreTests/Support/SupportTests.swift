import XCTest
@testable import RevueCore

/// The small helpers the fast paths rely on.
final class SupportTests: XCTestCase {
    func testTrimmedWhitespaceMatchesFoundation() {
        for text in ["", "   ", "Titre", "  Titre  ", "\u{00A0}Titre\u{00A0}", "\tTitre\n", " مجلس الحكومة ", "a b", "\u{2003}x\u{3000}"] {
            XCTAssertEqual(text.trimmedWhitespace, text.trimmingCharacters(in: .whitespacesAndNewlines), text.debugDescription)
        }
        XCTAssertEqual("  Titre  "[...].trimmedWhitespace, "Titre")
    }

    func testUTF8KeysCompareBytes() {
        XCTAssertEqual(UTF8Key("Météo"), UTF8Key(String(decoding: Array("Météo".utf8), as: UTF8.self)))
        XCTAssertNotEqual(UTF8Key("Météo"), UTF8Key("Meteo"))
        XCTAssertNotEqual(UTF8Key("ab"), UTF8Key("abc"))
        // Canonically equivalent but not the same bytes: two keys (text is compared as read).
        XCTAssertNotEqual(UTF8Key("\u{00E9}"), UTF8Key("e\u{0301}"))
        var set = Set<UTF8Key>()
        XCTAssertTrue(set.insert(UTF8Key("حكومة")).inserted)
        XCTAssertFalse(set.insert(UTF8Key(String("حكومة"))).inserted)
    }

    func testShardedCacheComputesOncePerKeyAndStaysBounded() {
        let cache = ShardedCache<Int>(shards: 2, limit: 4)
        var calls = 0
        for word in ["a", "b", "a", "a", "b"] { _ = cache.value(for: word) { calls += 1; return word.count } }
        XCTAssertEqual(calls, 2)
        // Past its limit a shard starts over: values are computed again, never wrong.
        for i in 0..<100 { XCTAssertEqual(cache.value(for: "k\(i)") { i }, i) }
        XCTAssertEqual(cache.value(for: "k7") { -1 }, -1, "an old entry was dropped, not kept forever")
    }

    /// `foldWord` decomposes letters from a table built once; the way it replaced decomposed
    /// each whole word with Foundation. Both must agree.
    func testWordFoldingAgreesWithWholeWordDecomposition() {
        let words = [
            "Météo", "ÉCOLE", "cœur", "Ægypte", "Straße", "Ñandú", "Señor", "Ołtarz", "Čapek", "Ångström", "Việt", "Nguyễn",
            "Ṣalāḥ", "ﬁnale", "İstanbul", "الحُكومَة", "إفريقيا", "أخنوش", "آلاف", "مؤتمر", "رئيس", "مسؤولية", "ٱلرحمن",
            "٢٠٢٥", "۱۴۰۳", "ـــجلس", "كرة‌القدم", "Ελλάδα", "Москва́", "日本",
        ]
        for word in words {
            XCTAssertEqual(TextFolding.foldWord(word), Self.foldedTheOldWay(word), word)
        }
    }

    private static func foldedTheOldWay(_ raw: String) -> String {
        if raw.utf8.allSatisfy({ $0 < 0x80 }) { return raw.lowercased() }
        var out = String.UnicodeScalarView()
        for scalar in raw.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark: continue
            default: break
            }
            switch scalar.value {
            case 0x0640: continue
            case 0x0622, 0x0623, 0x0625, 0x0671: out.append("\u{0627}")
            case 0x0629: out.append("\u{0647}")
            case 0x0649: out.append("\u{064A}")
            case 0x0660...0x0669: out.append(Unicode.Scalar(scalar.value - 0x0660 + 0x30)!)
            case 0x06F0...0x06F9: out.append(Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!)
            case 0x0153: out.append("o"); out.append("e")
            case 0x00E6: out.append("a"); out.append("e")
            case 0x00DF: out.append("s"); out.append("s")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
