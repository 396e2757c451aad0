import LatticeModel

/// The invented vocabulary of the synthetic seeds. Names mix in accented letters (all of them
/// in ``WordPools/decompose(_:)``'s table, so NFD documents really decompose them) and
/// typographic apostrophes and dashes; nothing here contains a quotation mark, which only
/// statements write.
enum WordPools {
    static let stateHeads = [
        "Val", "Kes", "Mor", "Ost", "Bel", "Tar", "Ser", "Lun", "Nor", "Cal", "Ves", "Dra", "Ith",
        "Qua", "Zan", "Eld", "Fen", "Gal", "Hel", "Ira", "Jor", "Kal", "Lor", "Mar", "Nes", "Oru",
        "Pel", "Rhu", "Sol", "Tev", "Ul", "Vor", "Wen", "Yar", "Zel", "Ös", "Él", "Çar", "Ñu",
        "Ång", "Bré", "Dú", "Ar", "Bo", "Cor", "Den", "Est", "Fal", "Gor", "Hal", "Isk", "Jan",
        "Kor", "Lim", "Mal", "Nav", "Ord", "Pra", "Ros", "Sav", "Tor", "Ven", "Xan", "Yel", "Zor",
    ]
    static let stateMids = ["a", "e", "i", "o", "an", "or", "el", "ar", "is", "un", "", "av", "et"]
    static let stateTails = [
        "ia", "ova", "land", "stan", "ora", "ene", "ica", "oria", "aria", "esh", "ad", "mark",
        "inia", "ura",
    ]
    static let statePrefixes =
        Array(repeating: "", count: 24) + [
            "North ", "South ", "New ", "East ", "West ",
            "Upper ", "Lower ", "Greater ",
        ]
    static let capitalPatterns = [
        "Port #", "San #", "#grad", "#ville", "Nova #", "#burg", "# City", "Fort #",
        "#haven", "Saint-#",
    ]
    static let capitalRoots = [
        "Verel", "Amaro", "Cassel", "Dorin", "Esmé", "Faro", "Galen", "Hollis", "Isar", "Jaffe",
        "Kovel", "Lirae", "Mossé", "Nadir", "Orsk", "Pavel", "Quill", "Rennes", "Sabin",
        "Tolle", "Ulmo", "Varga", "Wexe", "Ysolde", "Zorn", "Aurel", "Brio", "Côme", "Dália",
    ]
    static let seaRoots = [
        "Kestrel", "Amber", "Coral", "Halcyon", "Meridian", "Sable", "Tethys", "Vesper", "Lumen",
        "Orrin", "Cerulean", "Marrow", "Ondine", "Pallas", "Saffron", "Thule", "Ysel", "Zéphyr",
    ]
    static let seaPatterns = ["# Sea", "# Strait", "Gulf of #", "# Basin", "# Passage"]
    static let islePatterns = ["# Shoals", "# Islands", "# Reef", "# Rocks", "# Atoll", "# Cays"]
    static let isleRoots = [
        "Verel", "Saint Ansel", "Marisol", "Oyster", "Cinder", "Halde", "Pinto", "Ébano", "Grison",
        "Lazul", "Nacre", "Tamsin", "Vireo", "Wrenna", "Zinnia",
    ]
    static let firstNames = [
        "Zoë", "José", "Ana", "Mateus", "Léa", "Chloé", "Noémie", "François", "Björn", "Åsa",
        "Jürgen", "Müge", "Çağla", "Ömer", "Daniel", "Maria", "Kenji", "Hiroshi", "Mei", "Wei",
        "Ravi", "Priya", "Arjun", "Sione", "Aroha", "Tevita", "Liam", "Grace", "Ethan", "Amara",
        "Chidi", "Fatima", "Omar", "Layla", "Yusuf", "Elif", "Ying-Yu", "Min-jun", "Ji-woo",
        "Dmitri", "Olena", "Taras", "Marta", "Tomás", "Inês", "João", "Renée", "Hélène", "Zoltán",
        "Dóra", "Miloš", "Jiří", "Agnieszka", "Gilberto", "Rosário", "Kalani", "Mere", "Ngaire",
        "Nikhil", "Anh", "Thanh", "Siobhán", "Aoife", "Eoin", "Ciarán", "Ifeoma", "Kwame", "Ama",
        "Rahel", "Noa",
    ]
    static let lastNames = [
        "Ångström", "Nguyễn", "Müller", "Okonkwo", "Tanaka", "Watanabe", "Sato", "Kim", "Park",
        "Lee", "Chen", "Lin", "Wang", "Zhou", "Sharma", "Iyer", "Reddy", "Fonoti", "Tupou", "Ngata",
        "Walker", "Hughes", "Moreau", "Lefèvre", "Dubois", "Núñez", "García", "Peña", "Gonçalves",
        "Araújo", "Conceição", "Kovács", "Horváth", "Dvořák", "Novák", "Šimić", "Petrović",
        "Jovanović", "Lindqvist", "Bergström", "Håkansson", "Öztürk", "Demir", "Koç", "O’Connell",
        "D’Souza", "Al-Rashid", "Teodoro", "Santos", "Reyes", "Bautista", "Mendoza", "Aquino",
        "Wiranto", "Sutanto", "Halim", "Rahman", "Abdullah", "Tan", "Lim", "Ong", "Pham", "Tran",
        "Vu", "Thapa", "Gurung", "Perera", "Fernando", "Silva", "Ivanova", "Sokolov", "Kuznetsova",
        "Bondarenko", "Shevchenko", "Kowalski", "Nowak", "Wójcik", "Schröder", "Fischer",
        "Van der Berg", "de la Cruz", "MacLeod", "Ó Briain", "Mbeki", "Haddad", "Khoury",
        "Yamamoto", "Nakamura", "Cho", "Jung", "Bose", "Menon", "Kapoor",
    ]
    static let initials = Array("ABCDEFGHJKLMNOPRSTVWZ").map(String.init)
    static let orgTopics = [
        "Strategic", "Maritime", "Security", "Defense", "Regional", "Policy", "Peace", "Naval",
        "International", "Indo-Pacific", "Eurasian", "Coastal", "Arms Control", "Economic",
    ]
    /// (pattern, what it is): P a place, T a topic, L a surname.
    static let orgPatterns = [
        ("P Institute for T Studies", "think tank"), ("P Centre for T Affairs", "research centre"),
        ("University of P", "university"), ("L Foundation", "private foundation"),
        ("P T Industries", "defense manufacturer"), ("P Coast Guard", "coast guard agency"),
        ("P Chamber of Commerce", "business association"), ("L–L Forum", "policy forum"),
    ]
    static let outletPatterns = [
        "# Observer", "# Herald", "# Daily", "# Times", "# Courier", "# Review", "# Dispatch",
        "# Ledger",
    ]
    static let publishers = [
        "Centre for Maritime Security Studies — Lisbon & Vienna", "Institut für Sicherheitspolitik, Berlin",
        "Observatoire de l’Indo-Pacifique", "Asia–Europe Security Monitor",
        "Nordic Institute for Strategic Affairs", "Pacific Forum Review", "Global Lattice Quarterly",
        "Fundação para Estudos Estratégicos — Porto",
    ]
    static let topics = [
        "freedom of navigation", "fisheries enforcement", "semiconductor supply chains",
        "missile defense", "undersea cables", "rare-earth exports", "port access", "coast guard patrols",
        "arms exports", "energy security", "maritime domain awareness", "cyber defense",
    ]
    static let items = [
        "patrol boats", "coastal radars", "artillery shells", "surveillance drones", "anti-ship missiles",
        "armored vehicles", "night-vision equipment", "transport aircraft",
    ]
    static let goods = [
        "liquefied natural gas", "rice", "rare-earth magnets", "steel", "fertilizer", "microchips",
        "crude oil", "pharmaceuticals",
    ]
    static let actions = [
        "seizing the outlying islands", "blockading its ports", "testing missiles over the strait",
        "harassing fishing fleets", "cutting undersea cables", "massing troops on the border",
    ]
    static let decades = ["1930s", "1940s", "1950s", "1960s", "1970s", "1980s"]
    static let stateSizes = ["small", "mid-sized", "populous", "landlocked", "archipelagic", "coastal", "resource-rich"]
    static let statePredicates = [
        "has doubled its coast guard budget", "is hedging between the great powers",
        "has quietly expanded its deep-water ports", "remains wary of entangling commitments",
        "recently opened its airfields to foreign rotations", "is rebuilding a navy it let wither",
        "has become an unlikely broker of regional talks",
    ]
    static let regionAdjectives: [Region: String] = [
        .eastAsia: "East Asian", .southeastAsia: "Southeast Asian", .southAsia: "South Asian", .oceania: "Pacific",
        .europe: "European", .northAmerica: "North American", .eurasia: "Eurasian", .global: "globally engaged",
    ]
    /// # is a sea; Y a year; N a number; T a topic.
    static let fillers = [
        "The # has become the region’s most crowded stretch of water — and its most dangerous.",
        "Few expected the détente of Y to last; fewer still expected it to end so abruptly.",
        "Diplomats now speak of a lattice of overlapping arrangements rather than a single alliance.",
        "Trade still flows, but the mood has soured.",
        "For now, the rapprochement holds — barely.",
        "Defense budgets across the region rose by N percent last year, by one independent estimate.",
        "None of this amounts to a collective defense treaty… at least not yet.",
        "Analysts describe the result as a patchwork: bilateral deals, ad hoc coalitions and a great deal of hedging.",
        "Much depends on T, an issue that rarely makes headlines but shapes every negotiation.",
        "Café diplomacy has its limits when warships shadow each other a few miles offshore.",
        "The naïve hope that economic interdependence would guarantee peace has faded.",
    ]
    /// An astral-plane ideograph (two UTF-16 units, one scalar) in some documents.
    static let astralFiller = "In the fishing town of 𠮷浦, locals watch the patrol boats with a mixture of pride and unease."

