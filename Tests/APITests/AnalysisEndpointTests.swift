import Foundation
import LatticeModel
import Testing
import TestSupport

/// The analyses over the socket: what the article yields, evidence links, strict 400s,
/// negotiation, ETag/304, CORS and caching like every other endpoint.
@Suite("Analysis endpoints")
struct AnalysisEndpointTests {
    let api = APIClient.shared(.live)

    func id(_ value: Any?) -> String? { (value as? [String: Any])?["id"] as? String }

    @Test("AP4 cohesion: Japan–South Korea is the weakest pair, and both perceive China as a threat")
    func ap4() throws {
        let body = try api.json("/v1/analysis/cohesion?alliance=ap4")
        let actors = (body["actors"] as? [Any] ?? []).compactMap(id)
        #expect(actors == ["japan", "south-korea", "australia", "new-zealand"])
        let weakest = try #require(body["weakest"] as? [String: Any])
        #expect(Set([id(weakest["a"]), id(weakest["b"])]) == ["japan", "south-korea"])
        let matrix = try #require(body["matrix"] as? [[Any]])
        #expect(matrix.count == 4 && matrix.allSatisfy { $0.count == 4 })
        #expect(matrix[0][0] is NSNull)
        #expect((matrix[0][1] as? NSNumber)?.doubleValue == (weakest["score"] as? NSNumber)?.doubleValue)
        let threats = try #require(body["common_threats"] as? [[String: Any]])
        let china = try #require(threats.first { id($0["actor"]) == "china" })
        #expect(Set((china["perceived_by"] as? [Any] ?? []).compactMap(id)) == ["japan", "south-korea"])
        let pairs = try #require(body["pairs"] as? [[String: Any]])
        let jk = try #require(pairs.first { id($0["a"]) == "japan" && id($0["b"]) == "south-korea" })
        #expect((jk["shared_threats"] as? [[String: Any]] ?? []).contains { id($0["actor"]) == "china" })
        // Every number links to evidence that resolves.
        for relation in (jk["hostile"] as? [[String: Any]] ?? []) + (jk["cooperative"] as? [[String: Any]] ?? []) {
            #expect(try api.get(try #require(relation["href"] as? String)).status == 200)
        }
        #expect((body["meta"] as? [String: Any])?["dataset_version"] as? String == api.service.dataset?.version)
    }

    @Test("the cohesion matrix as CSV, by ?format=csv and by Accept, in id order for ?actors=")
    func csv() throws {
        let response = try api.get("/v1/analysis/cohesion?actors=south-korea,japan&format=csv")
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/csv") == true)
        #expect(response.text == "actor,japan,south-korea\r\njapan,,0.125\r\nsouth-korea,0.125,\r\n")
        let accepted = try api.get("/v1/analysis/cohesion?actors=japan,seoul", headers: ["Accept: text/csv"])
        #expect(accepted.text == response.text)
        // Aliases and order do not change the representation or its tag.
        let reordered = try api.get("/v1/analysis/cohesion?actors=south-korea,japan", headers: ["Accept: text/csv"])
        #expect(accepted.header("ETag") == reordered.header("ETag"))
        #expect(accepted.header("ETag")?.hasSuffix("-csv\"") == true)
    }

