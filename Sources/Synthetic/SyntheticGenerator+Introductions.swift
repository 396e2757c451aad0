import LatticeModel

/// The sentences that introduce a document's states, organizations, alliances and persons,
/// each carrying its evidence.
extension SyntheticGenerator {
    func introduce(
        _ document: SyntheticDocument, states: [SyntheticEntity], organizations: [SyntheticEntity],
        alliances: [SyntheticEntity], persons: [SyntheticEntity]
    ) -> [SyntheticSentence] {
        var sentences: [SyntheticSentence] = []
        var singles = states
        while singles.count > 6 && random.chance(0.75) {
            let group = (0..<random.int(in: 2...4)).map { _ in singles.remove(at: random.below(singles.count)) }
            sentences.append(introduceGroup(document, group))
        }
        for state in states {
            if singles.contains(where: { $0 === state }) { sentences.append(introduceState(document, state)) }
            if let capital = state.capital, random.chance(0.4) {
                let sentence = SyntheticSentence(
                    "Officials in \(capital) privately concede that \(random.element(WordPools.topics)) will shape the next decade.",
                    in: document)
                state.evidence.append(sentence.mark("Officials in \(capital)"))
                sentences.append(sentence)
            }
        }
        for organization in organizations {
            let base = organization.state!.capital ?? organization.state!.name
            let lead = "\(capitalized(organization.prose)), a \(organization.introduction) based in \(base)"
            let sentence = SyntheticSentence(lead + ", has tracked \(random.element(WordPools.topics)) for years.", in: document)
            organization.evidence.append(sentence.mark(lead))
            sentences.append(sentence)
        }
        for alliance in alliances { sentences += introduceAlliance(document, alliance) }
        for person in persons {
            let lead = capitalized(person.introduction)
            let sentence = SyntheticSentence(lead + ", attended the talks in \(random.element(states).name) as an observer.", in: document)
            person.evidence.append(sentence.mark(lead))
            sentences.append(sentence)
        }
        return sentences
    }

    private func introduceState(_ document: SyntheticDocument, _ state: SyntheticEntity) -> SyntheticSentence {
        let size = random.element(WordPools.stateSizes), region = WordPools.regionAdjectives[state.region]!
        let topic = random.element(WordPools.topics), predicate = random.element(WordPools.statePredicates)
        let millions = random.int(in: 2...140), sea = self.sea()
        let described = "\(state.name), \(article(size)) \(size) \(region) state of some \(millions) million people"
        let (text, evidence) = random.element([
            (described + ", \(predicate).", described),
            (
                "In \(state.name), where \(topic) dominates the political debate, the government has avoided taking sides.",
                "In \(state.name), where \(topic) dominates the political debate"
            ),
            ("\(state.name) — long a cautious voice on \(topic) — \(predicate).", "\(state.name) — long a cautious voice on \(topic)"),
            (
                "For \(state.name), whose navy patrols the \(sea), \(topic) is not an abstraction.",
                "For \(state.name), whose navy patrols the \(sea)"
            ),
        ])
        let sentence = SyntheticSentence(text, in: document)
        state.evidence.append(sentence.mark(evidence))
        if random.chance(0.12) { state.evidence.append(sentence.mark(state.name)) }  // the bare name: often ambiguous
        state.summary = "\(capitalized(size)) \(region) state that \(predicate)."
        return sentence
    }

    /// One sentence naming several states: the list is evidence for each of them.
    private func introduceGroup(_ document: SyntheticDocument, _ group: [SyntheticEntity]) -> SyntheticSentence {
        let names = joined(group.map(\.name))
        let sea = self.sea(), year = self.year()
        let sentence = SyntheticSentence(
            random.element([
                "\(names) all border the \(sea).",
                "\(names) have each raised defense spending since \(year).",
                "Smaller states — \(names) among them — prefer to hedge.",
            ]), in: document)
        for state in group {
            state.evidence.append(sentence.mark(names))
            state.summary = "\(WordPools.regionAdjectives[state.region]!) state named alongside \(group.count - 1) others."
        }
        return sentence
    }

