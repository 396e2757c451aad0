import LatticeModel

/// Statements: direct quotes, quoted fragments and paraphrases, with what they are about,
/// a stance now and then, and the alliance positions those stances show.
extension SyntheticGenerator {
    func makeStatement(
        _ document: SyntheticDocument, speaker: SyntheticEntity, states: [SyntheticEntity],
        alliances: [SyntheticEntity], outlet: SyntheticEntity
    ) -> SyntheticSentence {
        let mode: StatementMode = pick("mode", [0.2, 0.45, 0.35])
        // B: an actor it is about (often a hub); X: an alliance.
        let x = random.below(100)
        var b =
            !hubActors.isEmpty && x < 50
            ? hubActor()
            : x < 60 ? borrowed([.state, .organization], for: document) ?? random.element(states) : random.element(states)
        if b === speaker { b = (states + [hubActors[0].0]).first { $0 !== speaker }! }
        let alliance =
            !hubAlliances.isEmpty && random.chance(0.25)
            ? hubAlliance()
            : random.chance(0.07) ? borrowed([.alliance], for: document) ?? random.element(alliances) : random.element(alliances)
        let sea = self.sea(), year = self.year()
        var used: [SyntheticEntity] = []
        func fillIn(_ template: String, alliance form: String) -> String {
            let withB = template.replacingFirst("B", with: b.prose, word: true)
            if withB != template { used.append(b) }
            let withX = withB.replacingFirst("X", with: form, word: true)
            if withX != withB { used.append(alliance) }
            return withX.replacingFirst("#", with: sea).replacingFirst("Y", with: String(year), word: true)
        }
        let (subject, end) = speakerForms(speaker)
        let sentence: SyntheticSentence, quote: String, verb: String?
        switch mode {
        case .direct:
            let template = random.element(WordPools.directQuotes)
            let text = fillIn(template, alliance: template.hasPrefix("X") ? capitalized(alliance.short) : alliance.short)
            let (line, spoken, said): (String, String, String) = random.element([
                ("“\(text),” said \(end).", text, "said"),
                ("“\(text),” \(subject) told \(outlet.prose).", text, "told"),
                ("\(capitalized(subject)) put it bluntly: “\(text).”", text + ".", "put it"),
                ("“\(text)…” \(subject) wrote in an op-ed.", text + "…", "wrote"),
            ])
            (sentence, quote, verb) = (SyntheticSentence(line, in: document), spoken, said)
        case .partial:
            let fragment = fillIn(random.element(WordPools.partialFragments), alliance: alliance.short)
            let form = random.below(6)
            used.append(form == 0 || form >= 4 ? alliance : b)
            let (line, said): (String, String?) = [
                ("\(capitalized(subject)) called \(alliance.short) “\(fragment)” in remarks on Tuesday.", "called"),
                ("\(capitalized(subject)) called \(b.possessive) move “\(fragment),” but said talks would go on.", "called"),
                ("In a statement, \(subject) said the deal with \(b.prose) was “\(fragment)”.", "said"),
                ("What \(subject) calls “\(fragment)” has become the default posture toward \(b.prose).", "calls"),
                ("\(capitalized(subject)) dismissed talk of \(alliance.short) as “\(fragment)”.", "dismissed"),
                ("The so-called “\(fragment)” doctrine, long associated with \(end), is now under strain in \(alliance.short).", nil),
            ][form]
            (sentence, quote, verb) = (SyntheticSentence(line, in: document), fragment, said)
        case .paraphrase:
            let clause = fillIn(random.element(WordPools.paraphraseClauses), alliance: alliance.short)
            let (lead, said) = random.element([
                ("According to \(end), ", "according to"), ("\(capitalized(subject)) believes ", "believes"),
                ("\(capitalized(subject)) warned that ", "warned"), ("\(capitalized(subject)) revealed that ", "revealed"),
                ("\(capitalized(subject)) noted that ", "noted"), ("\(capitalized(subject)) has argued that ", "argued"),
            ])
            (sentence, quote, verb) = (SyntheticSentence(lead + clause + ".", in: document), clause, said)
        }
        var about: [SyntheticEntity] = []
        for entity in used where entity !== speaker && !about.contains(where: { $0 === entity }) { about.append(entity) }
        if about.isEmpty { about = [b] }
        var aboutIDs = about.map(\.id)
        let extra = random.below(100)
        if extra < 6, let relation = currentRelations.isEmpty ? nil : random.element(currentRelations) {
            aboutIDs.append(relation.id)
        } else if extra < 8, !documents.isEmpty {
            aboutIDs.append(random.element(documents).id)
        }
        var stance: (SyntheticEntity, Stance)?
        if random.chance(0.6) { stance = (random.element(about), pick("stance")) }
        let speakerSlug = shortSlug(speaker.kind == .person ? speaker.surname : speaker.name, words: 2)
        let quoteSlug = shortSlug(quote, words: 3)
        let id = "stmt-\(number("statement"))-\(speakerSlug)" + (quoteSlug.isEmpty ? "" : "-\(quoteSlug)")
        register(id)
        appendStatement(
            SyntheticStatement(
                id: id, speaker: speaker, quote: sentence.mark(quote, inside: mode != .paraphrase), mode: mode, verb: verb,
                about: aboutIDs, stance: stance))
        return sentence
    }

    /// How the text names a speaker: as the subject of a sentence, and at its end.
    private func speakerForms(_ speaker: SyntheticEntity) -> (subject: String, end: String) {
        switch speaker.kind {
        case .person: return (speaker.surname, speaker.surname)
        case .state:
            let form = random.element(
                [speaker.possessive + " foreign ministry", "the government of " + speaker.name]
                    + (speaker.capital.map { [$0] } ?? []))
            return (form, form)
        case .organization, .alliance: return (speaker.prose, speaker.prose)
        }
    }

    /// Every stance on one of this document's alliances (or, up to 25, on another one) is
    /// that alliance's position; some members hold a position no statement shows.
    func addPositions(_ document: SyntheticDocument, alliances: [SyntheticEntity]) {
        for statement in currentStatements {
            guard let (target, value) = statement.stance, target.kind == .alliance else { continue }
            if target.document === document || target.positions.count < 25,
                !target.positions.contains(where: { $0.0 === statement.speaker })
            {
                target.positions.append((statement.speaker, value, statement.id))
            }
        }
        for alliance in alliances
        where !alliance.members.isEmpty
            && (turns("position stance") < Stance.allCases.count || random.chance(0.3))
        {
            let member = random.element(alliance.members).0
            if !alliance.positions.contains(where: { $0.0 === member }) {
                alliance.positions.append((member, pick("position stance"), nil))
            }
        }
    }
}
