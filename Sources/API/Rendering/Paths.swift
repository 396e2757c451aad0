import LatticeModel

/// Canonical paths of resources: what every `href` says.
enum Paths {
    static func collection(_ type: EntityType) -> String { Resources.kind(type).collectionPath }

    static func resource(_ ref: EntityRef) -> String { "\(collection(ref.type))/\(ref.id)" }
}
