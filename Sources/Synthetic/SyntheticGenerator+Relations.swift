import LatticeModel

/// Relations: one sentence each, whose main clause is the evidence.
extension SyntheticGenerator {
    private static let defaults: [RelationKind: (directed: Bool, valence: Valence)] = [
        .territorialDispute: (false, .hostile), .historicalAnimosity: (false, .hostile), .threatPerception: (true, .hostile),
        .war: (true, .hostile), .militarySupport: (true, .cooperative), .intelligenceSharing: (false, .cooperative),
        .tradeDependence: (true, .cooperative), .strategicPartnership: (false, .cooperative),
        .defenseCooperation: (false, .cooperative), .deterrence: (true, .hostile), .allianceTie: (false, .cooperative),
    ]

    func makeRelation(
        _ document: SyntheticDocument, states: [SyntheticEntity], organizations: [SyntheticEntity],
        alliances: [SyntheticEntity]
    ) -> SyntheticSentence {
        let kind: RelationKind = pick("relation kind")
        let directed = Self.defaults[kind]!.directed
        var valence = Self.defaults[kind]!.valence
        var local = [.allianceTie, .strategicPartnership, .deterrence].contains(kind) ? states + alliances : states
        if [.defenseCooperation, .militarySupport].contains(kind) && random.chance(0.2) { local = states + organizations.dropFirst() }
        var a = random.element(local)
        let x = random.below(100)
        var b =
            !hubActors.isEmpty && x < 20
            ? (kind == .allianceTie && random.chance(0.5) ? hubAlliance() : hubState())
            : x < 35
                ? borrowed(kind == .allianceTie ? [.state, .alliance] : [.state], for: document) ?? random.element(local)
                : random.element(local)
        for _ in 0..<10 where b === a { b = random.element(local) }
        if b === a { b = states.first { $0 !== a }! }
        if random.chance(0.5) { swap(&a, &b) }
        if firstTime("mixed valence") || (valence != .mixed && random.chance(0.15)) { valence = .mixed }
        let (clause, subject) = self.clause(kind, a, b)
        var text = capitalized(clause)
        if valence == .mixed { text += ", though they spar over \(random.element(WordPools.topics))" }
        let sentence = SyntheticSentence(text + ".", in: document)
        let id =
            "rel-\(number("relation"))-\(shortSlug(a.name, words: 1))-\(shortSlug(b.name, words: 1))-"
            + kind.rawValue.replacingOccurrences("_", "-")
        register(id)
        appendRelation(
            SyntheticRelation(
                id: id, kind: kind, from: a, to: b, directed: directed, valence: valence, subject: subject,
                summary: capitalized(clause) + ".", evidence: sentence.mark(capitalized(clause))))
        // An end from another document (a hub, often) is evidenced here too, within its cap.
        for end in [a, b] where end.document !== document {
            addEvidence(end, sentence.mark(sentence.text.contains(end.prose) ? end.prose : end.name), in: document)
        }
        return sentence
    }

    private func clause(_ kind: RelationKind, _ a: SyntheticEntity, _ b: SyntheticEntity) -> (String, String?) {
        let sea = self.sea()
        switch kind {
        case .territorialDispute:
            let isles = fill(random.element(WordPools.islePatterns), random.element(WordPools.isleRoots))
            return ("\(a.prose) and \(b.prose) both claim the \(isles) in the \(sea)", isles)
        case .historicalAnimosity:
            let decade = random.element(WordPools.decades)
            return ("memories of \(a.possessive) occupation of \(b.prose) in the \(decade) still poison ties", "Occupation in the \(decade)")
        case .threatPerception:
            return (
                "\(a.prose) regards \(b.prose) as its main threat",
                random.element([nil, "Missile programme", "Naval build-up", "Grey-zone coercion"])
            )
        case .war:
            let year = self.year()
            return ("fighting has dragged on since \(a.possessive) forces crossed into \(b.prose) in \(year)", "Invasion of \(year)")
        case .militarySupport:
            let item = random.element(WordPools.items)
            return ("\(a.prose) has supplied \(b.prose) with \(item)", capitalized(item))
        case .intelligenceSharing:
            return ("\(a.prose) and \(b.prose) quietly share satellite imagery of the \(sea)", "Imagery of the \(sea)")
        case .tradeDependence:
            let goods = random.element(WordPools.goods)
            return ("\(a.prose) buys nearly \(random.int(in: 30...90)) percent of its \(goods) from \(b.prose)", capitalized(goods))
        case .strategicPartnership:
            return ("\(a.prose) and \(b.prose) upgraded their ties to a strategic partnership in \(year())", nil)
        case .defenseCooperation:
            return (
                "\(a.prose) and \(b.prose) hold naval drills every \(random.element(["spring", "summer", "autumn", "winter"]))",
                "Joint naval drills"
            )
        case .deterrence:
            let action = random.element(WordPools.actions)
            return ("\(a.possessive) forward deployments are meant to deter \(b.prose) from \(action)", capitalized(action))
        case .allianceTie:
            return ("\(a.prose) remains closely tied to \(b.prose)", nil)
        }
    }
}
