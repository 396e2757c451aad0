import LatticeModel

/// Generates synthetic documents and their records, about `scale` times the real dataset
/// (per document: 15 states, 3 organizations, 11 persons, 11 alliances, 35 relations and
/// 22 statements on average). Every value of every enumeration is used (each vocabulary is
/// walked in order before values are drawn at random), and a few "hubs" of the first
/// document are members, relation ends, speakers and subjects across the whole dataset, so
/// filters on a big dataset return large result sets.
final class SyntheticGenerator {
    static let site = Site(file: "(generated)", line: 0, column: 0, path: "$")

    /// What one document holds.
    struct Contents {
        var actors: [SyntheticEntity] = []
        var alliances: [SyntheticEntity] = []
        var relations: [SyntheticRelation] = []
        var statements: [SyntheticStatement] = []
    }

    let scale: Int
    let width: Int
    var random: SeedRandom
    private(set) var documents: [SyntheticDocument] = []
    private(set) var contents: [Contents] = []
    /// Every id, and every slug a name, short name or alias claims: one namespace.
    private var ids: Set<String>
    private var slugs: Set<String>
    var pools: [SyntheticEntity.Kind: [SyntheticEntity]] = [:]
    private var numbers: [String: Int] = [:]
    private var roundRobin: [String: Int] = [:]
    var hubActors: [(SyntheticEntity, Double)] = []
    var hubAlliances: [(SyntheticEntity, Double)] = []
    private var hubs: Set<ObjectIdentifier> = []

    init(scale: Int, seed: UInt64, reservedIDs: Set<String> = [], reservedSlugs: Set<String> = []) {
        self.scale = scale
        width = max(5, String(scale * 40).count)
        random = SeedRandom(seed: seed)
        ids = reservedIDs
        slugs = reservedSlugs
    }

    static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    func generate() {
        for index in 1...scale { generateDocument(index) }
    }

    // MARK: Names and ids

    func number(_ kind: String) -> String {
        numbers[kind, default: 0] += 1
        return Self.padded(numbers[kind]!, width)
    }

    func register(_ id: String) {
        precondition(!ids.contains(id) && !slugs.contains(id), "generated id \(id) is taken")
        ids.insert(id)
    }

    func isFree(_ name: String) -> Bool {
        let slug = Slug.make(name)
        return !slug.isEmpty && !ids.contains(slug) && !slugs.contains(slug)
    }

    func claim(_ name: String) { slugs.insert(Slug.make(name)) }

    /// A name whose slug nobody has claimed yet, claimed now; nil after `tries` attempts.
    func uniqueName(tries: Int = 40, _ make: () -> String) -> String? {
        for _ in 0..<tries {
            let name = make()
            if isFree(name) {
                claim(name)
                return name
            }
        }
        return nil
    }

    /// The first words of a name's slug, for readable ids.
    func shortSlug(_ text: String, words: Int = 3) -> String {
        Slug.make(text).split(separator: "-").prefix(words).joined(separator: "-")
    }

    // MARK: Choices

    /// Each value in turn until all have been used once, then drawn at random.
    func pick<E: DatasetEnumeration>(_ key: String, _ weights: [Double]? = nil) -> E {
        let values = Array(E.allCases)
        let turn = roundRobin[key, default: 0]
        roundRobin[key] = turn + 1
        if turn < values.count { return values[turn] }
        if let weights { return random.weighted(values, weights) }
        return random.element(values)
    }

    /// How many values `pick` has given for a key so far.
    func turns(_ key: String) -> Int { roundRobin[key, default: 0] }

    /// True exactly once per key: the first time it is asked.
    func firstTime(_ key: String) -> Bool {
        defer { roundRobin[key, default: 0] += 1 }
        return roundRobin[key, default: 0] == 0
    }

    func vary(_ mean: Int, _ spread: Int, exact: Bool) -> Int {
        exact ? mean : max(1, mean + random.int(in: -spread...spread))
    }

    func makeHubs(actors: [(SyntheticEntity, Double)], alliances: [(SyntheticEntity, Double)]) {
        hubActors = actors
        hubAlliances = alliances
        hubs = Set((actors + alliances).map { ObjectIdentifier($0.0) })
    }

    func hubActor() -> SyntheticEntity { random.weighted(hubActors.map(\.0), hubActors.map(\.1)) }
    func hubAlliance() -> SyntheticEntity { random.weighted(hubAlliances.map(\.0), hubAlliances.map(\.1)) }
    func hubState() -> SyntheticEntity {
        let states = hubActors.filter { $0.0.kind == .state }
        return random.weighted(states.map(\.0), states.map(\.1))
    }

