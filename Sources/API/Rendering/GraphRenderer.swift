import LatticeModel

/// `{focus, depth, nodes, edges}`: the graph of actors, alliances (membership edges) and
/// relations, or an ego network around `focus`.
enum GraphRenderer {
    static func render(_ graph: Graph, focus: EntityRef?, depth: Int, asOf: PartialDate? = nil) -> [UInt8] {
        var json = JSONWriter(capacity: 16 * 1024)
        json.object { o in
            if let asOf { o.field("as_of", asOf.description) }
            if let focus {
                o.field("focus", focus.id)
                o.field("depth", depth)
            } else {
                o.null("focus")
                o.null("depth")
            }
            o.field("nodes") { json in
                json.array(graph.nodes) { json, node in
                    json.object { n in
                        n.field("id", node.ref.id)
                        n.field("label", node.label)
                        n.field("kind", node.kind)
                        n.field("href", Paths.resource(node.ref))
                    }
                }
            }
            o.field("edges") { json in
                json.array(graph.edges) { json, edge in
                    json.object { e in
                        e.field("id", edge.id)
                        e.field("from", edge.from.id)
                        e.field("to", edge.to.id)
                        e.field("kind", edge.kind)
                        e.field("valence", edge.valence.rawValue)
                        e.field("directed", edge.directed)
                        e.field("role", edge.role?.rawValue)
                    }
                }
            }
        }
        return json.bytes
    }
}
