import Foundation

/// The words the clusterer compares headlines with, across languages.
///
/// Headlines of one story in French, English, Spanish and Arabic share few words, but they
/// share names (Mahrez, Laftit), numbers (833.000 = 833,000) and ideas (froid = cold = frío
/// = برد). Each idea below is one concept: its words count as the same key. Names written
/// in Arabic letters are mapped to their Latin spelling the same way.
enum StoryVocabulary {
    /// Concept → its words (folded; a trailing `*` matches any ending).
    static let concepts: [String: [String]] = [
        // added: procedure words that retellings translate
        "alert": ["alerte*", "alert", "alerts", "alerta*", "انذار*", "انذاريه"],
        "strong": ["fort", "forte", "fortes", "forts", "strong", "heavy", "fuerte*", "قوي*", "قويه"],
        "launch": ["lance", "lancent", "lancement", "lancer", "launch*", "lanza*", "lanzamiento", "اطلاق", "يطلق", "تطلق", "انطلاق"],
        "prevention": ["prevention", "prevencion", "وقايه", "الوقايه"],
        "identify": ["identif*", "تحديد"],
        "adopt": ["adopt*", "approv*", "aprueba*", "aprobad*", "يصادق", "صادق", "مصادقه"],
        "project": ["projet*", "project*", "proyecto*", "مشروع"],
        "organisation": ["organis*", "reorganis*", "organiz*", "reorganiz*", "تنظيم"],
        "announce": ["annonce*", "announc*", "anuncia*", "اعلن", "يعلن", "تعلن"],
        "unveil": ["devoile*", "unveil*", "revele*", "reveal*", "desvela*", "يكشف", "تكشف", "كشف"],
        "receive": ["recoit", "recu", "receives", "received", "recibe", "يتسلم", "تسلم", "يستقبل"],
        "position": ["fonction", "fonctions", "poste", "postes", "post", "posts", "position*", "cargo", "cargos", "منصب", "مناصب"],
        "senior": ["superieur*", "senior", "superior*", "عليا", "ساميه"],
        "preparation": ["prepar*", "تحضير*", "تحضيرات", "تحضيراته", "استعداد*"],
        "resume": ["reprise", "reprend*", "resume", "resumes", "reanuda*", "يستانف", "تستانف", "استئناف"],
        "team": ["equipe", "equipes", "selection", "team", "teams", "squad", "seleccion", "equipo", "منتخب", "فريق"],
        "monday": ["lundi", "monday", "lunes", "الاثنين"],
        "tuesday": ["mardi", "tuesday", "martes", "الثلاثاء"],
        "wednesday": ["mercredi", "wednesday", "miercoles", "الاربعاء"],
        "thursday": ["jeudi", "thursday", "jueves", "الخميس"],
        "friday": ["vendredi", "friday", "viernes", "الجمعه"],
        "saturday": ["samedi", "saturday", "sabado", "السبت"],
        "sunday": ["dimanche", "sunday", "domingo", "الاحد"],
        // weather
        "cold": ["froid", "froide", "froids", "cold", "frio", "fria", "برد", "بارد", "البارد", "قارس"],
        "wave": ["vague", "vagues", "wave", "waves", "ola", "olas", "موجه"],
        "snow": ["neige*", "snow*", "nieve*", "nevad*", "ثلوج", "ثلج*", "ثلجيه"],
        "rain": ["pluie*", "pluvi*", "rain*", "lluvi*", "امطار", "مطر*", "مطريه", "تساقطات"],
        "wind": ["vent", "vents", "rafale*", "wind", "winds", "gust*", "viento*", "rachas", "رياح", "هبات"],
        "storm": ["tempete*", "storm*", "tormenta*", "temporal", "intemperie*", "عاصفه", "عواصف"],
        "flood": ["inondation*", "inonde*", "flood*", "inundacion*", "inundad*", "فيضانات", "فيضان"],
        "heat": ["chaleur*", "canicule", "heat*", "calor", "حر"],
        "temperature": ["temperature*", "temperatura*", "حراره", "الحراره"],
        "winter": ["hiver*", "hivernal*", "winter*", "invierno", "invernal*", "شتاء", "شتوي", "شتويه"],
        "season": ["saison*", "season*", "temporada*", "موسم"],
        "weather": ["meteo", "weather", "meteorolog*", "طقس", "الطقس"],
        "electricity": ["electricite", "electricity", "power", "electricidad", "كهرباء"],
        "home": ["foyer*", "home", "homes", "household*", "hogar*", "vivienda*", "منزل", "منازل", "اسر"],
        // people and society
        "people": ["personne*", "people", "persona*", "اشخاص", "شخص"],
        "taxi": ["taxi*", "طاكسي*", "الاجره", "اجره"],
        "driver": ["chauffeur*", "driver*", "conductor*", "سائق*", "سائقي"],
        "arrest": ["interpel*", "arrest*", "arrete*", "detenid*", "detencion*", "توقيف", "اعتقال", "ايقاف"],
        "police": ["police*", "polic*", "شرطه"],
        "drug": ["drogue*", "drug*", "droga*", "stupefiant*", "مخدرات", "chira", "hachis", "cannabis"],
        "network": ["reseau*", "network*", "ring", "شبكه"],
        "dismantle": ["demantel*", "dismantl*", "desarticul*", "desmantel*", "تفكيك"],
        "ticket": ["billet*", "ticket*", "entrada*", "تذاكر", "تذكره"],
        "black": ["noir", "noire", "black", "negro", "sombre", "سوداء", "السوداء"],
        "market": ["marche", "marches", "market*", "mercado*", "سوق"],
        "fire": ["incendie*", "fire", "fires", "incendio*", "حريق"],
        "accident": ["accident*", "accidente*", "حادث*", "حادثه"],
        "dead": ["mort", "morts", "dead", "death*", "killed", "muert*", "mueren", "fallec*", "مصرع", "قتلى", "وفاه"],
        "strike": ["greve*", "strike*", "huelga*", "اضراب*"],
        "teacher": ["enseignant*", "teacher*", "profesor*", "اساتذه", "استاذ"],
        "migrant": ["migrant*", "migra*", "inmigra*", "مهاجر*", "هجره"],
        "archaeology": ["archeolog*", "archaeolog*", "arqueolog*", "اثري*", "اثار"],
        "looter": ["pilleur*", "pillage", "looter*", "looting", "expoliador*", "expolio", "ناهب*"],
        "mobility": ["mobilite", "mobility", "movilidad", "تنقل", "التنقل"],
        "urban": ["urbain*", "urban", "urbano*", "urbana*", "حضري", "الحضري", "الحضريه"],
        // politics and institutions
        "interior": ["interieur", "interior", "داخليه", "laftit", "لفتيت"],
        "ministry": ["ministere*", "ministre*", "ministry", "minister*", "ministerio*", "ministro*", "ministra", "وزاره", "وزير"],
        "reform": ["reform*", "reforma*", "اصلاح*", "اصلاحات"],
        "study": ["etude*", "study", "studies", "estudio*", "دراسه"],
        "government": ["gouvernement*", "government*", "gobierno*", "حكومه", "الحكومه"],
        "council": ["conseil*", "council*", "consejo*", "مجلس"],
        "chamber": ["chambre", "house", "camara"],
        "councillors": ["conseillers", "councillors", "councilors", "consejeros", "المستشارين", "مستشارين"],
        "parliament": ["parlement*", "parliament*", "parlamento*", "برلمان"],
        "law": ["loi", "lois", "law", "laws", "bill", "ley", "leyes", "قانون"],
        "press": ["presse", "press", "prensa", "صحافه", "الصحافه"],
        "appointment": ["nomination*", "appointment*", "nombramiento*", "تعيين*", "تعيينات"],
        "report": ["rapport", "rapports", "report", "reports", "informe*", "تقرير"],
        "annual": ["annuel*", "annual", "anual*", "سنوي", "السنوي"],
        "president": ["president*", "presidente*", "رئيس"],
        "ambassador": ["ambassad*", "embassy", "ambassador*", "embajad*", "سفير*", "سفيره"],
        "ship": ["navire*", "warship*", "ship*", "buque*", "سفن", "سفينه"],
        "war": ["guerre*", "war", "wars", "guerra*", "حرب", "الحرب"],
        "name": ["nom", "name", "nombre", "اسم", "اسمه"],
        "class": ["classe", "class", "clase", "فئه"],
        "force": ["force*", "fuerza*", "قوه"],
        "unified": ["unifie*", "unified", "unificad*", "موحده"],
        "alliance": ["alliance", "alianza", "تحالف"],
        // economy
        "trade": ["commerce", "commercial*", "trade", "comercio", "comercial*", "تجاره", "مبادلات"],
        "exchange": ["echange*", "exchange*", "intercambio*"],
        "rise": ["hausse", "rise", "rises", "increase*", "alza", "subida", "aumento", "ارتفاع"],
        "month": ["mois", "month", "months", "mes", "meses", "اشهر", "شهرا"],
        "eleven": ["onze", "eleven", "once"],
        "acquire": ["acquiert", "acquisition*", "acquires", "acquired", "adquiere", "adquisicion", "استحواذ", "يستحوذ"],
        "passenger": ["passager*", "passenger*", "pasajero*", "مسافر*"],
        "airport": ["aeroport*", "airport*", "aeropuerto*", "مطار"],
        "digital": ["digital*", "numerique*", "digitalis*", "digitaliz*", "رقمي*", "رقمنه"],
        "production": ["production", "productive", "produccion", "انتاج"],
        "extension": ["extension", "expansion", "ampliacion", "توسعه", "توسيع"],
        "rate": ["taux", "rate", "rates", "tipo", "tipos", "سعر", "معدل"],
        "interest": ["interet*", "interest", "interes", "فائده", "الفائده"],
        "car": ["automobile*", "voiture*", "vehicule*", "car", "cars", "automovil*", "coche*", "سيارات"],
        "tourist": ["touris*", "turis*", "سياح*", "سياحه"],
        "export": ["export*", "exportac*", "صادرات", "تصدير"],
        // sport and culture
        "happy": ["content", "contents", "contente*", "happy", "glad", "contento*", "heureu*", "feliz", "felices", "سعداء", "سعيد*"],
        "win": ["victoire*", "gagne*", "battent", "bat", "win", "wins", "beat", "beats", "gana*", "vence*", "فوز", "يفوز", "يفوزون"],
        "match": ["match*", "partido*", "مباراه", "مباريات"],
        "opener": ["ouverture", "opening", "opener", "inaugural", "apertura", "افتتاح", "الافتتاح", "افتتاحيه"],
        "coach": ["entraineur*", "selectionneur*", "coach*", "entrenador*", "seleccionador*", "مدرب"],
        "list": ["liste*", "list", "lists", "lista*", "لائحه", "قائمه"],
        "player": ["joueur*", "player*", "jugador*", "لاعب*"],
        "best": ["meilleur*", "best", "mejor*", "افضل"],
        "lions": ["lion", "lions", "leones", "اسود"],
        "atlas": ["atlas", "اطلس", "الاطلس"],
        "knee": ["genou*", "knee*", "rodilla*", "ركبه", "الركبه"],
        "surgery": ["opere*", "operat*", "surgery", "operad*", "جراحي*", "عمليه"],
        "success": ["succes", "success*", "exito*", "نجاح", "بنجاح"],
        "jersey": ["maillot*", "jersey*", "shirt*", "kit", "kits", "camiseta*", "قميص", "اقمصه"],
        "diaspora": ["diaspora*", "شتات"],
        "anthem": ["hymne*", "anthem*", "himno*", "نشيد"],
        "album": ["album*", "البوم"],
        "dance": ["danse*", "dansant*", "dance*", "danc*", "baile*", "رقص*"],
        "film": ["film*", "movie*", "pelicula*", "cine", "cinema", "فيلم", "سينما"],
        "festival": ["festival*", "مهرجان"],
        "novel": ["roman", "novel", "novela", "روايه"],
        "teaser": ["teaser", "trailer", "bande", "avance", "اعلان"],
        "scene": ["scene*", "escena*", "مشاهد"],
        "shot": ["tourne*", "shot", "filmed", "rodad*", "صور*"],
        "box": ["box", "taquilla", "ايرادات"],
        "head": ["tete", "top", "tops", "cabeza", "صداره"],
        "rumour": ["rumeur*", "rumour*", "rumor*", "اشاعات", "شائعات"],
        "expulsion": ["expulsion*", "expelled", "expuls*", "طرد"],
        "deny": ["dement*", "deni*", "deny", "denies", "desmient*", "desment*", "نفي", "تنفي", "ينفي"],
        "article": ["article*", "articulo*", "مقال"],
        "ceremony": ["ceremonie*", "ceremony", "ceremonia*", "حفل"],
        "cyberattack": ["cyberattaque*", "cyberattack*", "ciberataque*", "هجوم", "سيبراني"],
        "foil": ["dejoue*", "foil*", "frustra*", "احباط"],
        "vaccination": ["vaccin*", "vacun*", "تلقيح", "لقاح"],
        "measles": ["rougeole", "measles", "sarampion", "حصبه", "بوحمرون"],
        "hospital": ["hopita*", "hospital*", "مستشفى"],
        "dinosaur": ["dinosaur*", "dinosaurio*", "ديناصور*", "ديناصورات"],
        "artificial": ["artificiel*", "artificial", "اصطناعي"],
        "intelligence": ["intelligen*", "inteligen*", "ذكاء"],
        "strategy": ["strateg*", "estrateg*", "استراتيجيه"],
    ]

