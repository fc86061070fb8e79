import XCTest
@testable import RevueCore

final class ConfigTests: XCTestCase {
    private let path = "/tmp/revue-test/revue.toml"

    func testReadsAFullConfig() throws {
        try FileManager.default.createDirectory(atPath: "/tmp/revue-test/pages", withIntermediateDirectories: true)
        try "<html/>".write(toFile: "/tmp/revue-test/pages/front.html", atomically: true, encoding: .utf8)
        let config = try RevueConfig.parse(text: """
            [digest]
            timezone = "Europe/Paris"
            morning_hour = 6

            [fetch]
            max_per_host = 4
            timeout_s = 12.5
            deadline_s = 30
            proxy = "http://proxy.example.ma:3128"
            allow_redirect_to_http = true

            [mail]
            from = "revue@example.ma"
            to = ["a@example.ma", "b@example.ma"]

            [[source]]
            name = "Le Matin"
            url = "https://lematin.ma/rss"
            language = "fr"
            theme = "politique"

            [[source]]
            name = "Agrégateur"
            url = "pages/front.html"
            profile = "aggregator"

            [[source]]
            name = "Sport page"
            url = "https://example.ma/sport"
            [source.html]
            item = "//article"
            title = ".//h2"
            link = ".//a/@href"
            """, path: path)
        XCTAssertEqual(config.timeZone.identifier, "Europe/Paris")
        XCTAssertEqual(config.morningHour, 6)
        XCTAssertEqual(config.fetch.maxPerHost, 4)
        XCTAssertEqual(config.fetch.transferTimeout, .milliseconds(12_500))
        XCTAssertEqual(config.fetch.stageTimeout, .seconds(30))
        XCTAssertEqual(config.fetch.proxy, "http://proxy.example.ma:3128")
        XCTAssertTrue(config.fetch.allowRedirectToHTTP)
        XCTAssertEqual(config.mail.to, ["a@example.ma", "b@example.ma"])
        XCTAssertEqual(config.sources.map(\.name), ["Le Matin", "Agrégateur", "Sport page"])
        XCTAssertEqual(config.sources[0].themeHint, .politique)
        // A bare path is a file beside the configuration, read through file://.
        XCTAssertEqual(config.sources[1].url, "file:///tmp/revue-test/pages/front.html")
        XCTAssertEqual(config.sources[2].html, HTMLRules(item: "//article", title: ".//h2", link: ".//a/@href"))
    }

    func testSyntaxErrorNamesFileAndLine() {
        XCTAssertThrowsError(try RevueConfig.parse(text: "[digest]\nmorning_hour = 7\nname = \"unclosed\n", path: path)) { e in
            let error = e as! ConfigError
            XCTAssertEqual(error.file, path)
            XCTAssertEqual(error.line, 3)
            XCTAssertTrue(error.description.hasPrefix("/tmp/revue-test/revue.toml:3: TOML syntax error"), error.description)
        }
    }

    func testUnknownKeySuggestsTheRightOne() {
        let text = "[digest]\ntimezone = \"Africa/Casablanca\"\nmorning_huor = 7\n"
        XCTAssertThrowsError(try RevueConfig.parse(text: text, path: path)) { e in
            let error = e as! ConfigError
            XCTAssertEqual(error.line, 3)
            XCTAssertTrue(error.fix.contains("did you mean `morning_hour`?"), error.fix)
        }
    }

    func testSourceMistakesPointAtTheirSection() {
        let text = """
            [[source]]
            name = "A"
            url = "https://a.example/rss"

            [[source]]
            name = "B"
            theme = "sports"
            url = "https://b.example/rss"
            """
        XCTAssertThrowsError(try RevueConfig.parse(text: text, path: path)) { e in
            let error = e as! ConfigError
            XCTAssertEqual(error.line, 7)
            XCTAssertTrue(error.message.contains("unknown theme \"sports\""))
            XCTAssertTrue(error.fix.contains("sport"))
        }
        let missingURL = "[[source]]\nname = \"A\"\nurl = \"https://a.example/rss\"\n\n[[source]]\nname = \"B\"\n"
        XCTAssertThrowsError(try RevueConfig.parse(text: missingURL, path: path)) { e in
            let error = e as! ConfigError
            XCTAssertEqual(error.line, 5)
            XCTAssertTrue(error.fix.contains("url = "), error.fix)
        }
    }

