/// The network of actors and alliances: relation edges, and membership edges from each
/// alliance to its members.
public struct Graph: Sendable {
    public struct Node: Sendable, Hashable {
        public let ref: EntityRef
        public let label: String
        /// An actor's kind (`state`, `organization`, `person`) or `alliance`.
        public let kind: String
    }

    public struct Edge: Sendable, Hashable {
        public let id: String
        public let from: EntityRef
        public let to: EntityRef
        /// A relation kind, or `membership`.
        public let kind: String
        public let valence: Valence
        /// For membership edges: member, partner or party.
        public let role: MemberRole?
        public let directed: Bool
    }

    public let nodes: [Node]
    public let edges: [Edge]
}

/// The graph's shape, built once per dataset, so an ego network costs its own size rather
/// than the whole graph's. It holds positions only: a node or edge's id, label and dates are
/// read from its records when it is asked for (storing them per edge cost 35 MB at the
/// 1,000x seeds, a tenth of the resident set).
struct GraphIndex: Sendable {
    /// Where an edge comes from: a relation, or one member of an alliance.
    enum Source: Sendable, Equatable {
        case relation(Int32)
        case membership(alliance: Int32, member: Int32)
    }

    /// Node numbers: an actor's position, or the actor count plus an alliance's position.
    let actorCount: Int
    /// Node numbers in the order of their ids (the whole graph lists nodes so).
    let nodeOrder: [Int32]
    /// Sorted by edge id.
    let edges: [Source]
    /// The edges touching node `n` are `touching[touchingStart[n]..<touchingStart[n + 1]]`.
    private let touchingStart: [Int32]
    private let touching: [Int32]

    /// A node's number: an actor's position, or the actor count plus an alliance's position
    /// (nil for any other record type, or a record not found).
    static func nodeNumber(_ ref: EntityRef, position: Int?, actorCount: Int) -> Int? {
        guard let position else { return nil }
        return switch ref.type {
        case .actor: position
        case .alliance: actorCount + position
        default: nil
        }
    }

    init(actors: [Actor], alliances: [Alliance], relations: [Relation], position: (EntityRef) -> Int?) {
        actorCount = actors.count
        var sources: [(id: String, source: Source)] = []
        sources.reserveCapacity(relations.count + alliances.reduce(0) { $0 + $1.members.count })
        for (a, alliance) in alliances.enumerated() {
            for m in alliance.members.indices {
                sources.append((Self.membershipID(alliance, alliance.members[m]), .membership(alliance: Int32(a), member: Int32(m))))
            }
        }
        for (r, relation) in relations.enumerated() { sources.append((relation.id, .relation(Int32(r)))) }
        // Stable, so an id shared by a membership and a relation keeps memberships first.
        let order = sources.indices.sorted { (sources[$0].id, $0) < (sources[$1].id, $1) }
        edges = order.map { sources[$0].source }

        let nodeCount = actors.count + alliances.count
        func node(_ ref: EntityRef) -> Int? { Self.nodeNumber(ref, position: position(ref), actorCount: actors.count) }
        var ends: [(Int, Int)] = []  // (node, edge)
        ends.reserveCapacity(edges.count * 2)
        for (e, source) in edges.enumerated() {
            let (from, to) = Self.ends(source, alliances: alliances, relations: relations)
            if let n = node(from) { ends.append((n, e)) }
            if to != from, let n = node(to) { ends.append((n, e)) }
        }
        var start = [Int32](repeating: 0, count: nodeCount + 1)
        for (n, _) in ends { start[n + 1] += 1 }
        for n in 0..<nodeCount { start[n + 1] += start[n] }
        var fill = Array(start.dropLast())
        var touching = [Int32](repeating: 0, count: ends.count)
        for (n, e) in ends {  // edges in order, so each node's list is sorted
            touching[Int(fill[n])] = Int32(e)
            fill[n] += 1
        }
        touchingStart = start
        self.touching = touching
        let ids = actors.map(\.id) + alliances.map(\.id)
        nodeOrder = ids.indices.sorted { ids[$0] < ids[$1] }.map(Int32.init)
    }

    static func membershipID(_ alliance: Alliance, _ membership: Membership) -> String {
        "membership-\(alliance.id)-\(membership.member.id)"
    }

    static func ends(_ source: Source, alliances: [Alliance], relations: [Relation]) -> (EntityRef, EntityRef) {
        switch source {
        case .relation(let r):
            let relation = relations[Int(r)]
            return (relation.from, relation.to)
        case .membership(let a, let m):
            let alliance = alliances[Int(a)]
            return (EntityRef(.alliance, alliance.id), alliance.members[Int(m)].member)
        }
    }

    /// Positions of the edges touching node `n`, in edge order.
    func edges(touching n: Int) -> ArraySlice<Int32> { touching[Int(touchingStart[n])..<Int(touchingStart[n + 1])] }
}

