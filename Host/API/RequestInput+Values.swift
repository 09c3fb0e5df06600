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