    /// Places and people, spelled in several languages and scripts: names weigh more.
    static let names: [String: [String]] = [
        "morocco": ["maroc", "marocain*", "morocco", "moroccan*", "marruecos", "marroqui*", "مغرب", "المغرب", "المغربي", "المغربيه"],
        "spain": ["espagne", "espagnol*", "spain", "spanish", "espana", "espanol*", "اسبانيا"],
        "france": ["france", "francais*", "french", "francia", "frances*", "فرنسا"],
        "algeria": ["algerie", "algerien*", "algeria*", "argelia", "argelin*", "الجزائر", "جزائر"],
        "algiers": ["alger", "algiers", "argel"],
        "usa": ["usa", "americain*", "american*", "estadounidense*", "امريكا", "امريكي*"],
        "senegal": ["senegal*", "السنغال"],
        "sahel": ["sahel", "الساحل"],
        "tunisia": ["tunisie", "tunisien*", "tunisia*", "tunez", "tunecin*", "تونس", "تونسي*"],
        "ukraine": ["ukraine", "ukrainien*", "ukrainian*", "ucrania*", "اوكرانيا"],
        "russia": ["russie", "russe*", "russia*", "rusia", "ruso*", "روسيا"],
        "china": ["chine", "chinois*", "china", "chinese", "chino*", "الصين"],
        "comoros": ["comores", "comoros", "comoras", "القمر"],
        "zambia": ["zambie", "zambia", "زامبيا"],
        "marrakech": ["marrakech", "marrakesh", "مراكش"],
        "casablanca": ["casablanca", "البيضاء"],
        "rabat": ["rabat", "الرباط"],
        "tangier": ["tanger", "tangier", "tangiers", "طنجه"],
        "agadir": ["agadir", "اكادير"],
        "essaouira": ["essaouira", "الصويره"],
        "safi": ["safi", "اسفي"],
        "trump": ["trump", "ترامب"],
        "putin": ["poutine", "putin", "بوتين"],
        "macron": ["macron", "ماكرون"],
        "mahrez": ["mahrez", "محرز"],
        "riyad": ["riyad", "رياض"],
        "akhannouch": ["akhannouch", "اخنوش"],
        "bourita": ["bourita", "بوريطه"],
        "regragui": ["regragui", "الركراكي"],
        "hakimi": ["hakimi", "حكيمي"],
        "neymar": ["neymar", "نيمار"],
        "interpol": ["interpol", "الانتربول", "انتربول"],
        "akdital": ["akdital", "اكديطال"],
        "azerbaijan": ["azerbaidjan", "azerbaijan", "azerbaiyan", "اذربيجان"],
        "essential-can": ["can", "afcon", "الكان"],
        "africa": ["afrique", "africa", "africain*", "african*", "africano*", "افريقيا", "افريقي*"],
        "cup": ["coupe", "cup", "copa", "كاس"],
        "nations": ["nations", "naciones", "امم"],
    ]

