import Foundation
import MCP
import PatchbayWire

/// Crossing between the host's `JSONValue` and the MCP SDK's `Value`, through their JSON.
enum MCPValues {
    static func value(_ json: JSONValue) throws -> Value {
        try JSONDecoder().decode(Value.self, from: WireCoding.encode(json))
    }

    static func json(_ value: Value) throws -> JSONValue {
        try WireCoding.decode(JSONValue.self, from: JSONEncoder().encode(value))
    }
}
