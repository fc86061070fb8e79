// libFuzzer target for the parsers (compiled only with -D REVUE_FUZZ; inert in `swift test`).
//
// Build and run from the repository root (clang's libFuzzer ships with the Swift toolchain):
//
//   mkdir -p .build/fuzz && swiftc -O -D REVUE_FUZZ -sanitize=fuzzer,address -parse-as-library \
//     -module-name RevueFuzz -Xcc -fmodule-map-file=Sources/CLibXML2/module.modulemap \
//     -Xcc -I/usr/include/libxml2 -lxml2 \
//     Sources/RevueCore/Model/*.swift $(find Sources/RevueCore/Parsing -name '*.swift') \
//     Tests/RevueCoreTests/Parsing/FeedParserFuzz.swift -o .build/fuzz/parser
//   mkdir -p .build/fuzz/corpus && cp Tests/RevueCoreTests/Fixtures/parsing/* .build/fuzz/corpus/
//   .build/fuzz/parser .build/fuzz/corpus -max_len=65536 -timeout=5 -rss_limit_mb=1024
//
// Any crash, leak report, 5-second input or 1 GB of memory is a bug: keep the input that
// libFuzzer writes (crash-*, timeout-*) as a fixture named for what it shows.
#if REVUE_FUZZ
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeedParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let profiles: [ParseOptions] = [
        ParseOptions(baseURL: "https://example.ma/feed"),
        ParseOptions(contentType: "text/xml; charset=windows-1256"),
        ParseOptions(profile: "aggregator"),
        ParseOptions(htmlRules: HTMLRules(item: "//a", title: ".", link: "@href", date: "../time")),
    ]
    for options in profiles {
        if let feed = try? FeedParser.parse(bytes, options: options) {
            _ = feed.jsonLine(path: "fuzz")
        }
    }
    _ = DateParser.parse(String(decoding: bytes.prefix(200), as: UTF8.self))
    _ = LinkIdentity.normalized(String(decoding: bytes.prefix(500), as: UTF8.self))
    return 0
}
#endif