    func testRejectsBadValues() {
        let cases: [(String, Int, String)] = [
            ("[digest]\nmorning_hour = 25\n", 2, "out of range"),
            ("[digest]\ntimezone = \"Mars/Olympus\"\n", 2, "unknown time zone"),
            ("[fetch]\ntimeout_s = \"10\"\n", 2, "number of seconds"),
            ("[[source]]\nname = \"A\"\nurl = \"ftp://a.example/x\"\n", 3, "only http, https and file"),
            ("[[source]]\nname = \"A\"\nurl = \"https://a\"\n[[source]]\nname = \"a\"\nurl = \"https://b\"\n", 5, "two sources"),
            ("[[source]]\nname = \"A\"\nurl = \"https://a\"\nprofile = \"magic\"\n", 4, "unknown HTML profile"),
            ("[[source]]\nname = \"A\"\nurl = \"https://a\"\nlanguage = \"french\"\n", 4, "not a language code"),
            ("[[source]]\nname = \"A\"\nurl = \"https://a\"\nlanguage = \"fr MA\"\n", 4, "not a language code"),
            ("[mail]\nfrom = \"r@example.ma\"\nto = \"a@example.ma\"\n", 3, "must be a list"),
            ("[mail]\nto = [\"redaction\"]\n", 2, "not a mail address"),
            ("[digst]\ntimezone = \"Africa/Casablanca\"\n", 1, "unknown section [digst]"),
            ("[digest]\nmorning_hour = 7\n\n[[sources]]\nname = \"A\"\n", 4, "unknown section [[sources]]"),
            ("timezone = \"Africa/Casablanca\"\n", 1, "outside any section"),
            ("[alert]\nfailed_share = 0.3\n", 2, "whole number"),
        ]
        for (text, line, message) in cases {
            XCTAssertThrowsError(try RevueConfig.parse(text: text, path: path), text) { e in
                let error = e as! ConfigError
                XCTAssertEqual(error.line, line, text)
                XCTAssertTrue(error.message.contains(message), "\(error.message) ≠ \(message)")
            }
        }
    }

    /// Found by fuzzing: the TOML parser aborts the process on these documents.
    func testMalformedDocumentsThatCrashedTheTOMLParserAreConfigErrors() {
        for (text, line) in [("[%digest]\n", 1), ("[digest]\nmorning_hour = 7\n[[ .source]]\n", 3), ("  [{x}]\n", 1),
                             ("[digest]\n[\n[source]]\n", 2), ("[[\n", 1), ("[mail]\r\nfrom = \"a@b\"\r\n[[?source]]\r\n", 3),
                             ("[mail]\nto = [\"a@example.ma\"}\n", 2), ("[mail]\nto = [\n  \"a@example.ma\",\n}]\n", 4),
                             ("[mail]\nto = [}]\n", 2), ("[digest]\nmorning_hour = 2-------\u{19}- 5 2--!--\n", 2),
                             ("[digest]\nmorning_hour = 7 8\n", 2)] {
            XCTAssertThrowsError(try RevueConfig.parse(text: text, path: path)) { e in
                XCTAssertEqual((e as? ConfigError)?.line, line, text)
                XCTAssertTrue((e as? ConfigError)?.message.contains("TOML syntax error") == true, "\(e)")
            }
        }
        // Arrays and multi-line strings may start a line with a bracket.
        let valid = """
            [mail]
            to = [
              "a@example.ma", # the desk
              'b@example.ma',
            ]
            subject_prefix = \"\"\"
            [%] Revue\"\"\"
            [digest]
            morning_hour = 7 # local time
            [fetch]
            deadline_s = 1.5e1
            [[source]]
            name = "A \\"B\\""
            url = "https://a.example/rss"
            html = { item = "//article", "title" = ".//h2" }
            """
        XCTAssertNoThrow(try RevueConfig.parse(text: valid, path: path))
    }

    func testSectionTyposAndLanguageNamesGetADidYouMean() {
        for (text, fix) in [("[digst]\n", "did you mean [digest]?"), ("[[sources]]\nname = \"A\"\n", "did you mean [[source]]?"),
                            ("[[source]]\nname = \"A\"\nurl = \"https://a\"\nlanguage = \"Français\"\n", "language = \"fr\"")] {
            XCTAssertThrowsError(try RevueConfig.parse(text: text, path: path)) { e in
                XCTAssertTrue((e as! ConfigError).fix.contains(fix), "\((e as! ConfigError).fix) ≠ \(fix)")
            }
        }
    }

