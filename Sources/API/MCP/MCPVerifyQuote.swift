import LatticeModel

/// `verify_quote`: whether a text someone is said to have said is in the sources, where,
/// and who the sources say said it.
enum MCPVerifyQuote {
    /// Longest claim checked, in Unicode scalars (the input schema says so).
    static let maximumLength = 2_000
    /// Occurrences reported in full; the total counts them all.
    static let maximumOccurrences = 20

    static let arguments = [
        MCPArgument(
            ParameterSpec(
                name: "text", kind: .text(maxLength: maximumLength),
                description: "The quoted text as claimed, at most \(maximumLength) characters; quotation marks around it are not part of it."),
            required: true),
        MCPArgument(
            ParameterSpec(
                name: "speaker", kind: .id([.actor, .alliance]),
                description: "Who is claimed to have said it (id or alias), to check against the sources' attribution.")),
        MCPArgument(ParameterSpec(name: "document", kind: .id([.document]), description: "Only look in this document (id or alias).")),
    ]

    static let tool = MCPTool(
        name: "verify_quote", title: "Verify a quote",
        description:
            "Checks a quote against the source documents: whether it occurs verbatim, or only once curly and straight quotes, dashes, runs of whitespace and letter case are normalised, or not at all. Every occurrence comes with its offsets in the original text (Unicode scalars, end exclusive), its sentence, the statements that cover it and the speaker they attribute it to; when a speaker is claimed, a mismatch with the sources' attribution is stated explicitly.",
        arguments: arguments,
        resultSchema: [
            "type": "object",
            "required": ["claim", "verdict", "speaker_check", "occurrences_total", "occurrences"],
            "properties": [
                "claim": [
                    "type": "object", "required": ["text", "speaker", "document"],
                    "properties": ["text": ["type": "string"], "speaker": ["type": ["string", "null"]], "document": ["type": ["string", "null"]]],
                ],
                "verdict": [
                    "type": "string", "enum": ["verbatim", "normalized", "not_found"],
                    "description":
                        "verbatim: some occurrence is character for character the claim; normalized: only after normalising; not_found: neither.",
                ],
                "speaker_check": [
                    "type": "string", "enum": ["not_claimed", "matches", "differs", "unattributed", "not_found"],
                    "description":
                        "matches: a statement covering an occurrence is by the claimed speaker; differs: statements cover it, none by the claimed speaker; unattributed: no statement covers any occurrence.",
                ],
                "occurrences_total": ["type": "integer", "minimum": 0],
                "occurrences": [
                    "type": "array", "maxItems": .int(maximumOccurrences),
                    "items": [
                        "type": "object",
                        "required": ["document", "start", "end", "text", "match", "sentence", "statements", "speaker_mismatch"],
                        "properties": [
                            "document": ["type": "string"], "start": ["type": "integer"], "end": ["type": "integer"],
                            "text": ["type": "string", "description": "The original text at start..<end."],
                            "match": ["type": "string", "enum": ["verbatim", "normalized"]],
                            "sentence": ["type": "string"],
                            "statements": [
                                "type": "array",
                                "items": [
                                    "type": "object", "required": ["id", "speaker", "start", "end"],
                                    "properties": [
                                        "id": ["type": "string"],
                                        "speaker": ["type": "object", "properties": ["id": ["type": "string"], "name": ["type": "string"]]],
                                        "start": ["type": "integer"], "end": ["type": "integer"],
                                    ],
                                ],
                            ],
                            "speaker_mismatch": [
                                "type": ["object", "null"], "description": "Set when a speaker was claimed and no covering statement is theirs.",
                                "properties": ["claimed": ["type": "string"], "attributed": ["type": "array", "items": ["type": "string"]]],
                            ],
                        ],
                    ],
                ],
            ],
        ]
    ) { call in verify(call) }

