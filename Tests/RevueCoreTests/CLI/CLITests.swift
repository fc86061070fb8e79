import XCTest
import RevueCore

/// The command-line contracts, through the real `revue` binary.
final class CLITests: XCTestCase {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        // The test bundle sits beside the products of the same build.
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("revue")
    }

    static var binaryPath: String {
        var binary = Self.binary
        if !FileManager.default.isExecutableFile(atPath: binary.path) {
            binary = TestPaths.repository.appendingPathComponent(".build/debug/revue")
        }
        return binary.path
    }

    func revue(_ arguments: [String], stdin: String = "", cwd: String? = nil, executable: String? = nil) throws -> Run {
        guard FileManager.default.isExecutableFile(atPath: Self.binaryPath) else {
            throw XCTSkip("revue binary not found beside the tests")
        }
        let binary = URL(fileURLWithPath: executable ?? Self.binaryPath)
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let input = Pipe(), output = Pipe(), error = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = error
        try p.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    func testBuildIsSilentUnderCronAndWritesTheDigest() throws {
        let out = TestPaths.temporaryDirectory(), state = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: state) }
        let config = TestPaths.repository.appendingPathComponent("Config/demo.toml").path
        let run = try revue(["build", "--config", config, "--date", "2025-12-23", "--output", out, "--state", state])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "", "nothing on stdout under cron")
        XCTAssertEqual(run.stderr, "", "nothing on stderr on success when not on a terminal")
        for ext in ["txt", "html", "eml", "status.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/2025-12-23.\(ext)"), ext)
        }
        let text = try String(contentsOfFile: "\(out)/2025-12-23.txt", encoding: .utf8)
        for section in ["Sport", "Politique", "Météo", "Culture"] {
            XCTAssertTrue(text.contains(section), "no \(section) section")
        }
    }

    /// A damaged state costs the conditional requests of one morning, not the digest; the
    /// one line that says so is printed under cron too, so that it reaches someone.
    func testADamagedStateIsSetAsideAndTheDigestIsWritten() throws {
        let out = TestPaths.temporaryDirectory(), state = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: state) }
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: state + "/state.sqlite"))
        let config = TestPaths.repository.appendingPathComponent("Config/demo.toml").path
        let run = try revue(["build", "--config", config, "--date", "2025-12-23", "--output", out, "--state", state])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/2025-12-23.txt"))
        XCTAssertTrue(run.stderr.contains("state was damaged") && run.stderr.contains("state.sqlite.damaged-"), run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, "one line: \(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: state)
        XCTAssertTrue(files.contains { $0.hasPrefix("state.sqlite.damaged-") }, "\(files)")

        let next = try revue(["build", "--config", config, "--date", "2025-12-23", "--output", out, "--state", state])
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertEqual(next.stderr, "", "the fresh state is sound")
    }

    /// A file-size limit (or a full disk) while writing: exit 73 with the cause, and the
    /// digest already there stays whole, with no temporary file beside it.
    func testAWriteThatHitsTheFileSizeLimitExitsWith73AndKeepsThePreviousDigest() throws {
        let out = TestPaths.temporaryDirectory(), state = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: state) }
        let config = TestPaths.repository.appendingPathComponent("Config/demo.toml").path
        let arguments = ["build", "--config", config, "--date", "2025-12-23", "--output", out, "--state", state]
        XCTAssertEqual(try revue(arguments).status, 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: out).sorted().map {
            ($0, try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)))
        }
        let largest = before.map(\.1.count).max()!
        XCTAssertGreaterThan(largest, 8192)

        // bash counts `ulimit -f` in KiB: just too small for the largest file of the digest.
        let limited = try revue(["-c", "ulimit -f \(largest / 1024 - 1); exec \"$0\" \"$@\"", Self.binaryPath] + arguments,
            executable: "/bin/bash")
        XCTAssertEqual(limited.status, 73, limited.stderr)
        XCTAssertTrue(limited.stderr.contains("File too large") || limited.stderr.contains("disk I/O error"), limited.stderr)
        let after = try FileManager.default.contentsOfDirectory(atPath: out).sorted().map {
            ($0, try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)))
        }
        XCTAssertEqual(after.map(\.0), before.map(\.0), "no temporary file left")
        XCTAssertEqual(after.map(\.1), before.map(\.1), "the previous digest is whole")
    }

    /// Half the sources down still makes a digest (exit 0), and one line on stderr that
    /// cron mails.
    func testAPartialOutageIsSaidInOneLineUnderCron() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: TestPaths.repository.appendingPathComponent("Config/demo/lematin.rss").path,
            toPath: dir + "/good.xml")
        try "HTTP/1.1 502 Bad Gateway, not a feed".write(toFile: dir + "/bad.xml", atomically: true, encoding: .utf8)
        try """
            [digest]
            output = "out"
            state = "state"
            [[source]]
            name = "Bon"
            url = "good.xml"
            [[source]]
            name = "Cassé"
            url = "bad.xml"
            """.write(toFile: dir + "/revue.toml", atomically: true, encoding: .utf8)
        let run = try revue(["build", "--config", dir + "/revue.toml", "--date", "2025-12-23"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("1 of 2 sources failed (Cassé: parse)"), run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/out/2025-12-23.txt"), "output is relative to the config")
    }

    func testCheckValidatesWithoutFetchingAndWithFetchReportsEachSource() throws {
        let config = TestPaths.repository.appendingPathComponent("Config/demo.toml").path
        let quick = try revue(["check", "--config", config])
        XCTAssertEqual(quick.status, 0, quick.stderr)
        XCTAssertTrue(quick.stdout.contains("10 sources"), quick.stdout)

        let tried = try revue(["check", "--config", config, "--fetch"])
        XCTAssertEqual(tried.status, 69, "the demo's broken source: \(tried.stdout)")
        XCTAssertTrue(tried.stdout.contains("✓ Le Matin") && tried.stdout.contains("✗ L'Opinion"), tried.stdout)
        XCTAssertTrue(tried.stdout.contains("9 of 10 sources read"), tried.stdout)

        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "[digst]\n".write(toFile: dir + "/bad.toml", atomically: true, encoding: .utf8)
        let bad = try revue(["check", "--config", dir + "/bad.toml"])
        XCTAssertEqual(bad.status, 78)
        XCTAssertTrue(bad.stderr.contains("bad.toml:1: unknown section [digst]"), bad.stderr)
    }

    /// libxml2 prints encoding errors on stderr by itself; under cron each line is a mail.
    func testADamagedOPMLIsOneConfigErrorAndNoLibxml2Noise() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let opml = Data("<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?><opml><body><outline text=\"a".utf8)
            + Data([0x1B, 0x24, 0x42, 0xFF, 0xFF]) + Data("\" xmlUrl=\"https://a.example/rss\"/></body></opml>".utf8)
        try opml.write(to: URL(fileURLWithPath: dir + "/feeds.opml"))
        let run = try revue(["check", "--opml", dir + "/feeds.opml"])
        XCTAssertEqual(run.status, 78)
        XCTAssertFalse(run.stderr.contains("encoding error") || run.stderr.contains("I/O error"), run.stderr)
        XCTAssertTrue(run.stderr.contains("feeds.opml:1: the OPML file is cut short or damaged"), run.stderr)
    }

    /// Writing XPath rules: `parse --source` reads as the source does and lists the headlines.
    func testParseReadsAsAConfiguredSourceDoes() throws {
        let config = TestPaths.repository.appendingPathComponent("Config/demo.toml").path
        let page = try revue(["parse", "--config", config, "--source", "maghreb actu"])
        XCTAssertEqual(page.status, 0, page.stderr)
        XCTAssertTrue(page.stdout.contains("html, 49 items"), page.stdout)
        XCTAssertTrue(page.stdout.contains("Alerte météo"), "each headline is listed")

        let typo = try revue(["parse", "--config", config, "--source", "Le Matn"])
        XCTAssertEqual(typo.status, 78)
        XCTAssertTrue(typo.stderr.contains("did you mean \"Le Matin\"?"), typo.stderr)
    }

    /// The tuning loop of the README: a newsroom's corpus and corrections, `revue train`,
    /// and the next `revue classify` reads with the new model and the corrections.
    func testTrainWritesTheModelTheNextRunUses() throws {
        let folder = URL(fileURLWithPath: TestPaths.temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus.appendingPathComponent("themes"), withIntermediateDirectories: true)
        // "zorblat" is culture for this newsroom; nothing in the shipped corpus knows the word.
        var rows = "lang\tpublisher\tdate\tsection\turl\ttitle\tsummary\n"
        for i in 0..<30 {
            rows += "fr\tla-gazette\t\tArts\t\tLe zorblat numéro \(i) au théâtre\t\n"
            rows += "fr\tla-gazette\t\tJeux\t\tLe match numéro \(i) au stade\t\n"
        }
        try rows.write(to: corpus.appendingPathComponent("themes/gazette.tsv"), atomically: true, encoding: .utf8)
        try "publisher\tsection\ttheme\n*\tArts\tculture\n*\tJeux\tsport\n"
            .write(to: corpus.appendingPathComponent("sections.tsv"), atomically: true, encoding: .utf8)
        try "".write(to: corpus.appendingPathComponent("held-out-publishers.txt"), atomically: true, encoding: .utf8)
        let config = folder.appendingPathComponent("revue.toml")
        try "[digest]\n".write(to: config, atomically: true, encoding: .utf8)
        try "title\tLa tournée du dimanche\tsante\n".write(to: folder.appendingPathComponent("corrections.tsv"), atomically: true, encoding: .utf8)

        let train = try revue(["train", "--config", config.path, "--corpus", corpus.path])
        XCTAssertEqual(train.status, 0, train.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("themes.model").path))
        XCTAssertTrue(train.stderr.contains("1 corrections"), train.stderr)

        let classify = try revue(["classify", "--config", config.path], stdin: "Un zorblat ce soir\nLa tournée du dimanche\n")
        XCTAssertEqual(classify.status, 0, classify.stderr)
        XCTAssertEqual(classify.stdout, "culture\tUn zorblat ce soir\nsante\tLa tournée du dimanche\n")

        // A corpus that maps nothing refuses to train rather than write an empty model.
        try "publisher\tsection\ttheme\n".write(to: corpus.appendingPathComponent("sections.tsv"), atomically: true, encoding: .utf8)
        let empty = try revue(["train", "--config", config.path, "--corpus", corpus.path])
        XCTAssertNotEqual(empty.status, 0)
        XCTAssertTrue(empty.stderr.contains("no training headlines"), empty.stderr)
    }

    func testConfigMistakeExitsWith78AndNamesTheLine() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/bad.toml"
        try "[digest]\nmorning_huor = 7\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try revue(["build", "--config", path, "--output", dir, "--state", dir])
        XCTAssertEqual(run.status, 78)
        XCTAssertTrue(run.stderr.contains("\(path):2:"), run.stderr)
        XCTAssertTrue(run.stderr.contains("morning_hour"), run.stderr)
    }

    func testASecondRunAtTheSameTimeExitsWith75() throws {
        let out = TestPaths.temporaryDirectory(), state = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: state) }
        let held = try XCTUnwrap(try RunLock(path: state + "/revue.lock"))
        let config = TestPaths.repository.appendingPathComponent("Config/demo.toml").path
        let run = try revue(["build", "--config", config, "--date", "2025-12-23", "--output", out, "--state", state])
        XCTAssertEqual(run.status, 75, run.stderr)
        XCTAssertTrue(run.stderr.contains("another run is in progress"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/2025-12-23.txt"), "nothing done")
        withExtendedLifetime(held) {}
    }

    func testBadDateIsAUsageError() throws {
        let run = try revue(["build", "--date", "23/12/2025"])
        XCTAssertEqual(run.status, 64)
        XCTAssertTrue(run.stderr.contains("YYYY-MM-DD"), run.stderr)
    }

    func testParseJSONContract() throws {
        let file = TestPaths.fixtures("e2e") + "/lematin.xml"
        let run = try revue(["parse", "--json", "--base-url", "https://lematin.ma/rss", file])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        let line = try XCTUnwrap(lines.first)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        XCTAssertEqual(object["path"] as? String, file)
        XCTAssertEqual(object["format"] as? String, "rss")
        XCTAssertEqual(object["title"] as? String, "Le Matin")
        let items = try XCTUnwrap(object["items"] as? [[String: Any]])
        XCTAssertEqual(items.count, 5)
        XCTAssertEqual(items[0]["title"] as? String, "CAN 2025 : «Nous sommes contents d’être au Maroc» (Riyad Mahrez)")
        XCTAssertEqual(items[0]["published"] as? String, "2025-12-22T18:40:00Z")
        XCTAssertEqual(items[0]["summary"] as? String, "Le capitaine algérien s’est félicité de l'accueil.")
        XCTAssertEqual(items[0]["categories"] as? [String], ["Sports"])
        XCTAssertEqual(items[1]["link"] as? String, "https://lematin.ma/politique/conseil-gouvernement-nominations/302")
        XCTAssertTrue(items[1]["published"] is String)
    }

    func testClassifyContract() throws {
        let run = try revue(["classify"], stdin: """
            CAN 2025 : Personne n'est tranquille, surtout pas les favoris
            Alerte météo : Chutes de neige, fortes pluies et rafales de vent ce mardi et mercredi\thttps://example.ma/meteo/1
            Le troisième Avatar se hisse en tête du box-office nord-américain dès sa sortie
            Conseil de gouvernement : Huit nouvelles nominations à des fonctions supérieures

            """, cwd: TestPaths.temporaryDirectory())
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(Array(lines.prefix(4)), [
            "sport\tCAN 2025 : Personne n'est tranquille, surtout pas les favoris",
            "meteo\tAlerte météo : Chutes de neige, fortes pluies et rafales de vent ce mardi et mercredi",
            "culture\tLe troisième Avatar se hisse en tête du box-office nord-américain dès sa sortie",
            "politique\tConseil de gouvernement : Huit nouvelles nominations à des fonctions supérieures",
        ])
    }

    func testClusterContract() throws {
        let run = try revue(["cluster"], stdin: """
            Le Matin\tCAN 2025 : «Nous sommes contents d'être au Maroc» (Riyad Mahrez)
            Le360\tCAN 2025: «Nous sommes contents d'être au Maroc» (Riyad Mahrez)
            Le Matin\tLe troisième Avatar se hisse en tête du box-office nord-américain
            Europa Press\tCAN 2025: «Estamos contentos de estar en Marruecos» (Riyad Mahrez)

            """, cwd: TestPaths.temporaryDirectory())
        XCTAssertEqual(run.status, 0, run.stderr)
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        XCTAssertEqual(rows.count, 4)
        XCTAssertEqual(rows.map { $0.count }, [3, 3, 3, 3])
        XCTAssertEqual(rows[0][0], rows[1][0])
        XCTAssertNotEqual(rows[0][0], rows[2][0])
        XCTAssertEqual(rows[0][0], rows[3][0], "the same story in Spanish")
        XCTAssertEqual(rows[3][1], "Europa Press")
    }
}