    /// Keys so common in this press that sharing them says nothing about the story.
    static let genericKeys: Set<String> = [
        "~morocco", "~essential-can", "~africa", "~cup", "~nations", "#2024", "#2025", "#2026",
        "nation", "national", "nationale", "royaume", "kingdom", "reino", "مملكه", "وطني", "الوطني",
        "~president", "~government", "~ministry", "~council", "~people", "~month", "~year", "وطنيه",
        "~monday", "~tuesday", "~wednesday", "~thursday", "~friday", "~saturday", "~sunday",
    ]

    /// Keys that say what happened in the vaguest way ("receives", "announces"): they
    /// weigh half, and never count as the content two headlines must share.
    static let weakKeys: Set<String> = ["~receive", "~announce", "~unveil", "~launch", "~president"]

    /// Words that carry no story: articles, prepositions, auxiliaries, months, in four languages.
    static let stopWords: Set<String> = Set("""
        le la les l un une des du de d au aux et en dans sur sous pour par avec sans ce cet cette ces son sa ses \
        leur leurs qui que qu quoi dont est sont a ont etre etait ete plus moins tres ne pas n se s c j y il elle \
        ils elles nous vous on je tu lui mais ou donc ni car apres avant depuis pendant entre vers chez contre selon \
        lors ainsi aussi tout tous toute toutes autre autres meme nouveau nouvel nouvelle nouvelles nouveaux \
        premier premiere ici sommes suis avoir fait faire va vont peut doit environ pres quelque plusieurs \
        the a an of to in on at for by with from and or but is are was were be been being has have had it its \
        this that these those as into over after before about nearly around out new says say said will would \
        could may might not no than more most his her their our we you they he she i us s \
        el los las una unos unas del al y o por para con sin se su sus es son ser estar estamos esta este estos \
        estas como mas muy ya lo le les nos ha han tras sobre hasta desde nuevo nueva nuevos nuevas cerca casi \
        في من على الى عن مع هذا هذه ذلك التي الذي الذين او ثم قد لا لم لن ما كان كانت بعد قبل عند حول نحو حوالي \
        خلال بين كل ان هو هي هم ضد لدى عبر منذ \
        janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre \
        january february march april may june july august september october november december \
        enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre \
        يناير فبراير مارس ابريل ماي يونيو يوليوز غشت شتنبر اكتوبر نونبر دجنبر ديسمبر
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Small numbers written as words, so that "huit", "eight", "ocho", "ثمانية" and "8" meet.
    static let numberWords: [String: String] = [
        "deux": "2", "two": "2", "dos": "2", "اثنين": "2", "اثنان": "2",
        "trois": "3", "three": "3", "tres": "3", "ثلاثه": "3", "ثلاث": "3",
        "quatre": "4", "four": "4", "cuatro": "4", "اربعه": "4", "اربع": "4",
        "cinq": "5", "five": "5", "cinco": "5", "خمسه": "5", "خمس": "5",
        "six": "6", "seis": "6", "سته": "6", "ست": "6",
        "sept": "7", "seven": "7", "siete": "7", "سبعه": "7", "سبع": "7",
        "huit": "8", "eight": "8", "ocho": "8", "ثمانيه": "8", "ثماني": "8", "ثمان": "8",
        "neuf": "9", "nine": "9", "nueve": "9", "تسعه": "9", "تسع": "9",
        "dix": "10", "ten": "10", "diez": "10", "عشره": "10", "عشر": "10",
    ]

    /// Words that turn the number before them into thousands or millions ("833 ألف").
    static let multipliers: [String: Double] = [
        "mille": 1e3, "thousand": 1e3, "mil": 1e3, "الف": 1e3, "آلاف": 1e3, "الاف": 1e3,
        "million": 1e6, "millions": 1e6, "millon": 1e6, "millones": 1e6, "مليون": 1e6, "ملايين": 1e6,
        "milliard": 1e9, "milliards": 1e9, "billion": 1e9, "billions": 1e9, "مليار": 1e9, "مليارات": 1e9,
    ]

    // MARK: - Lookup

    private static let index: (exact: [String: String], prefixes: [String: [(String, String)]]) = {
        var exact: [String: String] = [:]
        var prefixes: [String: [(String, String)]] = [:]
        for (concept, words) in (concepts.merging(names) { a, _ in a }).sorted(by: { $0.key < $1.key }) {
            for word in words {
                if word.hasSuffix("*") {
                    let stem = TextFolding.foldWord(String(word.dropLast()))
                    prefixes[String(stem.prefix(3)), default: []].append((stem, concept))
                } else {
                    let folded = TextFolding.foldWord(word)
                    if exact[folded] == nil { exact[folded] = concept }
                }
            }
        }
        return (exact, prefixes)
    }()

    /// The concept a word belongs to, if any (tries the Arabic clitic-free forms too).
    static func concept(of token: FoldedToken) -> String? {
        for variant in token.variants {
            if let concept = index.exact[variant] { return concept }
        }
        for variant in token.variants where variant.count >= 3 {
            for (stem, concept) in index.prefixes[String(variant.prefix(3))] ?? [] where variant.hasPrefix(stem) {
                return concept
            }
        }
        return nil
    }
}
