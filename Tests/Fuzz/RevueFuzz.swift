// libFuzzer targets for what revue reads from outside: feeds and pages, the configuration,
// OPML files. Built only by `.ci/fuzz.sh` (REVUE_FUZZ=1 adds this target to the package):
//
//   .ci/fuzz.sh feed|config|opml [SECONDS]
//
// libFuzzer owns `main`; REVUE_FUZZ_TARGET says which target runs.
//
// Any crash, sanitizer report, 5-second input or 1 GB of memory is a bug: keep the input
// that libFuzzer writes (crash-*, timeout-*) as a test fixture named for what it shows.
import Foundation
import RevueCore

func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Data {
    data.map { Data(bytes: $0, count: size) } ?? Data()
}

/// Every way the morning run reads a document.
let feed: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    let document = bytes(data, size)
    for options in [
        ParseOptions(baseURL: "https://example.ma/feed"),
        ParseOptions(contentType: "text/xml; charset=windows-1256"),
        ParseOptions(profile: "aggregator"),
        ParseOptions(htmlRules: HTMLRules(item: "//a", title: ".", link: "@href", date: "../time")),
    ] {
        if let parsed = try? FeedParser.parse(document, options: options) { _ = parsed.jsonLine(path: "fuzz") }
    }
    return 0
}

/// The configuration: TOML syntax, then every check of its values. Only `ConfigError`
/// may come out.
let config: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    do {
        _ = try RevueConfig.parse(text: String(decoding: bytes(data, size), as: UTF8.self), path: "/nonexistent/fuzz.toml")
    } catch is ConfigError {
    } catch {
        fatalError("not a ConfigError: \(error)")
    }
    return 0
}

let opml: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    do {
        _ = try OPMLReader.sources(from: bytes(data, size), path: "fuzz.opml")
    } catch is ConfigError {
    } catch {
        fatalError("not a ConfigError: \(error)")
    }
    return 0
}

/// The target named by REVUE_FUZZ_TARGET (libFuzzer owns `main` and its arguments).
let target: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = {
    let targets = ["feed": feed, "config": config, "opml": opml]
    guard let name = ProcessInfo.processInfo.environment["REVUE_FUZZ_TARGET"], let target = targets[name] else {
        FileHandle.standardError.write(Data("revue-fuzz: set REVUE_FUZZ_TARGET to feed, config or opml\n".utf8))
        exit(64)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    target(data, size)
}
