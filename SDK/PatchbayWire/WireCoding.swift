import Foundation

/// The one JSON configuration used for every message that crosses the plugin boundary,
/// so host and plugin agree byte for byte (sorted keys make payloads reproducible).
public enum WireCoding {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
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
