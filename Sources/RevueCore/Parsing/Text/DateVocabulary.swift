/// The words a written date may hold, lower-cased: month and weekday names in the languages
/// feeds write, time zone names, and the few connecting words of date phrases ("de", "à").
/// A word that is none of these makes a date field unreadable (see `DateParser`).
enum DateVocabulary {
    /// The month a name or abbreviation stands for: a listed form, or at least three letters
    /// that begin the full name of one month and of no other ("sept", "févr", "juil").
    static func month(_ word: String) -> Int? {
        let m = monthTable[word] ?? 0
        return m > 0 ? m : nil
    }

    /// Weekday names and abbreviations ("Tues", "jeu", "Κυρ"): read and ignored, since a wrong
    /// weekday is a common slip and the day of the month is what counts.
    static func isWeekday(_ word: String) -> Bool { weekdayTable.contains(word) }

    /// "de" in "23 de diciembre de 2025", "à" in "mardi 23 décembre 2025 à 09:30".
    static func isConnective(_ word: String) -> Bool { connectives.contains(word) }

    /// The offset in seconds of a zone name. Single military letters and "at" only count
    /// after the time: before it, "a" and "at" are words of the phrase ("a las 10:30").
    static func zoneOffset(_ word: String, afterTime: Bool) -> Int? {
        if let offset = zoneNames[word] { return offset }
        guard afterTime else { return nil }
        if word == "at" { return -4 * 3600 }  // Atlantic, as written by US feeds of the 2000s
        return militaryZone(word)
    }

    /// GMT, UTC and UT: names that a numeric offset may follow ("GMT+2", "UTC-05:00").
    static func isUniversal(_ word: String) -> Bool { word == "gmt" || word == "utc" || word == "ut" }

    /// RFC 822's military zones, with the signs RFC 822 gives (A is -1, N is +1); J is unused.
    static func militaryZone(_ word: String) -> Int? {
        guard word.unicodeScalars.count == 1, let v = word.unicodeScalars.first?.value else { return nil }
        switch v {
        case 0x61...0x69: return -Int(v - 0x60) * 3600  // a-i: -1...-9
        case 0x6B...0x6D: return -Int(v - 0x61) * 3600  // k-m: -10...-12
        case 0x6E...0x79: return Int(v - 0x6D) * 3600  // n-y: +1...+12
        case 0x7A: return 0
        default: return nil
        }
    }

    enum Meridiem { case am, pm }

    /// "pm", "p.m." (read as one word), and the Korean 오전/오후, which come before the time.
    static func meridiem(_ word: String) -> Meridiem? {
        switch word {
        case "am", "오전": return .am
        case "pm", "오후": return .pm
        default: return nil
        }
    }

    /// Korean dates label their numbers: "2004년 05월 28일".
    enum Field { case year, month, day }

    static func koreanField(_ word: String) -> Field? {
        switch word {
        case "년": return .year
        case "월": return .month
        case "일": return .day
        default: return nil
        }
    }

    /// Korean words: a Korean date without a zone is in Korea's one time zone (UTC+9).
    static func isKorean(_ word: String) -> Bool {
        word.unicodeScalars.contains { $0.value >= 0xAC00 && $0.value <= 0xD7A3 }
    }

    /// What may follow a day number: "1st", "2nd", "1er", "1º".
    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th", "er", "re", "e", "ème", "eme", "º", "ª", "o"]

    // MARK: Tables

    /// Full month names, one list per language, January first: their prefixes are read too.
    static let fullMonthNames: [[String]] = [
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
        ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"],
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
        ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
        ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
        ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
        ["január", "február", "március", "április", "május", "június", "július", "augusztus", "szeptember", "október", "november", "december"],
    ]