    /// Statement templates: B an actor, X an alliance, # a sea, Y a year.
    static let directQuotes = [
        "We will not accept any arrangement that treats B as a junior partner",
        "Our door remains open to B, but dialogue cannot be a one-way street",
        "X is not aimed at anyone — it is about keeping the sea lanes open",
        "If B continues its patrols near the #, we will respond… proportionately",
        "This is the most serious crisis in the # since Y",
        "B has to decide whether it wants to be a partner or a spoiler",
        "There is no appetite for a collective defense clause in X — none at all",
        "We share intelligence with B every day, and that will not change",
        "Frankly, the talks with B achieved very little",
        "Let me be clear: X will not be dragged into someone else’s war",
        "B cannot be both our largest customer and our largest threat",
    ]
    static let partialFragments = [
        "a dangerous provocation", "premature", "a line in the sand", "a marriage of convenience", "strategic patience",
        "an unacceptable escalation", "rock-solid", "a paper tiger", "nothing more than a talking shop",
        "a historic step", "deeply regrettable", "a Cold War relic", "déjà vu", "an ironclad commitment",
        "a threat to B’s sovereignty", "a gift to B", "grey-zone coercion", "a lattice, not a ladder",
        "unthinkable… until recently", "the new normal",
    ]
    static let paraphraseClauses = [
        "B has no plans to join X before Y", "X will hold its first joint exercise in the # next spring",
        "B is quietly supplying drone components to its neighbours",
        "the talks with B collapsed over the question of basing rights",
        "there is no appetite in X for a mutual defense clause", "X lacks the political cohesion to act in a crisis",
        "B’s coast guard has tripled its patrols near the #", "X is more symbolic than operational — for now",
        "B will seek observer status in X within two years",
    ]
    static let allianceNouns: [AllianceKind: [String]] = [
        .militaryAlliance: ["Defense Pact", "Treaty Organization", "Mutual Defense Alliance"],
        .securityDialogue: ["Security Dialogue", "Defense Forum", "Maritime Dialogue"],
        .minilateral: ["Trilateral", "Quartet", "Maritime Initiative"],
        .partnerGroup: ["Partners Group", "Contact Group", "Friends Group"],
        .strategicPartnership: ["Strategic Partnership", "Comprehensive Partnership"],
        .politicalUnion: ["Union", "Commonwealth", "Council"],
        .economicBloc: ["Trade Bloc", "Economic Area", "Customs Union"],
    ]
    static let obligationProse: [Obligation: String] = [
        .mutualDefense: "a mutual defense clause", .consultation: "regular consultations",
        .intelligenceSharing: "routine intelligence sharing", .defenseIndustrial: "joint arms production",
        .navalCooperation: "joint naval patrols", .economicCoordination: "a coordinated trade policy",
    ]

    /// Canonical decomposition (NFD) of the precomposed letters above; documents written
    /// decomposed exercise offsets counted in scalars.
    static func decompose(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let parts = decompositions[scalar] { result.append(contentsOf: parts.unicodeScalars) } else { result.append(scalar) }
        }
        return String(result)
    }

    private static let decompositions: [Unicode.Scalar: String] = {
        let marks: [(String, String)] = [
            ("\u{301}", "áéíóúÁÉÍÓÚ"), ("\u{300}", "àèìòù"), ("\u{302}", "âêîôûÂÊÔ"), ("\u{308}", "äëïöüÄËÖÜ"),
            ("\u{303}", "ãõñÑ"), ("\u{30A}", "åÅ"), ("\u{327}", "çÇş"), ("\u{306}", "ğ"), ("\u{30C}", "řšžčŠŽČ"),
        ]
        var table: [Unicode.Scalar: String] = [:]
        for (mark, letters) in marks {
            for letter in letters.unicodeScalars {
                let base = TextFolding.fold(String(letter)).unicodeScalars.first!
                let upper = letter.properties.isUppercase ? String(base).uppercased() : String(base)
                table[letter] = upper + mark
            }
        }
        table["ễ"] = "e\u{302}\u{303}"
        return table
    }()
}
