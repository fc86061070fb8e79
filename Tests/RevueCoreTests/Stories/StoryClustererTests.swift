import XCTest
@testable import RevueCore

final class StoryClustererTests: XCTestCase {
    private func item(_ source: String, _ title: String, link: String? = nil, published: Date? = nil) -> SourcedHeadline {
        SourcedHeadline(source: source, headline: Headline(title: title, link: link, published: published))
    }

    private func sameStory(_ a: String, _ b: String) -> Bool {
        StoryClusterer().cluster([item("A", a), item("B", b)]).count == 1
    }

    /// 116 headlines in 4 languages, 58 stories, with near-miss distractors. Pairwise
    /// measured: precision 0.922, recall 0.967, F1 0.944 (59 true pairs found, 5 false, 2 missed).
    func testPairwiseF1OnTheEvaluationSet() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "clusters", withExtension: "tsv", subdirectory: "Fixtures/themes"))
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t").map(String.init) }
        XCTAssertGreaterThanOrEqual(rows.count, 100)
        let items = rows.map { item($0[1], $0[2]) }
        let stories = StoryClusterer().cluster(items)
        XCTAssertEqual(stories.map(\.headlines.count).reduce(0, +), rows.count)
        var storyOf: [String: String] = [:]  // title → story id (titles are unique in the set)
        for story in stories { for h in story.headlines { storyOf[h.headline.title] = story.id } }
        var truePairs = 0, falsePairs = 0, missedPairs = 0
        for i in rows.indices {
            for j in rows.indices where j > i {
                let gold = rows[i][0] == rows[j][0]
                let predicted = storyOf[rows[i][2]] == storyOf[rows[j][2]]
                switch (gold, predicted) {
                case (true, true): truePairs += 1
                case (false, true): falsePairs += 1
                case (true, false): missedPairs += 1
                case (false, false): break
                }
            }
        }
        let precision = Double(truePairs) / Double(max(1, truePairs + falsePairs))
        let recall = Double(truePairs) / Double(max(1, truePairs + missedPairs))
        let f1 = 2 * precision * recall / max(0.0001, precision + recall)
        print("clusters: P \(String(format: "%.3f", precision)) R \(String(format: "%.3f", recall)) F1 \(String(format: "%.3f", f1)) (tp \(truePairs), fp \(falsePairs), fn \(missedPairs))")
        XCTAssertGreaterThanOrEqual(f1, 0.88)
        XCTAssertGreaterThanOrEqual(precision, 0.85)
    }

    func testTheSameStoryAcrossLanguagesMerges() {
        XCTAssertTrue(sameStory("CAN 2025 : «Nous sommes contents d'être au Maroc» (Riyad Mahrez)",
            "CAN 2025: «Estamos contentos de estar en Marruecos» (Riyad Mahrez)"))
        XCTAssertTrue(sameStory("Laftit/vague de froid : environ 833.000 personnes ciblées cette saison hivernale",
            "Cold wave : Nearly 833,000 people affected by national plan"))
        // Two retellings that share little meet through a third that shares with both.
        let taxi = [
            item("Hespress FR", "Mobilité urbaine : Les chauffeurs de taxis au centre des réformes présentées par Abdelouafi Laftit"),
            item("MWN", "Morocco's interior ministry launches strategic study to reform taxi sector"),
            item("Hespress", "لفتيت يكشف عن إصلاحات جديدة لقطاع سيارات الأجرة"),
        ]
        XCTAssertEqual(StoryClusterer().cluster(taxi).count, 1)
    }

    func testNamesMeetAcrossScriptsByTheirConsonants() {
        XCTAssertEqual(NameSkeleton.key("akhannouch"), "kns")
        XCTAssertEqual(NameSkeleton.key("أخنوش"), "kns")
        XCTAssertEqual(NameSkeleton.key("bourita"), NameSkeleton.key("بوريطه"))
        XCTAssertEqual(NameSkeleton.key("trump"), NameSkeleton.key("ترامب"))
        XCTAssertEqual(NameSkeleton.key("macron"), NameSkeleton.key("ماكرون"))
        XCTAssertEqual(NameSkeleton.key("rabat"), NameSkeleton.key("الرباط"))
        XCTAssertNotEqual(NameSkeleton.key("macron"), NameSkeleton.key("trump"))
        XCTAssertNil(NameSkeleton.key("ali"))
    }

    func testInflectionsMeetBeforeStemming() {
        XCTAssertEqual(HeadlineSignature.withoutInflection("tapering"), "taper")
        XCTAssertEqual(HeadlineSignature.withoutInflection("elections"), "elect")
        XCTAssertEqual(HeadlineSignature.withoutInflection("news"), "news")
        XCTAssertEqual(HeadlineSignature.withoutInflection("الانتخابات"), "الانتخابات")
    }

    func testStoriesThatOnlyShareTheCupStayApart() {
        let titles = [
            "CAN 2025 : Personne n'est tranquille, surtout pas les favoris",
            "CAN 2025 : Huit personnes interpellées dans une affaire de marché noir de billets",
            "CAN 2025 : «Nous sommes contents d'être au Maroc» (Riyad Mahrez)",
            "CAN 2025 : Les rumeurs sur l'expulsion de Kamel Mahoui démenties",
            "CAN 2025 au Maroc : résultats complets et calendrier des matchs",
            "CAN Maroc-2025 : l'OM dévoile des maillots en hommage aux diasporas africaines",
            "CAN Maroc-2025 : \"AFRICALLEZ\", l'hymne de l'Unité",
            "Coupe d'Afrique des Nations Maroc-2025 : Agenda du mardi 23 décembre 2025",
            "Riyad Mahrez blessé, incertain pour le match contre le Burkina Faso",
        ]
        XCTAssertEqual(StoryClusterer().cluster(titles.map { item("Le360", $0) }).count, titles.count)
    }

    func testDecoratedCopiesAndTrackedLinksAreOneStory() {
        let base = "Santos : Neymar opéré du genou avec succès"
        let items = [
            item("Le360", base, link: "https://le360.ma/sport/neymar-123?utm_source=rss#top"),
            item("Le Matin", "VIDÉO. " + base),
            item("Médias24", base + " - Médias24"),
            item("TelQuel", base + " | Hespress FR"),
            item("H24Info", "Urgent : " + base),
            item("MAP", base + " (vidéo)"),
            item("Barlamane", "Santos : Neymar opéré du genou av…"),
            item("Other", "Un titre sans rapport", link: "http://www.le360.ma/sport/neymar-123/"),
        ]
        let stories = StoryClusterer().cluster(items)
        XCTAssertEqual(stories.count, 1)
        XCTAssertEqual(stories.first?.sources.count, 8)
    }

    func testLeadIsFrenchThenEarliestAndIDsAreStable() {
        let early = Date(timeIntervalSince1970: 1_766_400_000)
        let items = [
            item("MWN", "Cold wave : Nearly 833,000 people affected by national plan", published: early),
            item("Le Matin", "Laftit/vague de froid : environ 833.000 personnes ciblées cette saison hivernale", published: early.addingTimeInterval(3600)),
            item("MAP", "Laftit/vague de froid : 833.000 personnes ciblées cette saison hivernale", published: early.addingTimeInterval(60)),
        ]
        let stories = StoryClusterer().cluster(items)
        XCTAssertEqual(stories.count, 1)
        XCTAssertEqual(stories[0].lead.source, "MAP")
        XCTAssertEqual(stories[0].sources, ["MAP", "MWN", "Le Matin"])
        XCTAssertTrue(stories[0].id.hasPrefix("s-"))
        XCTAssertEqual(stories[0].id.count, 10)
        XCTAssertEqual(StoryClusterer().cluster(items.reversed()).first?.id, stories[0].id)
        XCTAssertEqual(StoryClusterer.storyID("abc"), StoryClusterer.storyID("abc"))
        XCTAssertNotEqual(StoryClusterer.storyID("abc"), StoryClusterer.storyID("abd"))
    }

    func testEveryHeadlineIsInExactlyOneStoryInInputOrder() {
        let items = [item("A", "Alerte météo : neige"), item("B", ""), item("C", "Alerte météo : neige"), item("D", "Jazz à Essaouira")]
        let stories = StoryClusterer().cluster(items)
        XCTAssertEqual(stories.flatMap(\.headlines).count, items.count)
        XCTAssertEqual(stories.map(\.lead.source), ["A", "B", "D"])
        XCTAssertTrue(StoryClusterer().cluster([]).isEmpty)
    }

    func testTitleCleaning() {
        XCTAssertEqual(TitleCleaner.clean("VIDÉO. Le titre du jour"), "Le titre du jour")
        XCTAssertEqual(TitleCleaner.clean("EN DIRECT - Le titre du jour"), "Le titre du jour")
        XCTAssertEqual(TitleCleaner.clean("Breaking: Atlas Lions beat Comoros"), "Atlas Lions beat Comoros")
        XCTAssertEqual(TitleCleaner.clean("Le titre du jour est long - Le360"), "Le titre du jour est long")
        XCTAssertEqual(TitleCleaner.clean("Le titre du jour est long | Hespress FR"), "Le titre du jour est long")
        XCTAssertEqual(TitleCleaner.clean("Le titre du jour (vidéo)"), "Le titre du jour")
        // Rubrics and real dashes stay.
        XCTAssertEqual(TitleCleaner.clean("Santé : Akdital acquiert"), "Santé : Akdital acquiert")
        XCTAssertEqual(TitleCleaner.clean("Maroc - Espagne"), "Maroc - Espagne")
        XCTAssertEqual(TitleCleaner.clean("Consumérisme : les mécanismes (Entretien)"), "Consumérisme : les mécanismes (Entretien)")
    }

    func testLinkKeys() {
        XCTAssertEqual(LinkKey.key("https://www.Le360.ma/a/b/?utm_source=x&id=3&fbclid=y#c"), "le360.ma/a/b?id=3")
        XCTAssertEqual(LinkKey.key("http://le360.ma/a/b"), LinkKey.key("https://le360.ma/a/b/"))
        XCTAssertNil(LinkKey.key("file:///etc/passwd"))
        XCTAssertNil(LinkKey.key("javascript:alert(1)"))
        XCTAssertNil(LinkKey.key("https:///path-without-host"))
        XCTAssertNil(LinkKey.key(nil))
        XCTAssertEqual(LinkKey.key("HTTPS://m.Hespress.com/politique/x.html/amp?b=2&ref=tw&a=1"), "hespress.com/politique/x.html?a=1&b=2")
        XCTAssertEqual(LinkKey.key("https://le360.ma/?share=fb"), "le360.ma")
        XCTAssertEqual(LinkKey.key(" https://le360.ma:443/a "), "le360.ma/a")
        // What merging compares: the key's fingerprint.
        XCTAssertEqual(LinkKey.fingerprint("http://www.le360.ma/a/?utm_medium=rss"), LinkKey.fingerprint("https://le360.ma/a"))
        XCTAssertNotEqual(LinkKey.fingerprint("https://le360.ma/a"), LinkKey.fingerprint("https://le360.ma/b"))
        XCTAssertNotEqual(LinkKey.fingerprint("https://le360.ma/a?id=1"), LinkKey.fingerprint("https://le360.ma/a?id=2"))
        XCTAssertNil(LinkKey.fingerprint("ftp://le360.ma/a"))
    }

    func testFiveThousandHeadlinesAreQuick() {
        let seeds = [
            "CAN 2025 : Personne n'est tranquille, surtout pas les favoris",
            "Alerte météo : Chutes de neige, fortes pluies et rafales de vent ce mardi et mercredi",
            "Trump met fin au mandat de l'ambassadrice Elisabeth Aubin à Alger",
            "Cold wave : Nearly 833,000 people affected by national plan",
        ]
        let decorations = ["", "VIDÉO. ", "Urgent : "]
        let items = (0..<5000).map { n in
            item("S\(n % 17)", decorations[n % 3] + seeds[n % 4] + (n % 5 == 0 ? " - Le360" : "") + " \(n % 250)")
        }
        let start = Date()
        let stories = StoryClusterer().cluster(items)
        // Release builds take well under a second; the bound is for debug builds.
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        XCTAssertEqual(stories.flatMap(\.headlines).count, 5000)
    }
}