    @Test("positions as CSV: one row per piece of evidence, in the JSON's order, by ?format=csv and by Accept")
    func positionsCSV() throws {
        let response = try api.get("/v1/analysis/positions?alliance=asian-nato&format=csv")
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/csv") == true)
        #expect(response.header("Vary")?.contains("Accept") == true)
        let rows = parseCSV(response.text)
        #expect(rows.first == ["stance", "actor", "source", "statement", "text", "document", "start", "end", "sentence"])
        let groups = try #require(try api.json("/v1/analysis/positions?alliance=asian-nato")["groups"] as? [[String: Any]])
        let expected: [[String]] = groups.flatMap { group in
            (group["actors"] as? [[String: Any]] ?? []).flatMap { entry in
                (entry["evidence"] as? [[String: Any]] ?? []).map { evidence -> [String] in
                    [
                        group["stance"] as? String ?? "-", id(entry["actor"]) ?? "-", evidence["source"] as? String ?? "-",
                        id(evidence["statement"]) ?? "", evidence["text"] as? String ?? "",
                    ]
                }
            }
        }
        #expect(!expected.isEmpty)
        #expect(rows.dropFirst().map { Array($0.prefix(5)) } == expected)
        let us = try #require(rows.first { $0.count == 9 && $0[0] == "skeptical" && $0[1] == "united-states" })
        #expect(us[4].contains("premature") && Int(us[7])! > Int(us[6])!)
        let accepted = try api.get("/v1/analysis/positions?alliance=asian-nato", headers: ["Accept: text/csv"])
        #expect(accepted.text == response.text)
        #expect(accepted.header("ETag")?.hasSuffix("-csv\"") == true)
        // A position with no statement behind it (Lee's on the trilateral) leaves the last six fields empty.
        let trilateral = parseCSV(try api.get("/v1/analysis/positions?alliance=us-japan-south-korea-trilateral&format=csv").text)
        #expect(trilateral.contains(["supports", "lee-jae-myung", "position", "", "", "", "", "", ""]))
    }

