import LatticeModel

/// Canonical paths of resources: what every `href` says.
enum Paths {
    static func collection(_ type: EntityType) -> String {
        switch type {
        case .actor: "/v1/actors"
        case .alliance: "/v1/alliances"
        case .statement: "/v1/statements"
        case .relation: "/v1/relations"
        case .document: "/v1/documents"
        }
    }

    static func resource(_ ref: EntityRef) -> String { "\(collection(ref.type))/\(ref.id)" }
}
