/// A JSON value built in code, for documents rendered once (the OpenAPI description).
indirect enum JSONTree: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case object([(String, JSONTree)])
    case array([JSONTree])
    case string(String)
    case int(Int)
    case bool(Bool)
    case null

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSONTree...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONTree)...) { self = .object(elements) }

    func write(to json: inout JSONWriter) {
        switch self {
        case .object(let members):
            json.raw("{")
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { json.raw(",") }
                json.string(key)
                json.raw(":")
                value.write(to: &json)
            }
            json.raw("}")
        case .array(let elements):
            json.array(elements) { json, element in element.write(to: &json) }
        case .string(let value): json.string(value)
        case .int(let value): json.int(value)
        case .bool(let value): json.bool(value)
        case .null: json.null()
        }
    }

    /// Adds or replaces members of an object.
    func merging(_ extra: [(String, JSONTree)]) -> JSONTree {
        guard case .object(var members) = self else { return self }
        for (key, value) in extra {
            if let index = members.firstIndex(where: { $0.0 == key }) { members[index].1 = value } else { members.append((key, value)) }
        }
        return .object(members)
    }
}