    private func introduceAlliance(_ document: SyntheticDocument, _ alliance: SyntheticEntity) -> [SyntheticSentence] {
        let name = alliance.name + (alliance.shortName.map { " (\($0))" } ?? "")
        func names(_ role: MemberRole) -> [String] { alliance.members.filter { $0.1 == role }.map(\.0.prose) }
        let (members, partners, parties) = (names(.member), names(.partner), names(.party))
        let listed = joined(!members.isEmpty ? members : !partners.isEmpty ? partners : parties)
        var extra = ""
        if !members.isEmpty && !partners.isEmpty {
            extra += ", with \(joined(partners)) as \(partners.count == 1 ? "a partner" : "partners")"
        }
        if !parties.isEmpty && (!members.isEmpty || !partners.isEmpty) {
            extra += "; \(joined(parties)) \(parties.count == 1 ? "is a party" : "are parties")"
        }
        let excluded = joined(alliance.excluded.map(\.prose))
        let obligations = joined(alliance.obligations.map { WordPools.obligationProse[$0]! })
        let label = alliance.allianceKind.rawValue.replacingOccurrences("_", " ")
        var sentences: [SyntheticSentence] = []
        switch alliance.status {
        case .active:
            let founder = alliance.initiators[0]
            let who = capitalized(founder.kind == .person ? founder.name : founder.prose)
            let year = self.year()
            var text = "\(who) launched the \(name) in \(year)"
            if !listed.isEmpty { text += ", bringing together \(listed)\(extra)" }
            if !obligations.isEmpty && random.chance(0.5) { text += "; it provides for \(obligations)" }
            if !excluded.isEmpty { text += " — \(excluded) was pointedly left out" }
            let sentence = SyntheticSentence(text + ".", in: document)
            alliance.evidence.append(sentence.mark("launched the \(name) in \(year)"))
            alliance.summary = "Active \(label)" + (listed.isEmpty ? "" : " of \(listed)") + ", launched in \(year)."
            sentences.append(sentence)
        case .proposed:
            let founder = alliance.initiators[0]
            var text = "\(capitalized(founder.kind == .person ? founder.name : founder.prose)) has proposed \(article(name)) \(name)"
            if !listed.isEmpty { text += " that would link \(listed)\(extra)" }
            if !excluded.isEmpty { text += ", although \(excluded) would not be invited" }
            let sentence = SyntheticSentence(text + ".", in: document)
            alliance.evidence.append(sentence.mark("has proposed \(article(name)) \(name)"))
            alliance.summary = "Proposed \(label)" + (listed.isEmpty ? "." : " that would link \(listed).")
            sentences.append(sentence)
        case .hypothetical:
            var text = "Talk of \(article(name)) \(name) — an idea no government has formally tabled — resurfaces"
            text += listed.isEmpty ? " every few years" : " whenever \(listed) \(alliance.members.count == 1 ? "holds" : "hold") exercises"
            let sentence = SyntheticSentence(text + ".", in: document)
            alliance.evidence.append(sentence.mark("Talk of \(article(name)) \(name)"))
            alliance.summary = "Hypothetical \(label) that no government has formally proposed."
            sentences.append(sentence)
        }
        if let alias = alliance.aliases.first, random.chance(0.8) {
            sentences.append(SyntheticSentence("Critics call it the \(alias), and not kindly.", in: document))
        }
        return sentences
    }

    /// A few of the document's states join the hub alliances (evidence for the hub, capped).
    func joinHubs(_ document: SyntheticDocument, states: [SyntheticEntity], first: Bool) -> [SyntheticSentence] {
        guard !first else { return [] }
        var sentences: [SyntheticSentence] = []
        for (hub, weight) in hubAlliances where random.chance(0.9 * weight) {
            let state = random.element(states)
            guard !hub.hasMember(state) else { continue }
            let role: MemberRole = pick("hub role", [0.6, 0.3, 0.1])
            let sentence = SyntheticSentence(
                "In \(year()), \(state.name) joined \(hub.prose) as \(article(role.rawValue)) \(role.rawValue).", in: document)
            hub.members.append((state, role))
            addEvidence(hub, sentence.mark("\(state.name) joined \(hub.prose)"), in: document)
            sentences.append(sentence)
        }
        return sentences
    }
}