    /// Forms that are not prefixes of a full name above: Arabic (Maghreb and Mashreq), Greek
    /// (genitive and abbreviated), and a few spellings.
    static let otherMonthNames: [[String]] = [
        ["jänner", "يناير", "جانفي", "ينار", "ιαν", "ιανουαρίου"],
        ["فبراير", "شباط", "فيفري", "φεβ", "φεβρουαρίου"],
        ["مارس", "آذار", "اذار", "μάρ", "μαρ", "μαρτίου", "μάώ", "μαώ"],
        ["أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "افريل", "απρ", "απριλίου"],
        ["ماي", "مايو", "أيار", "ايار", "μάι", "μαϊ", "μαΐ", "μαι", "μαΐου"],
        ["يونيو", "يونيه", "حزيران", "جوان", "ιούν", "ιουν", "ιουνίου"],
        ["يوليو", "يوليوز", "يوليه", "تموز", "جويلية", "ιούλ", "ιουλ", "ιουλίου"],
        ["غشت", "أغسطس", "اغسطس", "آب", "أوت", "اوت", "αύγ", "αυγ", "αυγούστου"],
        ["setiembre", "شتنبر", "سبتمبر", "أيلول", "ايلول", "σεπ", "σεπτεμβρίου"],
        ["أكتوبر", "اكتوبر", "οκτ", "οκτωβρίου"],
        ["نونبر", "نوفمبر", "νοέ", "νοε", "νοεμβρίου"],
        ["دجنبر", "ديسمبر", "دیسمبر", "δεκ", "δεκεμβρίου"],
    ]

    /// The Levantine names are two words ("كانون الثاني"): the reader joins a word to the next
    /// when the pair is listed here.
    static let twoWordMonthNames: [String: Int] = [
        "كانون الثاني": 1, "تشرين الأول": 10, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
    ]

    /// 0 marks a prefix shared by two months ("jui": juin, juillet).
    static let monthTable: [String: Int] = {
        var table = [String: Int]()
        for names in fullMonthNames {
            for (index, name) in names.enumerated() {
                var prefix = ""
                for (k, ch) in name.enumerated() {
                    prefix.append(ch)
                    guard k >= 2 else { continue }
                    if let other = table[prefix], other != index + 1 { table[prefix] = 0 } else { table[prefix] = index + 1 }
                }
            }
        }
        for names in fullMonthNames {
            for (index, name) in names.enumerated() { table[name] = index + 1 }
        }
        for (index, names) in otherMonthNames.enumerated() {
            for name in names { table[name] = index + 1 }
        }
        return table
    }()

    static let fullWeekdayNames: [String] = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
        "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
        "segunda", "terça", "terca", "quarta", "quinta", "sexta",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
        "hétfő", "kedd", "szerda", "csütörtök", "péntek", "szombat", "vasárnap",
        "κυριακή", "δευτέρα", "τρίτη", "τετάρτη", "πέμπτη", "παρασκευή", "σάββατο",
    ]

    static let weekdayTable: Set<String> = {
        var table = Set<String>()
        for name in fullWeekdayNames {
            var prefix = ""
            for (k, ch) in name.enumerated() {
                prefix.append(ch)
                if k >= 2 { table.insert(prefix) }
            }
        }
        table.formUnion([
            "weds", "mo", "di", "mi", "do", "fr", "sa", "so",
            "κυρ", "δευ", "τρι", "τετ", "πεμ", "παρ", "σαβ",
            "الأحد", "الاحد", "الإثنين", "الاثنين", "الثلاثاء", "الأربعاء", "الاربعاء", "الخميس", "الجمعة", "السبت",
            "월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일",
        ])
        return table
    }()

    static let connectives: Set<String> = [
        "de", "del", "le", "la", "las", "los", "à", "a", "at", "on", "of", "the", "um", "uhr", "am", "den", "der",
        "el", "às", "as", "alle", "ore", "feira", "الساعة",
    ]

    /// RFC 822's names, the North American and European ones feeds write, and a few others
    /// met in news feeds. Ambiguous abbreviations take their most common meaning in feeds:
    /// CST is US Central, IST is India.
    static let zoneNames: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "uct": 0, "wet": 0,
        "est": -5 * 3600, "edt": -4 * 3600, "cst": -6 * 3600, "cdt": -5 * 3600,
        "mst": -7 * 3600, "mdt": -6 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600,
        "ast": -4 * 3600, "adt": -3 * 3600, "et": -5 * 3600, "ct": -6 * 3600, "mt": -7 * 3600, "pt": -8 * 3600,
        "akst": -9 * 3600, "akdt": -8 * 3600, "hst": -10 * 3600, "nst": -12_600, "ndt": -9000,
        "cet": 3600, "cest": 7200, "met": 3600, "mest": 7200, "bst": 3600, "west": 3600, "eet": 7200, "eest": 10800,
        "wat": 3600, "cat": 7200, "eat": 10800, "sast": 7200, "msk": 3 * 3600, "gst": 4 * 3600, "pkt": 5 * 3600,
        "ist": 19800, "wib": 7 * 3600, "sgt": 8 * 3600, "hkt": 8 * 3600, "pht": 8 * 3600, "awst": 8 * 3600,
        "jst": 9 * 3600, "kst": 9 * 3600, "acst": 34200, "acdt": 37800, "aest": 10 * 3600, "aedt": 11 * 3600,
        "nzst": 12 * 3600, "nzdt": 13 * 3600,
    ]
}