    func testWellFormedLanguageTagsAreAccepted() throws {
        for tag in ["fr", "ar", "fr-MA", "ar_MA", "EN", "zgh", "zh-Hant-TW"] {
            let text = "[[source]]\nname = \"A\"\nurl = \"https://a\"\nlanguage = \"\(tag)\"\n"
            XCTAssertEqual(try RevueConfig.parse(text: text, path: path).sources.first?.language, tag)
        }
    }

    /// Like source paths: the same config writes to the same folders whatever directory
    /// cron starts revue in.
    func testOutputAndStateAreRelativeToTheConfigFile() throws {
        let config = try RevueConfig.parse(text: "[digest]\noutput = \"../Digests\"\nstate = \"state\"\n",
            path: "/srv/revue/Config/revue.toml")
        XCTAssertEqual(config.outputDirectory, "/srv/revue/Digests")
        XCTAssertEqual(config.stateDirectory, "/srv/revue/Config/state")
        let absolute = try RevueConfig.parse(text: "[digest]\noutput = \"/var/www/revue\"\n", path: path)
        XCTAssertEqual(absolute.outputDirectory, "/var/www/revue")
    }

    func testAnUnreadableConfigSaysWhyInTheSystemsWords() {
        let folder = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (path, reason) in [(folder, "Is a directory"), (folder + "/missing.toml", "No such file or directory")] {
            XCTAssertThrowsError(try RevueConfig.load(path: path)) { e in
                XCTAssertTrue("\(e)".contains(reason), "\(e)")
                XCTAssertFalse("\(e)".contains("NSCocoaErrorDomain") || "\(e)".contains("could not be completed"), "\(e)")
            }
        }
    }

    func testAlertThresholds() throws {
        let config = try RevueConfig.parse(text: "[alert]\nfailed_share = 50\nfailing_days = 0\n", path: path)
        XCTAssertEqual(config.alert.failedShare, 0.5)
        XCTAssertEqual(config.alert.failingDays, 0)
        XCTAssertEqual(try RevueConfig.parse(text: "", path: path).alert, AlertSettings())
    }

    func testProxyNeedsASchemeAHostAndAPort() throws {
        let cases: [(String, String, String)] = [
            ("proxy.example.ma:3128", "has no scheme", "proxy = \"http://proxy.example.ma:3128\""),
            ("", "has no scheme", "remove the line"),
            ("ftp://proxy.example.ma:21", "scheme \"ftp\" is not one libcurl speaks to a proxy", "socks5h://"),
            ("http://proxy.example.ma", "has no port", "proxy = \"http://proxy.example.ma:3128\""),
            ("http://:3128", "names no host", "proxy = \"http://proxy.example.ma:3128\""),
            ("http://proxy.example.ma:3128/feeds", "has a path", "scheme, host and port"),
        ]
        for (proxy, message, fix) in cases {
            let text = "[fetch]\ntimeout_s = 10\nproxy = \"\(proxy)\"\n"
            XCTAssertThrowsError(try RevueConfig.parse(text: text, path: path), proxy) { e in
                let error = e as! ConfigError
                XCTAssertEqual(error.description.components(separatedBy: ": ").first, "\(path):3", proxy)
                XCTAssertTrue(error.message.contains(message), "\(error.message) ≠ \(message)")
                XCTAssertTrue(error.fix.contains(fix), "\(error.fix) ≠ \(fix)")
            }
        }
        for proxy in ["https://proxy.example.ma:8443", "socks5h://127.0.0.1:1080", "http://user:secret@[::1]:3128/"] {
            let config = try RevueConfig.parse(text: "[fetch]\nproxy = \"\(proxy)\"\n", path: path)
            XCTAssertEqual(config.fetch.proxy, proxy)
        }
        XCTAssertNil(try RevueConfig.parse(text: "[fetch]\n", path: path).fetch.proxy, "the environment's, by default")
        XCTAssertThrowsError(try RevueConfig.parse(text: "[fetch]\nallow_redirect_to_http = \"yes\"\n", path: path))
    }

    func testAThemesFileMistakeIsAConfigErrorWithItsLine() throws {
        let dir = NSTemporaryDirectory() + "revue-themes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "base = \"built-in\"\n\n[sprot.fr]\n3 = [\"pétanque\"]\n".write(toFile: dir + "/themes.toml", atomically: true, encoding: .utf8)
        let config = try RevueConfig.parse(text: "[themes]\nfile = \"themes.toml\"\n", path: dir + "/revue.toml")
        XCTAssertEqual(config.themeSource, .file(dir + "/themes.toml"))
        XCTAssertThrowsError(try config.loadThemes()) { e in
            let error = e as! ConfigError
            XCTAssertEqual(error.file, dir + "/themes.toml")
            XCTAssertEqual(error.line, 3)
            XCTAssertTrue(error.message.contains("sprot"), error.message)
        }
    }

