import XCTest
@testable import RevueCore

/// Files written whole or not at all, and one run at a time.
final class AtomicFileTests: XCTestCase {
    func testOnlyOneRunHoldsTheLock() throws {
        let path = NSTemporaryDirectory() + "revue-lock-\(UUID().uuidString)"
        defer { unlink(path) }
        let first = try RunLock(path: path)
        XCTAssertNotNil(first)
        // flock locks belong to open file descriptions: a second open in the same process conflicts too.
        XCTAssertNil(try RunLock(path: path))
        _ = first
    }

    func testAtomicWriteReplacesWholeFile() throws {
        let path = NSTemporaryDirectory() + "revue-atomic-\(UUID().uuidString).txt"
        defer { unlink(path) }
        try AtomicFile.write("first version, longer", to: path)
        try AtomicFile.write("second", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "second")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { $0.hasPrefix(".revue-atomic") }
        XCTAssertTrue(leftovers.isEmpty)
    }

    func testAtomicWriteOfSeveralFilesWritesAllOrLeavesNoTemporaryFile() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write([(Data("a".utf8), dir + "/a.txt"), (Data("b".utf8), dir + "/b.txt")])
        XCTAssertEqual(try String(contentsOfFile: dir + "/a.txt", encoding: .utf8), "a")
        XCTAssertEqual(try String(contentsOfFile: dir + "/b.txt", encoding: .utf8), "b")

        // The second target's folder does not exist: nothing is renamed, no temporary file stays.
        XCTAssertThrowsError(try AtomicFile.write([(Data("A".utf8), dir + "/a.txt"), (Data("c".utf8), dir + "/missing/c.txt")])) {
            XCTAssertTrue("\($0)".contains("missing/c.txt"), "\($0)")
        }
        XCTAssertEqual(try String(contentsOfFile: dir + "/a.txt", encoding: .utf8), "a")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["a.txt", "b.txt"])
    }
}

/// What a full disk or a file-size limit does to a digest: nothing, to the one already there.
final class WriteFailureTests: XCTestCase {
    func testAFileSizeLimitFailsTheWriteWithItsRealCauseAndKeepsThePreviousFile() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/2025-12-23.txt"
        try AtomicFile.write("la revue d'hier", to: path)

        signal(SIGXFSZ, SIG_IGN)
        var saved = rlimit()
        getrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
        var small = saved
        small.rlim_cur = 4096
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &small)
        let attempt = Result { try AtomicFile.write(String(repeating: "x", count: 20_000), to: path) }
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)

        XCTAssertThrowsError(try attempt.get()) {
            XCTAssertTrue("\($0)".contains("File too large") && "\($0)".contains(path), "\($0)")
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "la revue d'hier")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["2025-12-23.txt"], "no temporary file left")
    }

    func testTemporaryFilesOfAKilledRunAreRemovedAndOthersKept() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in [".2025-12-23.html.revue-a1B2c3", ".2025-12-22.eml.revue-ZZZZZZ", ".hidden", "notes.revue-abcdef",
                     "2025-12-22.txt"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
        }
        AtomicFile.removeLeftovers(in: dir)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(),
            [".hidden", "2025-12-22.txt", "notes.revue-abcdef"])
    }

    func testATemporaryNameIsNeverFollowedThroughASymbolicLink() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Someone plants links under every name the old scheme (".NAME.PID.tmp") would use;
        // the digest still lands in its own file and the link's target is untouched.
        let victim = dir + "/victim"
        try Data("intact".utf8).write(to: URL(fileURLWithPath: victim))
        try FileManager.default.createSymbolicLink(atPath: dir + "/.d.txt.\(getpid()).tmp", withDestinationPath: victim)
        try AtomicFile.write("digest", to: dir + "/d.txt")
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "intact")
        XCTAssertEqual(try String(contentsOfFile: dir + "/d.txt", encoding: .utf8), "digest")
    }

    /// `--output Digests`: a one-word relative path (Foundation on Linux traps on its parent).
    func testRelativeFoldersAreCreatedInTheWorkingDirectory() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(dir)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        try AtomicFile.createFolder("Digests")
        try AtomicFile.createFolder("state/revue")
        var isFolder: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/Digests", isDirectory: &isFolder) && isFolder.boolValue)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/state/revue", isDirectory: &isFolder) && isFolder.boolValue)
    }

    func testAFolderThatCannotBeCreatedIsNamedWithTheSystemsReason() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("a file".utf8).write(to: URL(fileURLWithPath: dir + "/Digests"))
        XCTAssertThrowsError(try AtomicFile.createFolder(dir + "/Digests/2025")) {
            XCTAssertTrue("\($0)".contains(dir + "/Digests/2025") && "\($0)".contains("Not a directory"), "\($0)")
        }
    }
}