    private static func verify(_ call: MCPToolCall) -> MCPToolResult {
        let dataset = call.dataset
        let claim = call.value("text") ?? ""
        guard claim.unicodeScalars.count <= maximumLength else {
            return .failure("the text holds \(claim.unicodeScalars.count) characters; at most \(maximumLength) are checked: verify a shorter part")
        }
        guard !QuoteIndex.normalized(claim).isEmpty else { return .failure("the text is blank; give the words to look for") }
        let specs = arguments.dropFirst().map(\.spec)
        let parameters = QueryParameters(call.items.filter { $0.name != "text" }, specs: specs, dataset: dataset)
        guard parameters.isValid else {
            return .failure(parameters.problems.map { "\($0.parameter): \($0.detail)" }.joined(separator: "\n"))
        }
        var speaker: EntityRef?
        if let given = call.value("speaker") {
            guard let ref = parameters.refs("speaker").first else {
                return .failure(MCPRecordTools.notFound(given, types: [.actor, .alliance], dataset: dataset))
            }
            speaker = ref
        }
        var scope: [Int]?
        if let given = call.value("document") {
            guard let ref = parameters.refs("document").first, let position = dataset.position(of: ref) else {
                return .failure(MCPRecordTools.notFound(given, types: [.document], dataset: dataset))
            }
            scope = [position]
        }
        let (occurrences, total) = dataset.quotes.occurrences(of: claim, in: scope, documents: dataset.documents, limit: maximumOccurrences)
        var citations: [MCPCitation] = []
        var texts: [Int: DocumentText] = [:]
        var anyCovered = false, anyBySpeaker = false
        var lines: [String] = []
        var json = JSONWriter(capacity: 2048)
        json.object { o in
            o.field("claim") {
                $0.object { c in
                    c.field("text", claim)
                    c.field("speaker", speaker?.id)
                    c.field("document", scope.map { dataset.documents[$0[0]].id })
                }
            }
            let verdict = occurrences.contains { $0.match == .verbatim } ? "verbatim" : occurrences.isEmpty ? "not_found" : "normalized"
            o.field("verdict", verdict)
            var occurrenceJSON = JSONWriter(capacity: 1024)
            occurrenceJSON.array(occurrences) { json, occurrence in
                let document = dataset.documents[occurrence.document]
                let covering = covering(occurrence, document: document, dataset: dataset)
                anyCovered = anyCovered || !covering.isEmpty
                let bySpeaker = speaker.map { claimed in covering.contains { $0.speaker == claimed } } ?? false
                anyBySpeaker = anyBySpeaker || bySpeaker
                if texts[occurrence.document] == nil { texts[occurrence.document] = DocumentText(document.text) }
                let sentence = texts[occurrence.document]!.sentence(covering: occurrence.start, occurrence.end)
                let passage = MCPCitation(passage: document, start: occurrence.start, end: occurrence.end, text: occurrence.text)
                citations.append(passage)
                citations += covering.map { MCPCitation(statement: $0, document: document) }
                var line = "- \(occurrence.match.rawValue): " + passage.line(dataset: dataset) + "\n  Sentence: \(sentence)"
                if covering.isEmpty { line += "\n  No statement covers it: the sources do not attribute these words to anyone." }
                for statement in covering { line += "\n  Attributed to \(dataset.name(of: statement.speaker)) (statement \(statement.id))." }
                json.object { x in
                    x.field("document", document.id)
                    x.field("start", occurrence.start)
                    x.field("end", occurrence.end)
                    x.field("text", occurrence.text)
                    x.field("match", occurrence.match.rawValue)
                    x.field("sentence", sentence)
                    x.field("statements") {
                        $0.array(covering) { json, statement in
                            json.object { s in
                                s.field("id", statement.id)
                                s.field("speaker") {
                                    $0.object { p in
                                        p.field("id", statement.speaker.id)
                                        p.field("name", dataset.name(of: statement.speaker))
                                    }
                                }
                                s.field("start", statement.source.start)
                                s.field("end", statement.source.end)
                            }
                        }
                    }
                    if let speaker, !covering.isEmpty, !bySpeaker {
                        x.field("speaker_mismatch") {
                            $0.object { m in
                                m.field("claimed", speaker.id)
                                m.field("attributed", Array(Set(covering.map(\.speaker.id))).sorted())
                            }
                        }
                        line +=
                            "\n  SPEAKER MISMATCH: claimed \(dataset.name(of: speaker)), but the source attributes it to "
                            + Array(Set(covering.map { dataset.name(of: $0.speaker) })).sorted().joined(separator: ", ") + "."
                    } else {
                        x.null("speaker_mismatch")
                    }
                }
                lines.append(line)
            }
            let speakerCheck =
                speaker == nil
                ? "not_claimed"
                : occurrences.isEmpty
                    ? "not_found"
                    : anyBySpeaker ? "matches" : anyCovered ? "differs" : "unattributed"
            o.field("speaker_check", speakerCheck)
            o.field("occurrences_total", total)
            o.raw("occurrences", occurrenceJSON.bytes)
            let found =
                switch verdict {
                case "verbatim": "The text occurs verbatim in the sources"
                case "normalized": "The text occurs only after normalising quotes, dashes, whitespace and case (not verbatim)"
                default: "The text does not occur in the sources, verbatim or normalised"
                }
            var headline =
                found + (total > 0 ? ": \(total) occurrence(s)\(total > occurrences.count ? ", the first \(occurrences.count) shown" : "")." : ".")
            if let speaker {
                let name = dataset.name(of: speaker)
                switch speakerCheck {
                case "matches": headline += " The sources attribute it to \(name), as claimed."
                case "differs": headline += " SPEAKER MISMATCH: the sources do not attribute it to \(name)."
                case "unattributed": headline += " No statement attributes it to anyone, so \(name) cannot be confirmed as the speaker."
                default: break
                }
            }
            lines.insert(headline, at: 0)
        }
        var result = MCPRestBridge.result(json.bytes, call, headline: "", citations: citations)
        // The occurrences, each with its citation, stand in for the generic list of quotes.
        result.text = ([lines[0] + " Dataset version \(dataset.version)."] + lines.dropFirst()).joined(separator: "\n")
        return result
    }

    /// The statements of the occurrence's document whose span covers it.
    private static func covering(_ occurrence: QuoteIndex.Occurrence, document: Document, dataset: Dataset) -> [Statement] {
        dataset.matching(.statement, [.anyOf(.statementDocument, [document.id])]).positions.lazy.map { dataset.statements[Int($0)] }
            .filter { $0.source.start <= occurrence.start && $0.source.end >= occurrence.end }
    }
}