    /// An actor or alliance of an earlier document, of one of `kinds`, or nil.
    func borrowed(_ kinds: [SyntheticEntity.Kind], for document: SyntheticDocument) -> SyntheticEntity? {
        let pool = pools[random.element(kinds), default: []]
        for _ in 0..<4 where !pool.isEmpty {
            let entity = random.element(pool)
            if entity.document !== document { return entity }
        }
        return nil
    }

    /// Evidence from the entity's own document always; from others up to a cap (larger for hubs).
    func addEvidence(_ entity: SyntheticEntity, _ mark: SyntheticMark, in document: SyntheticDocument) {
        if entity.document === document { return entity.evidence.append(mark) }
        let cap = hubs.contains(ObjectIdentifier(entity)) ? max(3, scale / 10) : 3
        if entity.borrowedEvidence < cap {
            entity.borrowedEvidence += 1
            entity.evidence.append(mark)
        }
    }

    // MARK: One document

    private func generateDocument(_ index: Int) {
        let document = SyntheticDocument(index: index, width: width)
        let first = index == 1
        let region = Array(Region.allCases)[(index - 1) % Region.allCases.count]
        let nearby = Array(repeating: region, count: 6) + Region.allCases
        var contents = Contents()

        let states = (0..<vary(15, 3, exact: first)).map { _ in
            makeState(document, region: first || random.chance(0.1) ? pick("region") : random.element(nearby))
        }
        let outlet = makeOrganization(document, states: states, outlet: true)
        let organizations = [outlet] + (1..<vary(3, 1, exact: first)).map { _ in makeOrganization(document, states: states) }
        let alliances = (0..<vary(11, 3, exact: first)).map { _ in makeAlliance(document, states: states) }
        let persons = (0..<vary(11, 3, exact: first)).map { _ in
            makePerson(document, states: states, organizations: organizations, alliances: alliances, outlet: outlet)
        }
        if first {
            makeHubs(
                actors: Array(zip(Array(states.prefix(3)) + [organizations[1]], [0.4, 0.25, 0.15, 0.2])),
                alliances: Array(zip(alliances.prefix(2), [0.65, 0.35])))
            alliances.prefix(2).forEach { $0.status = .active }
        }
        contents.actors = states + organizations + persons
        contents.alliances = alliances
        addMemberships(document, states: states, persons: persons, alliances: alliances)

        self.contents.append(contents)
        let relationSentences = (0..<vary(35, 6, exact: first)).map { _ in
            makeRelation(document, states: states, organizations: organizations, alliances: alliances)
        }
        let statementSentences = statementPlan(
            count: vary(22, 5, exact: first), persons: persons, states: states,
            organizations: organizations, alliances: alliances
        ).map {
            makeStatement(document, speaker: $0, states: states, alliances: alliances, outlet: outlet)
        }
        addPositions(document, alliances: alliances)

        let introductions =
            introduce(
                document, states: states, organizations: Array(organizations.dropFirst()),
                alliances: alliances, persons: persons) + joinHubs(document, states: states, first: first)
        compose(
            document, introductions: introductions, relations: relationSentences, statements: statementSentences,
            states: states, alliances: alliances, outlet: outlet)

        for entity in states + organizations + persons { pools[entity.kind, default: []].append(entity) }
        pools[.alliance, default: []] += alliances
        document.render()
        let (published, basis) = SyntheticDates.published(document.id)
        document.record = RawDocument(
            id: document.id, file: document.file, title: document.header[1], publisher: document.header[0],
            outlet: outlet.name, kind: SyntheticDates.kind(document.id), published: published, publishedBasis: basis,
            url: SyntheticDates.url(document.id), rights: SyntheticDates.rights,
            language: random.element(Array(repeating: "en", count: 8) + ["en-GB", "en-US"]),
            sha256: SHA256.hex(of: document.bytes), site: Self.site)
        documents.append(document)
    }

    func appendRelation(_ relation: SyntheticRelation) { contents[contents.count - 1].relations.append(relation) }
    func appendStatement(_ statement: SyntheticStatement) { contents[contents.count - 1].statements.append(statement) }
    var currentRelations: [SyntheticRelation] { contents[contents.count - 1].relations }
    var currentStatements: [SyntheticStatement] { contents[contents.count - 1].statements }

