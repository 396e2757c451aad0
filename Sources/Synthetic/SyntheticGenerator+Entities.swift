import LatticeModel

/// States, organizations, alliances and persons, with names unique across the dataset.
extension SyntheticGenerator {
    private func stateName() -> String {
        random.element(WordPools.statePrefixes) + random.element(WordPools.stateHeads) + random.element(WordPools.stateMids)
            + random.element(WordPools.stateTails)
    }

    func makeState(_ document: SyntheticDocument, region: Region) -> SyntheticEntity {
        // Past about a hundred thousand states the one-word names run out: two words then.
        let name =
            uniqueName(stateName)
            ?? uniqueName(tries: 1000) { stateName() + "-" + stateName().split(separator: " ").last!.lowercased() }!
        let state = SyntheticEntity(.state, id: "state-\(number("state"))-\(shortSlug(name))", name: name, prose: name, in: document)
        register(state.id)
        let letters = Slug.make(name).replacingOccurrences("-", "").uppercased()
        state.codes = ISOCodes(
            alpha2: String(letters.prefix(1)) + String(random.element(Array(letters.dropFirst()))),
            alpha3: String(letters.prefix(3)))
        state.region = region
        if random.chance(0.45),
            let capital = uniqueName(
                tries: 6,
                {
                    fill(random.element(WordPools.capitalPatterns), random.element(WordPools.capitalRoots))
                })
        {
            state.aliases = [capital]
            state.capital = capital
        }
        return state
    }

    func makeOrganization(_ document: SyntheticDocument, states: [SyntheticEntity], outlet: Bool = false) -> SyntheticEntity {
        func place() -> String {
            let state = random.element(states)
            return state.capital.map { random.chance(0.4) ? $0 : state.name } ?? state.name
        }
        var what = "news outlet"
        var name: String?
        if outlet {
            name = uniqueName { fill(random.element(WordPools.outletPatterns), place()) }
        } else {
            let (pattern, kind) = random.element(WordPools.orgPatterns)
            what = kind
            name = uniqueName {
                pattern.replacingFirst("P", with: place(), word: true)
                    .replacingFirst("T", with: random.element(WordPools.orgTopics), word: true)
                    .replacingFirst("L", with: random.element(WordPools.lastNames), word: true)
                    .replacingFirst("L", with: random.element(WordPools.lastNames), word: true)
            }
        }
        let final =
            name ?? uniqueName(tries: 1000) {
                "\(place()) \(random.element(WordPools.orgTopics)) Society of \(random.element(WordPools.lastNames))"
            }!
        let organization = SyntheticEntity(
            .organization, id: "org-\(number("org"))-\(shortSlug(final))", name: final,
            prose: "the " + final, in: document)
        register(organization.id)
        organization.state =
            states.first { final.contains($0.name) || ($0.capital.map(final.contains) ?? false) }
            ?? random.element(states)
        let acronym = String(final.split { $0 == " " || $0 == "–" }.filter { $0.first!.isUppercase }.map(\.first!))
        if acronym.count >= 3, random.chance(0.3), isFree(acronym) {
            claim(acronym)
            organization.aliases = [acronym]
        }
        organization.region = random.chance(0.85) ? organization.state!.region : .global
        let base = organization.state!.capital ?? organization.state!.name
        organization.summary = "\(capitalized(what)) based in \(base)."
        organization.roles = []
        organization.introduction = what
        return organization
    }

