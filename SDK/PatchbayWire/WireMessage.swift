public import Foundation

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
    public init(from decoder: any Decoder) throws {
        try self.init(wire: JSONValue(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try wire.encode(to: encoder)
    }
}

/// An array of wire messages, read and written through the same mapping as its elements.
public protocol WireMessageList {
    init(wireList: JSONValue) throws
    var wireList: JSONValue { get }
}

extension Array: WireMessageList where Element: WireMessage {
    public init(wireList: JSONValue) throws {
        guard case .array(let items) = wireList else {
            throw WireFormatError(message: "[\(Element.self)]", field: "", expected: "an array")
        }
        self = try items.map(Element.init(wire:))
    }

    // A closure, not `map(\.wire)`: in this generic context the key path is built anew on every call.
    public var wireList: JSONValue { .array(map { $0.wire }) }
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
public struct WireFields {
    private let members: [String: JSONValue]
    private let message: String

    public init(_ value: JSONValue, message: String) throws {
        guard case .object(let members) = value else {
            throw WireFormatError(message: message, field: "", expected: "an object")
        }
        self.members = members
        self.message = message
    }

    public func string(_ key: String) throws -> String {
        guard let value = try optionalString(key) else { throw mismatch(key, "a string") }
        return value
    }

    public func optionalString(_ key: String) throws -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw mismatch(key, "a string")
        }
    }

    /// Bytes sent as standard base64 text.
    public func optionalBase64(_ key: String) throws -> Data? {
        guard let text = try optionalString(key) else { return nil }
        guard let bytes = Data(base64Encoded: text) else { throw mismatch(key, "base64 text") }
        return bytes
    }

    public func int(_ key: String) throws -> Int {
        guard let value = try optionalInt(key) else { throw mismatch(key, "an integer") }
        return value
    }

    public func optionalInt(_ key: String) throws -> Int? {
        switch members[key] {
        case nil, .null?: return nil
        case let value?:
            guard let number = value.intValue else { throw mismatch(key, "an integer") }
            return number
        }
    }

    public func bool(_ key: String) throws -> Bool {
        guard let value = try optionalBool(key) else { throw mismatch(key, "true or false") }
        return value
    }

    public func optionalBool(_ key: String) throws -> Bool? {
        switch members[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        default: throw mismatch(key, "true or false")
        }
    }

    public func optionalStringMap(_ key: String) throws -> [String: String]? {
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

    public func value(_ key: String) throws -> JSONValue {
        guard let value = members[key] else { throw mismatch(key, "present") }
        return value
    }

    public func object(_ key: String) throws -> [String: JSONValue] {
        guard case .object(let object)? = members[key] else { throw mismatch(key, "an object") }
        return object
    }

    public func optionalValue(_ key: String) -> JSONValue? {
        switch members[key] {
        case nil, .null?: return nil
        case let value?: return value
        }
    }

    public func optionalMessage<M: WireMessage>(_ key: String, _ type: M.Type) throws -> M? {
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
public struct WireObject {
    public private(set) var members: [String: JSONValue] = [:]

    public init() {}

    public subscript(key: String) -> JSONValue? {
        get { members[key] }
        set { members[key] = newValue }
    }

    public mutating func set(_ key: String, _ value: String?) {
        if let value { members[key] = .string(value) }
    }

    public mutating func set(_ key: String, _ value: Int?) {
        if let value { members[key] = .integer(Int64(value)) }
    }

    /// Bytes as standard base64 text.
    public mutating func set(_ key: String, _ bytes: Data?) {
        if let bytes { members[key] = .string(bytes.base64EncodedString()) }
    }

    public mutating func set(_ key: String, _ map: [String: String]?) {
        if let map { members[key] = .object(map.mapValues(JSONValue.string)) }
    }

    mutating func set<M: WireMessage>(_ key: String, _ message: M?) {
        if let message { members[key] = message.wire }
    }

    public var json: JSONValue { .object(members) }
}