    func testBrokenXPathRuleIsAConfigError() {
        let text = "[[source]]\nname = \"Page\"\nurl = \"https://example.ma/\"\n[source.html]\nitem = \"//article[@\"\n"
        XCTAssertThrowsError(try RevueConfig.parse(text: text, path: path)) { e in
            let error = e as! ConfigError
            XCTAssertEqual(error.line, 5)
            XCTAssertTrue(error.message.contains("not a valid XPath"), error.message)
        }
    }

    func testAbsolutePathsAndBareHostNames() throws {
        let dir = NSTemporaryDirectory() + "revue-abs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "<rss/>".write(toFile: dir + "/feed.xml", atomically: true, encoding: .utf8)
        let config = try RevueConfig.parse(text: "[[source]]\nname = \"A\"\nurl = \"\(dir)/feed.xml\"\n", path: "/elsewhere/revue.toml")
        XCTAssertEqual(config.sources.first?.url, "file://\(dir)/feed.xml")
        XCTAssertThrowsError(try RevueConfig.parse(text: "[[source]]\nname = \"A\"\nurl = \"lematin.ma/rss\"\n", path: path)) { e in
            XCTAssertTrue((e as! ConfigError).fix.contains("https://lematin.ma/rss"), "\(e)")
        }
    }

    func testDisabledSourcesAreSkipped() throws {
        let config = try RevueConfig.parse(text: """
            [[source]]
            name = "A"
            url = "https://a.example/rss"
            enabled = false
            """, path: path)
        XCTAssertTrue(config.sources.isEmpty)
    }

    func testShippedConfigsLoad() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        for name in ["revue.toml", "demo.toml"] {
            let path = root.appendingPathComponent("Config/\(name)").path
            let config = try RevueConfig.load(path: path)
            XCTAssertGreaterThanOrEqual(config.sources.count, 5, name)
        }
    }
}

final class OPMLReaderTests: XCTestCase {
    func testReadsFeedsFoldersAndCategories() throws {
        let opml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0"><head><title>Presse</title></head><body>
              <outline text="Sports">
                <outline text="Le360 Sport" type="rss" xmlUrl="https://le360.ma/sport/rss"/>
              </outline>
              <outline text="Hespress" title="Hespress FR" type="rss" xmlUrl="https://fr.hespress.com/feed" category="/Politique"/>
              <outline text="Not a feed" htmlUrl="https://example.ma"/>
              <outline text="Local file" xmlUrl="file:///etc/passwd"/>
              <outline text="El País" xmlUrl="https://feeds.elpais.com/portada" category="Internacional,Mundo"/>
            </body></opml>
            """
        let sources = try OPMLReader.sources(from: Data(opml.utf8), path: "feeds.opml")
        XCTAssertEqual(sources.map(\.name), ["Le360 Sport", "Hespress FR", "El País"])
        XCTAssertEqual(sources.map(\.themeHint), [.sport, .politique, .international])
    }

    func testNotOPMLIsAClearError() {
        XCTAssertThrowsError(try OPMLReader.sources(from: Data("<rss><channel/></rss>".utf8), path: "x.opml")) { e in
            XCTAssertTrue("\(e)".contains("not <opml>"), "\(e)")
        }
        XCTAssertThrowsError(try OPMLReader.sources(from: Data("garbage".utf8), path: "x.opml"))
    }

    /// A file cut short (a copy interrupted, a full disk) would silently lose the feeds of
    /// its end: it is refused with the line where it breaks.
    func testATruncatedOPMLIsReportedWithItsLine() {
        let opml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0"><body>
              <outline text="Le Matin" xmlUrl="https://lematin.ma/rss"/>
              <outline text="Hespress" xmlUrl="https://fr.hespress.com/fe
            """
        XCTAssertThrowsError(try OPMLReader.sources(from: Data(opml.utf8), path: "feeds.opml")) { e in
            let error = e as! ConfigError
            XCTAssertEqual(error.line, 4, error.description)
            XCTAssertTrue(error.message.contains("cut short or damaged"), error.description)
        }
    }
}
