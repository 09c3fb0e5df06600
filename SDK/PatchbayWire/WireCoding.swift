public import Foundation

/// The one JSON configuration used for every message that crosses the plugin boundary,
/// so host and plugin agree byte for byte (sorted keys make payloads reproducible).
///
/// `JSONValue` itself, every `WireMessage` and arrays of them are read and written by `JSONParser` and
/// `JSONWriter` directly; other types go through Foundation's coders with the same rules.
public enum WireCoding {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static let decoder = JSONDecoder()

    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        if let json = value as? JSONValue {
            return try JSONWriter.write(json)
        }
        if let message = value as? any WireMessage {
            return try JSONWriter.write(message.wire)
        }
        if let list = value as? any WireMessageList {
            return try JSONWriter.write(list.wireList)
        }
        return try encoder.encode(value)
    }

    /// What `encode` writes for a call, without the call's `JSONValue` tree: the host encodes
    /// one on every plugin call.
    public static func encode(_ call: PluginCall) throws -> Data {
        try JSONWriter.write { try call.write(to: &$0) }
    }

    /// What `encode` writes for a `parse_webhook` result, without its `JSONValue` tree.
    public static func encode(_ events: [WebhookEvent]) throws -> Data {
        try JSONWriter.write { writer in
            try writer.array(events) { try $1.write(to: &$0) }
        }
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        if type == JSONValue.self {
            return try JSONParser.parse(data) as! T
        }
        if let message = type as? any WireMessage.Type {
            return try message.init(wire: JSONParser.parse(data)) as! T
        }
        if let list = type as? any WireMessageList.Type {
            return try list.init(wireList: JSONParser.parse(data)) as! T
        }
        return try decoder.decode(type, from: data)
    }

    /// What `decode` reads for a call, without its generic path's dynamic casts: a plugin reads
    /// one on every call, a webhook's whole body in it.
    public static func decode(_ type: PluginCall.Type, from data: Data) throws -> PluginCall {
        try PluginCall(wire: JSONParser.parse(data))
    }

    /// The member `name` of the one JSON object `data` holds, read by `decode`'s rules without
    /// building the rest of it; nil when the object has no such member. Throws when `data` is
    /// not JSON or not an object.
    public static func member(_ name: String, ofObject data: Data) throws -> JSONValue? {
        try JSONParser.member(name, ofObject: data)
    }

    /// Whether `data` is one JSON text that `decode` would read, checked without building it.
    public static func isJSON(_ data: Data) -> Bool {
        (try? JSONParser.validate(data)) != nil
    }
}

extension JSONValue {
    /// Re-reads a JSON value as a Codable type, for typed access to action input.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try WireCoding.decode(type, from: WireCoding.encode(self))
    }

    /// Converts a Codable value to its JSON value.
    public init<T: Encodable>(encoding value: T) throws {
        self = try WireCoding.decode(JSONValue.self, from: WireCoding.encode(value))
    }
}
