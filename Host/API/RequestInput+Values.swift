import Foundation
import Hummingbird
import PatchbayStore
import PatchbayWire

/// Booleans, integers and required strings from a body, with the same precise 400s.
extension RequestInput {
    static func bool(_ object: [String: JSONValue], _ key: String) throws -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        guard case .bool(let flag) = value else {
            throw APIError(status: .badRequest, code: "validation_failed", message: "\(key) must be true or false", field: key)
        }
        return flag
    }

    static func integer(_ object: [String: JSONValue], _ key: String) throws -> Int? {
        guard let value = object[key], !value.isNull else { return nil }
        guard case .integer(let number) = value, let result = Int(exactly: number) else {
            throw APIError(status: .badRequest, code: "validation_failed", message: "\(key) must be an integer", field: key)
        }
        return result
    }

    /// A required string field.
    static func requiredString(_ object: [String: JSONValue], _ key: String) throws -> String {
        guard let value = try string(object, key), !value.isEmpty else {
            throw APIError(status: .badRequest, code: "validation_failed", message: "\(key) is required", field: key)
        }
        return value
    }
}

extension RequestInput {
    private static let timestampStyles = [Date.ISO8601FormatStyle(includingFractionalSeconds: true), Date.ISO8601FormatStyle()]

    /// An RFC 3339 timestamp from the query string (`2026-01-31T12:00:00Z`), as milliseconds.
    static func time(_ request: Request, _ name: String) throws -> Millis? {
        guard let raw = query(request, name) else { return nil }
        guard let date = timestampStyles.lazy.compactMap({ try? Date(raw, strategy: $0) }).first else {
            throw APIError(status: .badRequest, code: "validation_failed",
                           message: "\(name) must be an RFC 3339 timestamp such as 2026-01-31T12:00:00Z", field: name)
        }
        return Millis((date.timeIntervalSince1970 * 1000).rounded())
    }
}
