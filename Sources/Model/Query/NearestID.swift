/// "Did you mean" for an id that names no record of a type: the same suggestion
/// `lattice validate` makes for a dangling reference, so the API and the validator agree.
extension Dataset {
    /// Ids further than this many edits from every id get no suggestion (as in validate).
    public static let nearestIDEdits = 3
    /// A suggestion compares the id with every id of the type, so it is offered only while
    /// that stays cheap: up to this many records of the type, for an id up to 128 scalars.
    /// Length alone rules most ids out, and a distance stops once it is over the bound.
    public static let nearestIDMaximumRecords = 5_000

    /// The id of a record of `type` nearest to `id`, within ``nearestIDEdits`` edits; ties
    /// go to the smallest id. Nil when `id` is itself an id of that type.
    public func nearestID(to id: String, as type: EntityType) -> String? {
        guard id.unicodeScalars.count <= 128, position(of: EntityRef(type, id)) == nil else { return nil }
        func nearest<R>(_ records: [R], _ key: (R) -> String) -> String? {
            guard records.count <= Self.nearestIDMaximumRecords else { return nil }
            return closest(to: id, in: records.lazy.map(key), within: Self.nearestIDEdits)
        }
        switch type {
        case .actor: return nearest(actors, \.id)
        case .alliance: return nearest(alliances, \.id)
        case .relation: return nearest(relations, \.id)
        case .statement: return nearest(statements, \.id)
        case .document: return nearest(documents, \.id)
        }
    }
}
