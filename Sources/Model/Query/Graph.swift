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

extension Dataset {
    /// The whole graph, or the ego network within `depth` hops of `focus`.
    public func graph(focus: EntityRef? = nil, depth: Int = 1) -> Graph {
        var edges: [Graph.Edge] = []
        for alliance in alliances {
            for membership in alliance.members {
                edges.append(Graph.Edge(
                    id: "membership-\(alliance.id)-\(membership.member.id)", from: EntityRef(.alliance, alliance.id),
                    to: membership.member, kind: "membership", valence: .cooperative, role: membership.role, directed: true))
            }
        }
        for relation in relations {
            edges.append(Graph.Edge(id: relation.id, from: relation.from, to: relation.to, kind: relation.kind.rawValue,
                                    valence: relation.valence, role: nil, directed: relation.directed))
        }
        var included: Set<EntityRef>
        if let focus {
            var adjacency: [EntityRef: [EntityRef]] = [:]
            for edge in edges {
                adjacency[edge.from, default: []].append(edge.to)
                adjacency[edge.to, default: []].append(edge.from)
            }
            included = [focus]
            var frontier = [focus]
            for _ in 0..<depth {
                var next: [EntityRef] = []
                for node in frontier {
                    for neighbour in adjacency[node] ?? [] where included.insert(neighbour).inserted { next.append(neighbour) }
                }
                frontier = next
            }
            edges = edges.filter { included.contains($0.from) && included.contains($0.to) }
        } else {
            included = Set(actors.map { EntityRef(.actor, $0.id) } + alliances.map { EntityRef(.alliance, $0.id) })
        }
        let nodes = actors.filter { included.contains(EntityRef(.actor, $0.id)) }
            .map { Graph.Node(ref: EntityRef(.actor, $0.id), label: $0.name, kind: $0.kind.rawValue) }
            + alliances.filter { included.contains(EntityRef(.alliance, $0.id)) }
            .map { Graph.Node(ref: EntityRef(.alliance, $0.id), label: $0.name, kind: "alliance") }
        return Graph(nodes: nodes.sorted { $0.ref.id < $1.ref.id }, edges: edges.sorted { $0.id < $1.id })
    }
}
