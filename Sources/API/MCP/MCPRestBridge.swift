import LatticeHTTP
import LatticeModel

/// Tools that ask what a REST endpoint answers run that endpoint's own answer: the tool's
/// arguments become the endpoint's query parameters, checked by the same validation, and
/// the answer is read from the same indexes and pre-rendered records; its JSON is the
/// tool's `result`, byte for byte what `GET` on the endpoint returns.
enum MCPRestBridge {
    /// The endpoint's answer to `items`, or the text of what to fix (the problem the REST
    /// endpoint would have answered with, its parameters named as the tool's arguments).
    static func answer(
        _ descriptor: EndpointDescriptor, _ items: [QueryItem], _ call: MCPToolCall, tool: MCPTool,
        collection: ((EndpointContext) -> Reply)? = nil
    ) -> Result<[UInt8], MCPFix> {
        let parameters = QueryParameters(items, specs: descriptor.parameters, dataset: call.dataset)
        guard parameters.isValid else {
            return .failure(MCPFix(describe(Problem.invalidParameters(parameters.problems, count: parameters.problemCount), tool: tool)))
        }
        let query = items.map { "\(URLEncoding.encode($0.name))=\(URLEncoding.encode($0.value))" }.joined(separator: "&")
        guard let request = try? HTTPRequest(method: .get, target: descriptor.template + (query.isEmpty ? "" : "?" + query)) else {
            return .failure("the arguments could not be turned into a request; check their values")
        }
        let context = EndpointContext(
            endpoint: Endpoint.named(descriptor.name), request: request, snapshot: call.snapshot,
            parameters: parameters, wantsCSV: false, configuration: call.configuration)
        let reply: Reply
        do {
            if let collection {
                reply = collection(context)
            } else if case .dataset(let answer) = descriptor.answer {
                reply = try answer(context)
            } else {
                return .failure("\(tool.name) cannot answer this")
            }
        } catch {
            return .failure(MCPFix(describe(error, tool: tool)))
        }
        guard case .bytes(let body) = reply.body else { return .failure("\(tool.name) has no answer to this") }
        return .success(body)
    }

    /// A problem as the tool's caller should read it: its detail, then each parameter's,
    /// named as the tool's arguments.
    static func describe(_ problem: Problem, tool: MCPTool) -> String {
        func rename(_ text: String) -> String {
            var text = text
            for argument in tool.arguments where argument.name != argument.spec.name {
                text = text.replacing("parameter \(argument.spec.name) ", with: "argument \(argument.name) ")
            }
            return text.replacing("query parameter", with: "argument")
        }
        var lines = [rename(problem.detail)]
        for error in problem.errors {
            let name = tool.arguments.first { $0.spec.name == error.parameter }?.name ?? error.parameter
            lines.append("- \(name): \(error.detail)")
        }
        return lines.joined(separator: "\n")
    }

    /// The structured content `{dataset_version, result, citations, …}` around a rendered
    /// result, and its text: a headline, every quote with its citation, and the JSON.
    static func result(
        _ body: [UInt8], _ call: MCPToolCall, headline: String, extra: [(StaticString, [UInt8])] = [],
        citations given: [MCPCitation]? = nil
    ) -> MCPToolResult {
        let dataset = call.dataset
        let root = try? JSONParser.parse(body)
        let citations = given ?? root.map { MCPCitation.statements(in: $0, dataset: dataset) } ?? []
        var json = JSONWriter(capacity: body.count + 512 * citations.count + 128)
        json.object { o in
            o.field("dataset_version", dataset.version)
            for (name, value) in extra { o.raw(name, value) }
            o.raw("result", body)
            o.field("citations") { json in json.array(citations) { json, citation in citation.write(to: &json, dataset: dataset) } }
        }
        var text = headline
        if case .object(let object)? = root?.value, case .object(let meta)? = object["meta"]?.value,
            case .number(let total, _)? = meta["total"]?.value, case .array(let data)? = object["data"]?.value
        {
            text += " \(Int(total)) in all; \(data.count) shown."
        }
        text += " Dataset version \(dataset.version)."
        if !citations.isEmpty {
            text += "\n\nQuotes, each with its source:\n" + citations.map { "- " + $0.line(dataset: dataset) }.joined(separator: "\n")
        }
        return MCPToolResult(structured: json.bytes, text: text)
    }
}
