// swift-tools-version:6.0
import Foundation
import PackageDescription

// Linux only (Debian 12 and later): revue calls Glibc directly (flock, mkstemp, setrlimit,
// mallopt) and is built and tested there; see "Platforms" in the README.
let package = Package(
    name: "revue",
    products: [
        .executable(name: "revue", targets: ["revue"]),
        .library(name: "RevueCore", targets: ["RevueCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // The two C libraries, through pkg-config (no unsafeFlags).
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The whole pipeline, one folder per stage.
        .target(
            name: "RevueCore",
            dependencies: [
                "CCurl",
                "CLibXML2",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The command line: a thin layer over RevueCore.
        .executableTarget(
            name: "revue",
            dependencies: [
                "RevueCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "RevueCoreTests",
            dependencies: ["RevueCore", "revue"],
            resources: [.copy("Fixtures")]
        ),
    ]
)

// The libFuzzer targets, only for `.ci/fuzz.sh` (they link against libFuzzer's driver).
if ProcessInfo.processInfo.environment["REVUE_FUZZ"] != nil {
    package.targets.append(.executableTarget(name: "revue-fuzz", dependencies: ["RevueCore"], path: "Tests/Fuzz"))
}