    /// Who speaks: every person of the document once, then hubs, persons, states,
    /// organizations and alliances.
    private func statementPlan(
        count: Int, persons: [SyntheticEntity], states: [SyntheticEntity],
        organizations: [SyntheticEntity], alliances: [SyntheticEntity]
    ) -> [SyntheticEntity] {
        var speakers = random.sample(persons, persons.count)
        while speakers.count < count {
            let x = Double(random.below(1000)) / 1000
            speakers.append(
                x < 0.2
                    ? hubActor()
                    : x < 0.25
                        ? hubAlliance()
                        : x < 0.6
                            ? random.element(persons)
                            : x < 0.78 ? random.element(states) : x < 0.88 ? random.element(organizations) : random.element(alliances))
        }
        return Array(speakers.prefix(count))
    }

    /// Header, lead, introductions and a body of relations and statements (statements keep
    /// their order), fillers anywhere, and a closing paragraph.
    private func compose(
        _ document: SyntheticDocument, introductions: [SyntheticSentence], relations: [SyntheticSentence],
        statements: [SyntheticSentence], states: [SyntheticEntity], alliances: [SyntheticEntity],
        outlet: SyntheticEntity
    ) {
        var body: [SyntheticSentence] = []
        var relations = relations[...], statements = statements[...]
        while !relations.isEmpty || !statements.isEmpty {
            if !statements.isEmpty && (relations.isEmpty || random.below(statements.count + relations.count) < statements.count) {
                body.append(statements.removeFirst())
            } else {
                body.append(relations.removeFirst())
            }
        }
        let sea = self.sea()
        let lead = SyntheticSentence("\(outlet.name) — " + filler(sea), in: document)
        outlet.evidence.append(lead.mark("\(outlet.name) —"))
        let close = SyntheticSentence("Whether \(alliances[0].prose) can hold together is, for now, an open question.", in: document)
        alliances[0].evidence.append(close.mark("Whether \(alliances[0].prose) can hold together"))
        var fillers = (0..<random.int(in: 1...4)).map { _ in SyntheticSentence(filler(sea), in: document) }
        if document.index % 11 == 3 { fillers.insert(SyntheticSentence(WordPools.astralFiller, in: document), at: 0) }
        if document.index % 97 == 50 {  // an occasional long-form piece
            fillers += (0..<150).map { _ in SyntheticSentence(filler(sea), in: document) }
        }
        var sentences = introductions + body
        for filler in fillers { sentences.insert(filler, at: random.below(sentences.count + 1)) }
        var paragraphs = [[lead]]
        var start = 0
        while start < sentences.count {
            let end = min(sentences.count, start + random.int(in: 2...5))
            paragraphs.append(Array(sentences[start..<end]))
            start = end
        }
        paragraphs.append([close])
        document.header = [random.element(WordPools.publishers), title(states: states, alliances: alliances)]
        document.paragraphs = paragraphs
    }

    private func title(states: [SyntheticEntity], alliances: [SyntheticEntity]) -> String {
        let pair = random.sample(states, 2), alliance = random.element(alliances), year = self.year()
        return random.element([
            "Why \(pair[0].name) and \(pair[1].name) still cannot agree",
            "\(capitalized(alliance.prose)) at a crossroads",
            "The unlikelihood of a \(WordPools.regionAdjectives[pair[0].region]!) NATO",
            "After \(year), a new lattice for the region",
            "Inside \(pair[0].possessive) quiet hedge",
            "\(pair[0].name), \(pair[1].name) and the limits of deterrence",
        ])
    }

    // MARK: Small pieces of text

    func sea() -> String { fill(random.element(WordPools.seaPatterns), random.element(WordPools.seaRoots)) }
    func year() -> Int { random.int(in: 1994...2024) }

    func filler(_ sea: String) -> String {
        random.element(WordPools.fillers).replacingFirst("#", with: sea).replacingFirst("Y", with: String(year()), word: true)
            .replacingFirst("N", with: String(random.int(in: 3...19)), word: true)
            .replacingFirst("T", with: random.element(WordPools.topics), word: true)
    }

    /// A pattern with its one `#` replaced.
    func fill(_ pattern: String, _ value: String) -> String { pattern.replacingFirst("#", with: value) }

    func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    func article(_ word: String) -> String { "aeiou".contains(Slug.make(word).first ?? "x") ? "an" : "a" }

    func joined(_ names: [String]) -> String {
        names.count <= 1 ? names.first ?? "" : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}

extension String {
    /// Replaces the first `placeholder` (a whole word when `word`: not inside another word).
    func replacingFirst(_ placeholder: Character, with value: String, word: Bool = false) -> String {
        var previous: Character = " "
        for index in indices {
            let character = self[index]
            let next = self.index(after: index) < endIndex ? self[self.index(after: index)] : " "
            if character == placeholder && (!word || (!previous.isLetter && !next.isLetter)) {
                return String(self[..<index]) + value + String(self[self.index(after: index)...])
            }
            previous = character
        }
        return self
    }
}