extension Dataset {
    /// The whole graph, or the ego network within `depth` hops of `focus`; with `asOf`, the
    /// edges that held on that date and the alliances that did (actors are always there).
    public func graph(focus: EntityRef? = nil, depth: Int = 1, asOf: PartialDate? = nil) -> Graph {
        guard let focus else {
            var nodes = graphIndex.nodeOrder.map { graphNode(Int($0)) }
            if let asOf { nodes.removeAll { $0.ref.type == .alliance && !(alliance($0.ref.id)?.holds(on: asOf) ?? false) } }
            let edges = graphIndex.edges.indices.filter { edgeHolds($0, on: asOf) }.map(graphEdge)
            return Graph(nodes: nodes, edges: edges)
        }
        return egoNetwork(focus: focus, depth: depth, maxNodes: .max, asOf: asOf)!
    }

    /// Whether the edge held on `date` (always, when nil): a relation while it did, a
    /// membership while both it and its alliance did.
    private func edgeHolds(_ position: Int, on date: PartialDate?) -> Bool {
        guard let date else { return true }
        switch graphIndex.edges[position] {
        case .relation(let r):
            return relations[Int(r)].holds(on: date)
        case .membership(let a, let m):
            let alliance = alliances[Int(a)]
            return alliance.holds(on: date) && alliance.members[Int(m)].valid.holds(during: date, start: alliance.membershipStart)
        }
    }

    private func graphEdge(_ position: Int) -> Graph.Edge {
        switch graphIndex.edges[position] {
        case .relation(let r):
            let relation = relations[Int(r)]
            return Graph.Edge(
                id: relation.id, from: relation.from, to: relation.to, kind: relation.kind.rawValue, valence: relation.valence,
                role: nil, directed: relation.directed)
        case .membership(let a, let m):
            let alliance = alliances[Int(a)]
            let membership = alliance.members[Int(m)]
            return Graph.Edge(
                id: GraphIndex.membershipID(alliance, membership), from: EntityRef(.alliance, alliance.id), to: membership.member,
                kind: "membership", valence: .cooperative, role: membership.role, directed: true)
        }
    }

    private func graphEnds(_ position: Int) -> (from: EntityRef, to: EntityRef) {
        GraphIndex.ends(graphIndex.edges[position], alliances: alliances, relations: relations)
    }

    /// Node `n` of the graph index.
    private func graphNode(_ n: Int) -> Graph.Node {
        if n < graphIndex.actorCount {
            let actor = actors[n]
            return Graph.Node(ref: EntityRef(.actor, actor.id), label: actor.name, kind: actor.kind.rawValue)
        }
        let alliance = alliances[n - graphIndex.actorCount]
        return Graph.Node(ref: EntityRef(.alliance, alliance.id), label: alliance.name, kind: "alliance")
    }

    /// The graph index's number for an actor or alliance (nil for any other record, or an unknown one).
    private func graphNodeNumber(_ ref: EntityRef) -> Int? {
        GraphIndex.nodeNumber(ref, position: position(of: ref), actorCount: graphIndex.actorCount)
    }

    /// Nodes in the whole graph (actors and alliances).
    public var graphNodeCount: Int { graphIndex.nodeOrder.count }

    /// The ego network within `depth` hops of `focus`, or nil as soon as it is known to hold
    /// more than `maxNodes` nodes: the search stops there, so a request that is refused costs
    /// at most `maxNodes` nodes' worth of work, never the whole component's.
    public func egoNetwork(focus: EntityRef, depth: Int, maxNodes: Int, asOf: PartialDate? = nil) -> Graph? {
        func touching(_ ref: EntityRef) -> ArraySlice<Int32> { graphNodeNumber(ref).map(graphIndex.edges(touching:)) ?? [] }
        var included: Set<EntityRef> = [focus]
        var frontier = [focus]
        for _ in 0..<depth {
            var next: [EntityRef] = []
            for node in frontier {
                for position in touching(node) where edgeHolds(Int(position), on: asOf) {
                    let (from, to) = graphEnds(Int(position))
                    let neighbour = from == node ? to : from
                    if included.insert(neighbour).inserted {
                        if included.count > maxNodes { return nil }
                        next.append(neighbour)
                    }
                }
            }
            if next.isEmpty { break }
            frontier = next
        }
        var edgePositions = Set<Int>()
        for node in included {
            for position in touching(node) where edgeHolds(Int(position), on: asOf) {
                let (from, to) = graphEnds(Int(position))
                if included.contains(from) && included.contains(to) { edgePositions.insert(Int(position)) }
            }
        }
        let nodes = included.compactMap { graphNodeNumber($0).map(graphNode) }
        return Graph(nodes: nodes.sorted { $0.ref.id < $1.ref.id }, edges: edgePositions.sorted().map(graphEdge))
    }
}
