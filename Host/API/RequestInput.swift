import Foundation
import Hummingbird
import PatchbayStore
import PatchbayWire

/// Reading what a client sent, with a precise 400 for each way it can be wrong.
enum RequestInput {
    static let maxBodyBytes = 1 << 20

    /// The body as a JSON object. Empty bodies read as `{}`.
    static func object(_ request: Request, upTo limit: Int = maxBodyBytes) async throws -> [String: JSONValue] {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw APIError(status: .contentTooLarge, code: "body_too_large", message: "the body exceeds \(limit) bytes")
        }
        if buffer.readableBytes == 0 { return [:] }
        let value: JSONValue
        do {
            value = try WireCoding.decode(JSONValue.self, from: Data(buffer.readableBytesView))
        } catch {
            // The syntax error says where, and names a repeated member; it holds nothing but the caller's own text.
            let detail = (error as? JSONSyntaxError).map { ": \($0)" } ?? ""
            throw APIError(status: .badRequest, code: "malformed_json", message: "the body is not valid JSON\(detail)")
        }
        guard let object = value.objectValue else {
            throw APIError(status: .badRequest, code: "validation_failed", message: "the body must be a JSON object")
        }
        return object
    }

    static func string(_ object: [String: JSONValue], _ key: String) throws -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let string = value.stringValue else {
            throw APIError(status: .badRequest, code: "validation_failed", message: "\(key) must be a string", field: key)
        }
        return string
    }

    static func objectField(_ object: [String: JSONValue], _ key: String) throws -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        guard value.objectValue != nil else {
            throw APIError(status: .badRequest, code: "validation_failed", message: "\(key) must be an object", field: key)
        }
        return value
    }

    static func strings(_ object: [String: JSONValue], _ key: String) throws -> [String]? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let array = value.arrayValue else {
            throw APIError(status: .badRequest, code: "validation_failed", message: "\(key) must be an array of strings", field: key)
        }
        return try array.enumerated().map { index, item in
            guard let string = item.stringValue else {
                throw APIError(status: .badRequest, code: "validation_failed", message: "\(key)[\(index)] must be a string",
                               field: "\(key)[\(index)]")
            }
            return string
        }
    }

    /// Refuses fields the endpoint does not know, so a typo is an error rather than ignored.
    static func onlyKnown(_ object: [String: JSONValue], _ known: Set<String>) throws {
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw APIError(status: .badRequest, code: "validation_failed",
                           message: "unknown field \(unknown); expected \(known.sorted().joined(separator: ", "))", field: unknown)
        }
    }

    /// `limit` and `cursor` from the query string.
    static func page(_ request: Request, defaultLimit: Int = 50, maxLimit: Int = 200) throws -> PageRequest {
        let query = request.uri.queryParameters
        var limit = defaultLimit
        if let raw = query.get("limit") {
            guard let parsed = Int(raw), (1...maxLimit).contains(parsed) else {
                throw APIError(status: .badRequest, code: "validation_failed",
                               message: "limit must be an integer from 1 to \(maxLimit)", field: "limit")
            }
            limit = parsed
        }
        var after: PageCursor?
        if let raw = query.get("cursor"), !raw.isEmpty {
            guard let cursor = PageCursor(encoded: raw) else {
                throw APIError(status: .badRequest, code: "invalid_cursor", message: "cursor is not one this API issued", field: "cursor")
            }
            after = cursor
        }
        return PageRequest(limit: limit, after: after)
    }

    /// An enum-valued query filter, naming the allowed values when it is wrong.
    static func filter<T: RawRepresentable & CaseIterable>(_ request: Request, _ name: String, as type: T.Type) throws -> T?
    where T.RawValue == String {
        guard let raw = request.uri.queryParameters.get(name), !raw.isEmpty else { return nil }
        guard let value = T(rawValue: raw) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError(status: .badRequest, code: "validation_failed", message: "\(name) must be one of \(allowed)", field: name)
        }
        return value
    }

    static func query(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }
}
