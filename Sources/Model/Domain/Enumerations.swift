/// The closed vocabularies of API.md. Raw values are the wire spellings.
public protocol DatasetEnumeration: RawRepresentable, CaseIterable, Hashable, Sendable, Comparable
where RawValue == String {}

extension DatasetEnumeration {
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// "state, organization, person": for error messages and documentation.
    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

public enum ActorKind: String, DatasetEnumeration {
    case state, organization, person
}

public enum Region: String, DatasetEnumeration {
    case eastAsia = "east-asia"
    case southeastAsia = "southeast-asia"
    case southAsia = "south-asia"
    case oceania
    case europe
    case northAmerica = "north-america"
    case eurasia
    case global
}

public enum AllianceKind: String, DatasetEnumeration {
    case militaryAlliance = "military_alliance"
    case securityDialogue = "security_dialogue"
    case minilateral
    case partnerGroup = "partner_group"
    case strategicPartnership = "strategic_partnership"
    case politicalUnion = "political_union"
    case economicBloc = "economic_bloc"
}

public enum AllianceStatus: String, DatasetEnumeration {
    case active, proposed, hypothetical
}

public enum Obligation: String, DatasetEnumeration {
    case mutualDefense = "mutual_defense"
    case consultation
    case intelligenceSharing = "intelligence_sharing"
    case defenseIndustrial = "defense_industrial"
    case navalCooperation = "naval_cooperation"
    case economicCoordination = "economic_coordination"
}

public enum MemberRole: String, DatasetEnumeration {
    case member, partner, party
}

public enum Stance: String, DatasetEnumeration {
    case supports, opposes, skeptical, neutral
}

public enum RelationKind: String, DatasetEnumeration {
    case territorialDispute = "territorial_dispute"
    case historicalAnimosity = "historical_animosity"
    case threatPerception = "threat_perception"
    case war
    case militarySupport = "military_support"
    case intelligenceSharing = "intelligence_sharing"
    case tradeDependence = "trade_dependence"
    case strategicPartnership = "strategic_partnership"
    case defenseCooperation = "defense_cooperation"
    case deterrence
    case allianceTie = "alliance_tie"
}

public enum Valence: String, DatasetEnumeration {
    case cooperative, hostile, mixed
}

public enum StatementMode: String, DatasetEnumeration {
    case direct, partial, paraphrase
}

/// What an id names. One namespace spans all of them.
public enum EntityType: String, DatasetEnumeration {
    case document, actor, alliance, relation, statement
}

public enum DocumentKind: String, DatasetEnumeration {
    case article, report, statement, transcript
}

/// How a document's `published` date is known.
public enum PublishedBasis: String, DatasetEnumeration {
    /// The document prints it.
    case stated
    /// A curator worked it out from the text (the document's note says how).
    case inferred
}

/// How a statement's `said_on` date is known.
public enum SaidOnBasis: String, DatasetEnumeration {
    /// The text dates the words.
    case stated
    /// It does not: the date is the document's, and the words are from then or before.
    case publication
}