    @Test("positions list each piece of evidence once and never an empty one, in JSON and CSV, on every alliance")
    func positionsOnce() throws {
        let alliances = try #require(api.service.dataset?.alliances.map(\.id))
        for alliance in alliances {
            let groups = try #require(try api.json("/v1/analysis/positions?alliance=\(alliance)")["groups"] as? [[String: Any]])
            var keys: [String] = []
            var noEvidence = 0
            for group in groups {
                for entry in group["actors"] as? [[String: Any]] ?? [] {
                    let evidence = entry["evidence"] as? [[String: Any]] ?? []
                    if evidence.isEmpty { noEvidence += 1 }
                    for item in evidence {
                        #expect(
                            id(item["statement"]) != nil && item["text"] is String && item["place"] is [String: Any],
                            "\(alliance): an evidence entry names its statement, text and place: \(item)")
                        keys.append("\(group["stance"] ?? "") \(id(entry["actor"]) ?? "") \(id(item["statement"]) ?? "")")
                    }
                }
            }
            #expect(Set(keys).count == keys.count, "\(alliance): \(keys)")
            let rows = parseCSV(try api.get("/v1/analysis/positions?alliance=\(alliance)&format=csv").text).dropFirst().filter { $0.count == 9 }
            #expect(rows.count == keys.count + noEvidence, "\(alliance): one CSV row per piece of evidence, and per actor with none")
            let csvKeys = rows.map { "\($0[0]) \($0[1]) \($0[3])" }
            #expect(Set(csvKeys).count == csvKeys.count, "\(alliance): \(csvKeys)")
        }
        let asianNATO = try #require(try api.json("/v1/analysis/positions?alliance=asian-nato")["groups"] as? [[String: Any]])
        #expect(asianNATO.map { $0["count"] as? Int ?? 0 }.reduce(0, +) == 6, "Ishiba, Teodoro twice, India, the United States, Lin")
    }

    @Test("mixed ties as CSV: one row per pair, relation ids joined with ;")
    func mixedTiesCSV() throws {
        let response = try api.get("/v1/analysis/mixed-ties?actors=japan", headers: ["Accept: text/csv"])
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/csv") == true)
        let rows = parseCSV(response.text)
        #expect(rows.first == ["a", "b", "cooperative", "hostile", "mixed"])
        let ties = try #require(try api.json("/v1/analysis/mixed-ties?actors=japan")["data"] as? [[String: Any]])
        #expect(rows.count == ties.count + 1)
        let china = try #require(rows.first { $0.count == 5 && $0[0] == "china" && $0[1] == "japan" })
        #expect(china[2].split(separator: ";").contains("japan-china-trade"))
        #expect(china[3].split(separator: ";").contains("japan-china-threat-perception"))
        #expect(try api.get("/v1/analysis/mixed-ties?actors=japan&format=csv").text == response.text)
    }

    @Test("Asian NATO: Ishiba supports, Teodoro opposes, the United States is skeptical with \"premature\"")
    func positions() throws {
        let body = try api.json("/v1/analysis/positions?alliance=asian-nato")
        let groups = try #require(body["groups"] as? [[String: Any]])
        func entries(_ stance: String) -> [[String: Any]] {
            groups.first { $0["stance"] as? String == stance }?["actors"] as? [[String: Any]] ?? []
        }
        #expect(entries("supports").contains { id($0["actor"]) == "shigeru-ishiba" })
        #expect(entries("opposes").contains { id($0["actor"]) == "gilberto-teodoro" })
        let us = try #require(entries("skeptical").first { id($0["actor"]) == "united-states" })
        let evidence = try #require((us["evidence"] as? [[String: Any]])?.first)
        #expect((evidence["text"] as? String)?.contains("premature") == true)
        let place = try #require(evidence["place"] as? [String: Any])
        #expect((place["end"] as? Int ?? 0) > (place["start"] as? Int ?? 0))
    }

    @Test("mixed ties: Japan–China and South Korea–China, threat perceived and trade depended on")
    func mixedTies() throws {
        let body = try api.json("/v1/analysis/mixed-ties")
        let ties = try #require(body["data"] as? [[String: Any]])
        for member in ["japan", "south-korea"] {
            let tie = try #require(ties.first { Set([id($0["a"]), id($0["b"])]) == [member, "china"] })
            #expect((tie["hostile"] as? [Any] ?? []).compactMap(id).contains("\(member)-china-threat-perception"))
            #expect((tie["cooperative"] as? [Any] ?? []).compactMap(id).contains("\(member)-china-trade"))
        }
        let filtered = try #require(try api.json("/v1/analysis/mixed-ties?actors=japan")["data"] as? [[String: Any]])
        #expect(!filtered.isEmpty && filtered.allSatisfy { id($0["a"]) == "japan" || id($0["b"]) == "japan" })
    }

    @Test(
        "malformed ids, both or neither parameter, empty and oversized sets are 400s naming the parameter",
        arguments: [
            ("/v1/analysis/cohesion?actors=", "actors"),
            ("/v1/analysis/cohesion?actors=Japan,China", "actors"),
            ("/v1/analysis/cohesion", "actors"),
            ("/v1/analysis/cohesion?alliance=ap4&actors=japan,china", "alliance"),
            ("/v1/analysis/positions", "alliance"),
            ("/v1/analysis/positions?alliance=Asian_NATO", "alliance"),
            ("/v1/analysis/mixed-ties?actors=not_a_slug", "actors"),
        ])
    func badRequests(path: String, parameter: String) throws {
        let response = try api.get(path)
        #expect(response.status == 400, "\(path)")
        #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        let errors = try #require((try response.json() as? [String: Any])?["errors"] as? [[String: Any]])
        #expect(errors.contains { $0["parameter"] as? String == parameter }, "\(path)")
    }

    @Test(
        "a well-formed id that names no record of the kind is a 404 naming the parameter",
        arguments: [
            ("/v1/analysis/positions?alliance=0", "alliance", "no alliance has the id \"0\""),
            ("/v1/analysis/positions?alliance=atlantis", "alliance", "no alliance has the id \"atlantis\""),
            ("/v1/analysis/positions?alliance=japan", "alliance", "no alliance has the id \"japan\" (it is an actor)"),
            ("/v1/analysis/positions?alliance=asian-natto", "alliance", "did you mean \"asian-nato\"?"),
            ("/v1/analysis/cohesion?actors=japan,atlantis", "actors", "no actor has the id \"atlantis\""),
            ("/v1/analysis/cohesion?actors=japan,quad", "actors", "no actor has the id \"quad\" (it is an alliance)"),
            ("/v1/analysis/cohesion?alliance=japan", "alliance", "(it is an actor)"),
            ("/v1/analysis/cohesion?alliance=atlantis", "alliance", "no alliance has the id \"atlantis\""),
            ("/v1/analysis/mixed-ties?actors=ap4", "actors", "(it is an alliance)"),
            ("/v1/analysis/mixed-ties?actors=atlantis", "actors", "no actor has the id \"atlantis\""),
            ("/v1/analysis/mixed-ties?actors=japn", "actors", "did you mean \"japan\"?"),
        ])
    func unknownSubjects(path: String, parameter: String, detail: String) throws {
        let response = try api.get(path)
        #expect(response.status == 404, "\(path)")
        #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        let problem = try #require(try response.json() as? [String: Any])
        #expect(problem["type"] as? String == "urn:lattice:problem:not-found")
        #expect((problem["detail"] as? String)?.contains("The query parameter \(parameter) names no record") == true, "\(problem)")
        let errors = try #require(problem["errors"] as? [[String: Any]])
        #expect(
            errors.contains { $0["parameter"] as? String == parameter && ($0["detail"] as? String)?.contains(detail) == true },
            "\(path): \(errors)")
    }

    @Test(
        "a group of fewer than two actors has no pairs: cohesion 0, weakest and strongest null",
        arguments: [
            "/v1/analysis/cohesion?alliance=eu", "/v1/analysis/cohesion?alliance=squad", "/v1/analysis/cohesion?actors=japan",
        ])
    func smallGroup(path: String) throws {
        let response = try api.get(path)
        #expect(response.status == 200, "\(path)")
        let body = try #require(try response.json() as? [String: Any])
        #expect(body["cohesion"] as? Double == 0)
        #expect(body["weakest"] is NSNull && body["strongest"] is NSNull)
        #expect((body["pairs"] as? [Any])?.isEmpty == true)
        #expect(try api.get(path + "&format=csv").status == 200)
    }

    @Test("more than 50 actors is a 400")
    func oversized() throws {
        let actors = try #require(api.service.dataset?.actors.map(\.id))
        var ids = actors
        var n = 0
        while ids.count <= 50 { ids.append(actors[n % actors.count]); n += 1 }  // duplicates count once
        #expect(try api.get("/v1/analysis/cohesion?actors=\(ids.joined(separator: ","))").status == (actors.count > 50 ? 400 : 200))
        // Ids that name no actor are a 404 whatever their number: the subject does not exist.
        let synthetic = (0..<51).map { "a\($0)" }.joined(separator: ",")
        #expect(try api.get("/v1/analysis/cohesion?actors=\(synthetic)").status == 404)
    }

    @Test(
        "ETag and 304, Cache-Control, CORS and Vary like every data endpoint",
        arguments: [
            "/v1/analysis/cohesion?alliance=ap4", "/v1/analysis/positions?alliance=asian-nato", "/v1/analysis/mixed-ties",
        ])
    func caching(path: String) throws {
        let first = try api.get(path)
        #expect(first.status == 200)
        let etag = try #require(first.header("ETag"))
        #expect(etag.contains(try #require(api.service.dataset?.version)))
        #expect(first.header("Cache-Control")?.hasPrefix("public, max-age=") == true)
        #expect(first.header("Access-Control-Allow-Origin") != nil || first.header("Vary")?.contains("Origin") == true)
        #expect(try api.get(path, headers: ["If-None-Match: \(etag)"]).status == 304)
        #expect(try api.get(path, method: "HEAD").status == 200)
        #expect(try api.get(path, method: "OPTIONS").status == 204)
    }
}
