import Testing
@testable import LatticeAPI

@Suite("Routing")
struct RoutingTests {
    @Test("an endpoint's ordinal is its position in allCases (metrics and parameter tables rely on it)")
    func ordinals() {
        #expect(Endpoint.allCases.enumerated().allSatisfy { $1.ordinal == $0 })
    }

    @Test(
        "the router matches exact paths, single resources and document text, and nothing near them",
        arguments: [
            ("/", Route(endpoint: .root, id: nil)), ("/v1", Route(endpoint: .index, id: nil)),
            ("/v1/actors", Route(endpoint: .actors, id: nil)), ("/v1/actors/japan", Route(endpoint: .actor, id: "japan")),
            ("/v1/documents/doc-1/text", Route(endpoint: .documentText, id: "doc-1")),
            ("/v1/relations/a-b-c", Route(endpoint: .relation, id: "a-b-c")), ("/metrics", Route(endpoint: .metrics, id: nil)),
            ("/v1/actors/japan/", nil), ("/v1/actors//japan", nil), ("/v1/actors/Japan", nil), ("/v1/actors/-japan", nil),
            ("/v1/actors/japan-", nil), ("/v1/actors/ja--pan", nil), ("/v1/actors/japan/text", nil),
            ("/v1/documents/doc-1/text/", nil), ("/v1/documents/doc-1/texts", nil), ("/v1/actor/japan", nil),
            ("/explorer/app.js", Route(endpoint: .explorer, id: "app.js")),
            ("/explorer/vendor/d3.min.js", Route(endpoint: .explorer, id: "vendor/d3.min.js")), ("/explorer/", nil), ("/explorer", nil),
            ("/explorer/a b.js", nil), ("/explorer/x//y.js", nil), ("/explorer/x/", nil), ("/explorer/\u{84}", nil),
            ("/v1/", nil), ("/v1/actors/", nil), ("/v2/actors/japan", nil), ("/v1/actorsx", nil), ("", nil),
        ])
    func router(path: String, expected: Route?) {
        #expect(Router.match(path) == expected)
    }
}