    func makeAlliance(_ document: SyntheticDocument, states: [SyntheticEntity]) -> SyntheticEntity {
        let kind: AllianceKind = pick("alliance kind")
        let status: AllianceStatus = pick("alliance status", [0.7, 0.2, 0.1])
        func make() -> String {
            let pair = random.sample(states, 2), noun = random.element(WordPools.allianceNouns[kind]!)
            let style = random.below(100)
            if style < 45 { return "\(pair[0].name)–\(pair[1].name) \(noun)" }
            if style < 75 { return "\(sea()) \(noun)" }
            return "\(pair[0].capital ?? pair[0].name) \(noun)"
        }
        let name = uniqueName(make) ?? uniqueName(tries: 1000) { "\(make()) of \(random.element(WordPools.capitalRoots))" }!
        let alliance = SyntheticEntity(
            .alliance, id: "alliance-\(number("alliance"))-\(shortSlug(name))", name: name,
            prose: "the " + name, in: document)
        register(alliance.id)
        let short = String(name.split { $0 == " " || $0 == "–" }.filter { $0.first!.isUppercase && $0 != "Of" }.map(\.first!))
        if short.count >= 2, !random.chance(0.35), isFree(short) {
            claim(short)
            alliance.shortName = short
            if random.chance(0.5) { alliance.short = "the " + short }
        }
        if random.chance(0.15) {
            let nickname = "\(name.split(separator: " ")[0].split(separator: "–")[0]) club"
            if isFree(nickname) {
                claim(nickname)
                alliance.aliases = [nickname]
            }
        }
        alliance.allianceKind = kind
        alliance.status = status
        if status != .hypothetical || random.chance(0.3) {
            let base = Self.kindObligations[kind]!
            let count = random.int(in: 1...base.count)
            alliance.obligations = random.sample(base, count)
        }
        // The first alliances take every obligation in turn, so even one document uses them all.
        if turns("extra obligation") < Obligation.allCases.count || random.chance(0.1) {
            let extra: Obligation = pick("extra obligation")
            if !alliance.obligations.contains(extra) { alliance.obligations.append(extra) }
        }
        return alliance
    }

    private static let kindObligations: [AllianceKind: [Obligation]] = [
        .militaryAlliance: [.mutualDefense, .intelligenceSharing, .defenseIndustrial],
        .securityDialogue: [.consultation, .intelligenceSharing],
        .minilateral: [.navalCooperation, .consultation, .intelligenceSharing],
        .partnerGroup: [.consultation],
        .strategicPartnership: [.defenseIndustrial, .consultation, .navalCooperation],
        .politicalUnion: [.economicCoordination, .consultation],
        .economicBloc: [.economicCoordination],
    ]

    func makePerson(
        _ document: SyntheticDocument, states: [SyntheticEntity], organizations: [SyntheticEntity],
        alliances: [SyntheticEntity], outlet: SyntheticEntity
    ) -> SyntheticEntity {
        let state = random.element(states)
        if random.chance(0.27), let person = makeAnonymous(document, states: states, organizations: organizations, alliances: alliances) {
            return person
        }
        let name =
            uniqueName { "\(random.element(WordPools.firstNames)) \(random.element(WordPools.lastNames))" }
            ?? uniqueName {
                "\(random.element(WordPools.firstNames)) \(random.element(WordPools.initials)). \(random.element(WordPools.lastNames))"
            }
            ?? uniqueName(tries: 1000) {
                "\(random.element(WordPools.firstNames)) \(random.element(WordPools.firstNames)) \(random.element(WordPools.lastNames))"
            }!
        let person = SyntheticEntity(.person, id: "person-\(number("person"))-\(shortSlug(name))", name: name, prose: name, in: document)
        register(person.id)
        person.surname = WordPools.lastNames.last { name.hasSuffix(" " + $0) } ?? String(name.split(separator: " ").last!)
        let role: String, phrase: String
        let choice = random.below(100)
        if choice < 50 {
            let office = random.element([
                "Defense Minister", "Foreign Minister", "Prime Minister", "President",
                "Chief of Naval Staff", "National Security Adviser", "Trade Minister",
            ])
            role = "\(office) of \(state.name)"
            phrase =
                office == "Prime Minister" || office == "President"
                ? "\(state.possessive) \(office.lowercased())" : "the \(office.lowercased()) of \(state.name)"
            person.affiliations = [state]
        } else if choice < 65 {
            let other = states.first { $0 !== state } ?? state
            role = "Ambassador of \(state.name) to \(other.name)"
            phrase = "\(state.possessive) ambassador to \(other.name)"
            person.affiliations = [state]
        } else if choice < 80 {
            let alliance = random.element(alliances)
            role = "Secretary-General of \(alliance.prose)"
            phrase = "the secretary-general of \(alliance.prose)"
            person.affiliations = [alliance]
        } else if choice < 93 {
            let organization = random.element(organizations)
            role = "Senior fellow at \(organization.prose)"
            phrase = "a senior fellow at \(organization.prose)"
            person.affiliations = [organization] + (random.chance(0.3) ? [organization.state!] : [])
        } else {
            role = "Columnist for \(outlet.prose)"
            phrase = "a columnist for \(outlet.prose)"
            person.affiliations = [outlet]
        }
        person.roles = [capitalized(role)]
        person.introduction = "\(name), \(phrase)"
        person.state = state
        person.region = random.chance(0.9) ? state.region : .global
        person.summary = "\(capitalized(role)), quoted on regional security."
        return person
    }

