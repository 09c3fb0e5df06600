/// A message that crosses the plugin boundary on every call, mapped to JSON by hand.
///
/// Foundation's coders reach each field through keyed containers and dynamic casts, which
/// cost more than the rest of a plugin call's bookkeeping together. A `WireMessage` is read
/// from and written as a `JSONValue` instead, which `JSONParser` and `JSONWriter` handle in one
/// pass. The mapping is the only one: the type's `Codable` conformance goes through it too,
/// so the two paths cannot disagree.
public protocol WireMessage: Codable {
    init(wire: JSONValue) throws
    var wire: JSONValue { get }
}

extension WireMessage {
    public init(from decoder: Decoder) throws {
        try self.init(wire: JSONValue(from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        try wire.encode(to: encoder)
    }
}

/// A wire message whose JSON does not have the shape its type needs.
public struct WireFormatError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public let field: String
    public let expected: String

    public var description: String { "\(message).\(field) must be \(expected)" }
}

/// The members of one wire message's JSON object, read by name with the type each must have.
/// Missing and `null` read the same for optional members, as Foundation's coders do.
struct WireFields {
    private let members: [String: JSONValue]
    private let message: String

    init(_ value: JSONValue, message: String) throws {
        guard case .object(let members) = value else {
            throw WireFormatError(message: message, field: "", expected: "an object")
        }
        self.members = members
        self.message = message
    }

    func string(_ key: String) throws -> String {
        guard let value = try optionalString(key) else { throw mismatch(key, "a string") }
        return value
    }

    func optionalString(_ key: String) throws -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw mismatch(key, "a string")
        }
    }

    func int(_ key: String) throws -> Int {
        guard let value = try optionalInt(key) else { throw mismatch(key, "an integer") }
        return value
    }

    func optionalInt(_ key: String) throws -> Int? {
        switch members[key] {
        case nil, .null?: return nil
        case let value?:
            guard let number = value.intValue else { throw mismatch(key, "an integer") }
            return number
        }
    }

    func optionalBool(_ key: String) throws -> Bool? {
        switch members[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        default: throw mismatch(key, "true or false")
        }
    }

    func optionalStringMap(_ key: String) throws -> [String: String]? {
        switch members[key] {
        case nil, .null?: return nil
        case .object(let object)?:
            var map: [String: String] = [:]
            map.reserveCapacity(object.count)
            for (name, value) in object {
                guard case .string(let text) = value else { throw mismatch("\(key).\(name)", "a string") }
                map[name] = text
            }
            return map
        default: throw mismatch(key, "an object of strings")
        }
    }

    func optionalValue(_ key: String) -> JSONValue? {
        switch members[key] {
        case nil, .null?: return nil
        case let value?: return value
        }
    }

    func optionalMessage<M: WireMessage>(_ key: String, _ type: M.Type) throws -> M? {
        switch members[key] {
        case nil, .null?: return nil
        case let value?: return try M(wire: value)
        }
    }

    private func mismatch(_ key: String, _ expected: String) -> WireFormatError {
        WireFormatError(message: message, field: key, expected: expected)
    }
}

/// Builds a wire message's JSON object, leaving out absent optional members as Foundation's
/// coders do.
struct WireObject {
    private(set) var members: [String: JSONValue] = [:]

    subscript(key: String) -> JSONValue? {
        get { members[key] }
        set { members[key] = newValue }
    }

    mutating func set(_ key: String, _ value: String?) {
        if let value { members[key] = .string(value) }
    }

    mutating func set(_ key: String, _ value: Int?) {
        if let value { members[key] = .integer(Int64(value)) }
    }

    mutating func set(_ key: String, _ map: [String: String]?) {
        if let map { members[key] = .object(map.mapValues(JSONValue.string)) }
    }

    mutating func set<M: WireMessage>(_ key: String, _ message: M?) {
        if let message { members[key] = message.wire }
    }

    var json: JSONValue { .object(members) }
}
