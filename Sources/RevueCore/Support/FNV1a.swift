/// FNV-1a hashes: fixed, so that what they name (story ids, mail boundaries, link
/// fingerprints) is the same on every run and every machine, unlike `Hasher`.
enum FNV1a {
    static func hash64<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash = Running()
        for byte in bytes { hash.mix(byte) }
        return hash.value
    }

    /// The 64-bit hash fed piece by piece, for a key made of parts (a theme feature's kind
    /// and text) without building the key.
    struct Running {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        init() {}

        init(_ prefix: StaticString) {
            prefix.withUTF8Buffer { for byte in $0 { mix(byte) } }
        }

        mutating func mix(_ byte: UInt8) {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }

        mutating func mix(_ text: String) {
            for byte in text.utf8 { mix(byte) }
        }

        mutating func mix(_ scalar: Unicode.Scalar) {
            UTF8.encode(scalar) { mix($0) }
        }
    }

    static func hash128<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt128 {
        var hash: UInt128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d
        for byte in bytes {
            hash ^= UInt128(byte)
            hash = hash &* 0x0000_0000_0100_0000_0000_0000_0000_013B
        }
        return hash
    }

    static func hex(_ bytes: [UInt8]) -> String {
        String(hash64(bytes), radix: 16)
    }
}
