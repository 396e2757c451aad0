import Foundation
import LatticeModel

/// Validates JSON against the JSON Schema subset our OpenAPI document uses: $ref, type (one
/// or several), properties/required/additionalProperties, items/minItems, enum, oneOf,
/// minimum/maximum, minLength/maxLength and pattern. Values are parsed with the model's
/// strict parser, which keeps booleans and numbers apart. Returns every violation with its
/// JSON path, so a failing test says exactly which field drifted from the document.
struct SchemaValidator {
    let schemas: JSONObject

    init(openAPI: JSONNode) {
        var found = JSONObject(members: [])
        if case .object(let root)? = Optional(openAPI.value), case .object(let components)? = root["components"]?.value,
            case .object(let schemas)? = components["schemas"]?.value
        {
            found = schemas
        }
        schemas = found
    }

    func schema(named name: String) -> JSONNode? { schemas[name] }

    func validate(_ value: JSONNode, against schemaNode: JSONNode, path: String = "$") -> [String] {
        guard case .object(let schema) = schemaNode.value else { return ["\(path): schema is not an object"] }
        if case .string(let ref)? = schema["$ref"]?.value {
            let name = String(ref.split(separator: "/").last ?? "")
            guard let target = schemas[name] else { return ["\(path): unresolved \(ref)"] }
            return validate(value, against: target, path: path)
        }
        if case .array(let options)? = schema["oneOf"]?.value {
            let passing = options.filter { validate(value, against: $0, path: path).isEmpty }
            return passing.count == 1 ? [] : ["\(path): matches \(passing.count) of oneOf's \(options.count) schemas"]
        }
        if let type = schema["type"] {
            let types: [String] =
                switch type.value {
                case .string(let one): [one]
                case .array(let many): many.compactMap { if case .string(let t) = $0.value { t } else { nil } }
                default: []
                }
            if !types.contains(where: { matches(value.value, type: $0) }) {
                return ["\(path): \(describe(value.value)) is not of type \(types.joined(separator: "|"))"]
            }
        }
        var errors: [String] = []
        if case .array(let allowed)? = schema["enum"]?.value, !allowed.contains(where: { equal($0.value, value.value) }) {
            errors.append("\(path): \(describe(value.value)) is not one of the enum values")
        }
        if case .number(let number, _) = value.value {
            if case .number(let minimum, _)? = schema["minimum"]?.value, number < minimum { errors.append("\(path): \(number) < \(minimum)") }
            if case .number(let maximum, _)? = schema["maximum"]?.value, number > maximum { errors.append("\(path): \(number) > \(maximum)") }
        }
        if case .string(let text) = value.value {
            if case .string(let pattern)? = schema["pattern"]?.value, text.range(of: pattern, options: .regularExpression) == nil {
                errors.append("\(path): \"\(text.prefix(60))\" does not match \(pattern)")
            }
            if case .number(let minimum, _)? = schema["minLength"]?.value, Double(text.unicodeScalars.count) < minimum {
                errors.append("\(path): shorter than \(minimum)")
            }
            if case .number(let maximum, _)? = schema["maxLength"]?.value, Double(text.unicodeScalars.count) > maximum {
                errors.append("\(path): longer than \(maximum)")
            }
        }
        if case .object(let object) = value.value {
            var properties = JSONObject(members: [])
            if case .object(let declared)? = schema["properties"]?.value { properties = declared }
            if case .array(let required)? = schema["required"]?.value {
                for case .string(let name) in required.map(\.value) where object[name] == nil {
                    errors.append("\(path): missing required \(name)")
                }
            }
            let closed: Bool = if case .bool(false)? = schema["additionalProperties"]?.value { true } else { false }
            for member in object.members {
                if let property = properties[member.key] {
                    errors += validate(member.value, against: property, path: "\(path).\(member.key)")
                } else if closed {
                    errors.append("\(path): undocumented property \(member.key)")
                }
            }
        }
        if case .array(let array) = value.value {
            if case .number(let minimum, _)? = schema["minItems"]?.value, Double(array.count) < minimum {
                errors.append("\(path): fewer than \(minimum) items")
            }
            if let items = schema["items"] {
                for (index, element) in array.enumerated() {
                    errors += validate(element, against: items, path: "\(path)[\(index)]")
                }
            }
        }
        return errors
    }

    private func matches(_ value: JSONNode.Value, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
            ("object", .object):
            true
        case ("integer", .number(let number, _)): number == number.rounded()
        default: false
        }
    }

    private func equal(_ a: JSONNode.Value, _ b: JSONNode.Value) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.number(let x, _), .number(let y, _)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    private func describe(_ value: JSONNode.Value) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .number(let number, _): String(number)
        case .string(let text): "\"\(text.prefix(40))\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}
