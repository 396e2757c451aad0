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

/// Every node and edge with an adjacency index, built once per dataset, so an ego network
/// costs its own size rather than the whole graph's.
struct GraphIndex: Sendable {
    let nodes: [Graph.Node]  // sorted by id
    let edges: [Graph.Edge]  // sorted by id
    let edgesOf: [EntityRef: [Int]]  // edge positions touching a node
    /// Per edge, when it held: a membership while both it and its alliance did.
    let edgeTimes: [[(ValidTime, PartialDate?)]]

    init(actors: [Actor], alliances: [Alliance], relations: [Relation]) {
        var timed: [(Graph.Edge, [(ValidTime, PartialDate?)])] = []
        for alliance in alliances {
            let allianceTime = (alliance.valid, alliance.sources.earliest)
            for membership in alliance.members {
                timed.append(
                    (
                        Graph.Edge(
                            id: "membership-\(alliance.id)-\(membership.member.id)", from: EntityRef(.alliance, alliance.id),
                            to: membership.member, kind: "membership", valence: .cooperative, role: membership.role, directed: true),
                        [allianceTime, (membership.valid, alliance.membershipStart)]
                    ))
            }
        }
        for relation in relations {
            timed.append(
                (
                    Graph.Edge(
                        id: relation.id, from: relation.from, to: relation.to, kind: relation.kind.rawValue,
                        valence: relation.valence, role: nil, directed: relation.directed),
                    [(relation.valid, relation.sources.earliest)]
                ))
        }
        timed.sort { $0.0.id < $1.0.id }
        let edges = timed.map(\.0)
        edgeTimes = timed.map(\.1)
        var edgesOf: [EntityRef: [Int]] = [:]
        for (position, edge) in edges.enumerated() {
            edgesOf[edge.from, default: []].append(position)
            if edge.to != edge.from { edgesOf[edge.to, default: []].append(position) }
        }
        let nodes =
            actors.map { Graph.Node(ref: EntityRef(.actor, $0.id), label: $0.name, kind: $0.kind.rawValue) }
            + alliances.map { Graph.Node(ref: EntityRef(.alliance, $0.id), label: $0.name, kind: "alliance") }
        self.nodes = nodes.sorted { $0.ref.id < $1.ref.id }
        self.edges = edges
        self.edgesOf = edgesOf
    }
}

extension Dataset {
    /// The whole graph, or the ego network within `depth` hops of `focus`; with `asOf`, the
    /// edges that held on that date and the alliances that did (actors are always there).
    public func graph(focus: EntityRef? = nil, depth: Int = 1, asOf: PartialDate? = nil) -> Graph {
        guard let focus else {
            guard let asOf else { return Graph(nodes: graphIndex.nodes, edges: graphIndex.edges) }
            let nodes = graphIndex.nodes.filter { $0.ref.type != .alliance || alliance($0.ref.id)?.holds(on: asOf) ?? false }
            let edges = graphIndex.edges.indices.filter { edgeHolds($0, on: asOf) }.map { graphIndex.edges[$0] }
            return Graph(nodes: nodes, edges: edges)
        }
        return egoNetwork(focus: focus, depth: depth, maxNodes: .max, asOf: asOf)!
    }

    private func edgeHolds(_ position: Int, on date: PartialDate?) -> Bool {
        guard let date else { return true }
        return graphIndex.edgeTimes[position].allSatisfy { valid, start in valid.holds(during: date, start: start) }
    }

    /// Nodes in the whole graph (actors and alliances).
    public var graphNodeCount: Int { graphIndex.nodes.count }

    /// The ego network within `depth` hops of `focus`, or nil as soon as it is known to hold
    /// more than `maxNodes` nodes: the search stops there, so a request that is refused costs
    /// at most `maxNodes` nodes' worth of work, never the whole component's.
    public func egoNetwork(focus: EntityRef, depth: Int, maxNodes: Int, asOf: PartialDate? = nil) -> Graph? {
        var included: Set<EntityRef> = [focus]
        var frontier = [focus]
        for _ in 0..<depth {
            var next: [EntityRef] = []
            for node in frontier {
                for position in graphIndex.edgesOf[node] ?? [] where edgeHolds(position, on: asOf) {
                    let edge = graphIndex.edges[position]
                    let neighbour = edge.from == node ? edge.to : edge.from
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
            for position in graphIndex.edgesOf[node] ?? [] where edgeHolds(position, on: asOf) {
                let edge = graphIndex.edges[position]
                if included.contains(edge.from) && included.contains(edge.to) { edgePositions.insert(position) }
            }
        }
        let nodes = included.compactMap { ref -> Graph.Node? in
            switch ref.type {
            case .actor: actor(ref.id).map { Graph.Node(ref: ref, label: $0.name, kind: $0.kind.rawValue) }
            case .alliance: alliance(ref.id).map { Graph.Node(ref: ref, label: $0.name, kind: "alliance") }
            default: nil
            }
        }
        return Graph(
            nodes: nodes.sorted { $0.ref.id < $1.ref.id },
            edges: edgePositions.sorted().map { graphIndex.edges[$0] })
    }
}
