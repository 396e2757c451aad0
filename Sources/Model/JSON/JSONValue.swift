/// A parsed JSON value that remembers where it was written, so every problem found in a
/// seed file can name its line and column.
public struct JSONNode: Sendable {
    public indirect enum Value: Sendable {
        case null
        case bool(Bool)
        case number(Double, isInteger: Bool)
        case string(String)
        case array([JSONNode])
        case object(JSONObject)
    }

    public let value: Value
    public let line: Int
    public let column: Int

    /// A short name of the value's type for error messages ("a string", "an array").
    public var typeDescription: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// An object's members in the order written. Keys are unique (the parser rejects duplicates).
public struct JSONObject: Sendable {
    public struct Member: Sendable {
        public let key: String
        public let value: JSONNode
    }

    public let members: [Member]

    public init(members: [Member]) {
        self.members = members
    }

    public subscript(key: String) -> JSONNode? {
        members.first { $0.key == key }?.value
    }
}