    /// An unnamed source ("An official in Valania’s foreign ministry"), or nil when every
    /// name tried is taken.
    private func makeAnonymous(
        _ document: SyntheticDocument, states: [SyntheticEntity], organizations: [SyntheticEntity],
        alliances: [SyntheticEntity]
    ) -> SyntheticEntity? {
        for _ in 0..<12 {
            let state = random.element(states), alliance = random.element(alliances), organization = random.element(organizations)
            let (name, role, affiliation): (String, String, [SyntheticEntity]) = random.element([
                ("An official in \(state.possessive) foreign ministry", "Foreign ministry official of \(state.name)", [state]),
                ("Two diplomats from \(state.name)", "Diplomats of \(state.name)", [state]),
                ("A \(state.name)-based analyst", "Analyst based in \(state.name)", []),
                ("A senior officer in the \(state.name) navy", "Naval officer of \(state.name)", [state]),
                ("Officials close to \(alliance.prose)", "Officials of \(alliance.prose)", [alliance]),
                ("A source at \(organization.prose)", "Source at \(organization.prose)", [organization]),
            ])
            guard isFree(name) else { continue }
            claim(name)
            let prose = name.prefix(1).lowercased() + name.dropFirst()
            let person = SyntheticEntity(
                .person, id: "person-\(number("person"))-\(shortSlug(name))", name: name,
                prose: prose, in: document)
            register(person.id)
            person.anonymous = true
            person.surname = prose
            person.introduction = prose + ", speaking on condition of anonymity"
            person.roles = [role]
            person.affiliations = affiliation
            person.state = state
            person.region = random.chance(0.9) ? state.region : .global
            person.summary = "\(role), quoted on condition of anonymity."
            return person
        }
        return nil
    }

    /// Members (a hub state often among them, sometimes another alliance or an earlier
    /// document's state), who is left out, and who founded or proposed each alliance.
    func addMemberships(
        _ document: SyntheticDocument, states: [SyntheticEntity], persons: [SyntheticEntity],
        alliances: [SyntheticEntity]
    ) {
        for alliance in alliances {
            let count = alliance.status == .hypothetical ? random.int(in: 0...3) : random.int(in: 2...4)
            var chosen = random.sample(states, count)
            if random.chance(0.15) {
                let other = random.element(alliances)
                if other !== alliance && !other.hasMember(alliance) { chosen.append(other) }
            }
            if random.chance(0.1), let state = borrowed([.state], for: document), !chosen.contains(where: { $0 === state }) {
                chosen.append(state)
            }
            if !hubActors.isEmpty, random.chance(0.3), !hubAlliances.contains(where: { $0.0 === alliance }) {
                let hub = hubState()
                if !chosen.contains(where: { $0 === hub }) { chosen.append(hub) }
            }
            for member in chosen { alliance.members.append((member, pick("member role", [0.7, 0.2, 0.1]))) }
            if random.chance(0.2) {
                let outside = states.filter { state in !chosen.contains { $0 === state } }
                if !outside.isEmpty { alliance.excluded.append(random.element(outside)) }
            }
            if alliance.status != .hypothetical {
                let memberStates = alliance.members.map(\.0).filter { $0.kind == .state }
                let candidates = memberStates.isEmpty ? states : memberStates
                let leaders = persons.filter { person in !person.anonymous && candidates.contains { $0 === person.state } }
                alliance.initiators.append(!leaders.isEmpty && random.chance(0.4) ? random.element(leaders) : random.element(candidates))
            }
        }
    }
}

extension String {
    func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
