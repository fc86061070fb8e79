import Foundation
@testable import RevueCore

/// A hand-made digest for the morning of Tuesday 23 December 2025, from the real
/// headlines of that day, exercising every part of the layout: merged stories in four
/// languages, an Arabic-only story, an undated one, one from the day before, a long
/// title that wraps, a source not modified and two failures.
enum SampleDigest {
    static let casablanca = TimeZone(identifier: "Africa/Casablanca")!
    static let day = DigestDay(year: 2025, month: 12, day: 23)

    /// 2025-12-DDTHH:MM in Casablanca (UTC+1 in December 2025).
    static func at(_ day: Int, _ hour: Int, _ minute: Int) -> Date {
        DigestDay(year: 2025, month: 12, day: day).at(hour: hour, minute: minute, in: casablanca)
    }

    static func headline(
        _ source: String, _ title: String, _ link: String?, _ language: String?, _ published: Date?
    ) -> SourcedHeadline {
        SourcedHeadline(source: source, headline: Headline(title: title, link: link, published: published, language: language))
    }

    static var stories: [Story] {
        [
            Story(id: "mahrez", headlines: [
                headline("Le Matin", "CAN 2025 : «Nous sommes contents d'être au Maroc» (Riyad Mahrez)",
                    "https://lematin.ma/sports/can-2025-nous-sommes-contents-detre-au-maroc-riyad-mahrez/312001", "fr", at(22, 21, 40)),
                headline("Hespress FR", "CAN 2025 : « Nous sommes contents d'être au Maroc », assure Riyad Mahrez",
                    "https://fr.hespress.com/448120-can-2025-mahrez.html", "fr", at(22, 22, 5)),
                headline("Morocco World News", "AFCON 2025: ‘We Are Happy to Be in Morocco,’ Says Riyad Mahrez",
                    "https://www.moroccoworldnews.com/2025/12/afcon-2025-mahrez-happy-morocco/", "en", at(22, 23, 10)),
                headline("Europa Press", "CAN 2025: «Estamos contentos de estar en Marruecos» (Riyad Mahrez)",
                    "https://www.europapress.es/deportes/futbol-00162/noticia-can-2025-mahrez-20251222.html", "es-ES", at(23, 0, 15)),
                headline("Hespress", "محرز: \"نحن سعداء بالتواجد في المغرب\" قبل مواجهة السودان",
                    "https://www.hespress.com/sport/1498765.html", "ar", at(23, 6, 20)),
            ], theme: .sport),
            Story(id: "meteo", headlines: [
                headline("Le Matin", "Alerte météo : Chutes de neige, fortes pluies et rafales de vent ce mardi et mercredi",
                    "https://lematin.ma/societe/alerte-meteo-chutes-de-neige-fortes-pluies/312010", "fr", at(23, 6, 45)),
                headline("Médias24", "Alerte météo : neige, fortes pluies et rafales de vent mardi et mercredi",
                    "https://medias24.com/2025/12/23/alerte-meteo-neige-pluies/", "fr", at(23, 6, 30)),
                headline("Hespress", "نشرة إنذارية: تساقطات ثلجية وأمطار قوية وهبات رياح يومي الثلاثاء والأربعاء",
                    "https://www.hespress.com/societe/1498770.html", "ar", at(23, 5, 50)),
            ], theme: .meteo),
            Story(id: "vague-de-froid", headlines: [
                headline("Morocco World News", "Cold wave: Nearly 833,000 people affected by national plan",
                    "https://www.moroccoworldnews.com/2025/12/cold-wave-833000-people/", "en", at(22, 19, 5)),
                headline("Le360", "Laftit/vague de froid : environ 833.000 personnes ciblées cette saison hivernale",
                    "https://le360.ma/societe/laftit-vague-de-froid-833000-personnes_ABC123/", nil, at(22, 18, 30)),
            ], theme: .societe),
            Story(id: "nominations", headlines: [
                headline("Le Matin", "Conseil de gouvernement : Huit nouvelles nominations à des fonctions supérieures, dont le directeur de l'Office national des aéroports",
                    "https://lematin.ma/nation/conseil-de-gouvernement-huit-nominations/312020", "fr", at(22, 16, 0)),
            ], theme: .politique),
            Story(id: "avatar", headlines: [
                headline("Hespress FR", "Le troisième Avatar se hisse en tête du box-office nord-américain dès sa sortie",
                    "https://fr.hespress.com/448200-avatar-box-office.html", "fr", at(22, 9, 15)),
                headline("Europa Press", "'Avatar: Fuego y ceniza' arrasa en la taquilla norteamericana en su estreno",
                    "https://www.europapress.es/cultura/cine-00128/noticia-avatar-taquilla-20251222.html", "es", at(22, 8, 40)),
            ], theme: .culture),
            Story(id: "lions", headlines: [
                headline("Hespress", "المنتخب الوطني يستأنف تحضيراته لمواجهة زامبيا بحضور بلعمري",
                    "https://www.hespress.com/sport/1498780.html", "ar", at(23, 6, 5)),
            ], theme: .sport),
            Story(id: "cancer", headlines: [
                headline("Médias24", "Cancer du col de l'utérus : Baisse soutenue des taux d'incidence au Maroc",
                    "https://medias24.com/2025/12/22/cancer-col-uterus-baisse/", "fr", nil),
            ], theme: .sante),
            Story(id: "aubin", headlines: [
                headline("Le360", "Trump met fin au mandat de l'ambassadrice Elisabeth Aubin à Alger",
                    "https://le360.ma/monde/trump-met-fin-au-mandat-aubin_XYZ789/", "fr", at(22, 7, 50)),
            ], theme: .international),
        ]
    }

    static var coverage: [SourceReport] {
        [
            SourceReport(name: "Le Matin", url: "file:///demo/lematin.rss", status: .ok, items: 12),
            SourceReport(name: "Hespress FR", url: "file:///demo/hespress-fr.atom", status: .ok, items: 9),
            SourceReport(name: "Le360", url: "file:///demo/le360.rss", status: .notModified, items: 8),
            SourceReport(name: "Morocco World News", url: "file:///demo/morocco-world-news.rss", status: .ok, items: 7),
            SourceReport(name: "Europa Press", url: "file:///demo/europa-press-es.rss", status: .ok, items: 6),
            SourceReport(name: "Hespress", url: "file:///demo/hespress-ar.rss", status: .ok, items: 8),
            SourceReport(name: "Médias24", url: "file:///demo/medias24.json", status: .ok, items: 6),
            SourceReport(name: "L'Opinion", url: "file:///demo/broken.rss", status: .failed, reason: .parse,
                detail: "not XML: an HTML error page", failingSince: at(20, 7, 0)),
            SourceReport(name: "Barlamane", url: "https://www.barlamane.com/feed", status: .failed, reason: .timeout,
                detail: "no answer after 10 s"),
        ]
    }

    static var digest: Digest {
        Digest(
            day: day, window: DateInterval(start: at(22, 7, 0), end: at(23, 7, 0)), timeZone: casablanca,
            generatedAt: at(23, 7, 0).addingTimeInterval(4), stories: stories, coverage: coverage)
    }
}
