import Foundation
import HTTPTypes
import Hummingbird
import PatchbayWire

/// Checks what a client sent against the route's declared schemas, before its handler runs:
/// the same schemas `/openapi.json` publishes, so there is no second parser to drift from them.
enum RequestValidation {
    static let maxBodyBytes = 1 << 20

    /// The body as a JSON object that matches `schema`. Empty bodies read as `{}`. The request
    /// keeps the body it read, for a handler that passes the bytes on as they came.
    static func body(_ request: inout Request, schema: JSONValue, upTo limit: Int = maxBodyBytes) async throws -> [String: JSONValue] {
        let buffer = try await collectBody(&request, upTo: limit)
        let value: JSONValue
        if buffer.readableBytes == 0 {
            value = [:]
        } else {
            do {
                value = try WireCoding.decode(JSONValue.self, from: Data(buffer.readableBytesView))
            } catch {
                // The syntax error says where, and names a repeated member; it holds nothing but the caller's own text.
                let detail = (error as? JSONSyntaxError).map { ": \($0)" } ?? ""
                throw APIError(status: .badRequest, code: "malformed_json", message: "the body is not valid JSON\(detail)")
            }
        }
        guard let object = value.objectValue else {
            throw APIError(status: .badRequest, code: "validation_failed", message: "the body must be a JSON object")
        }
        try refuse(JSONSchema.violations(of: value, against: schema))
        return object
    }

    /// The whole body, up to `maxBodyBytes`; the request keeps it, to be read again.
    static func collectBody(_ request: inout Request, upTo limit: Int = maxBodyBytes) async throws -> ByteBuffer {
        do {
            return try await request.collectBody(upTo: limit)
        } catch {
            throw APIError(status: .contentTooLarge, code: "body_too_large", message: "the body exceeds \(limit) bytes")
        }
    }

    /// Every declared query and header parameter the request carries, read as its schema's type
    /// and checked against it; a required one that is missing is refused.
    static func parameters(_ request: Request, _ parameters: [Parameter]) throws {
        let query = request.uri.queryParameters
        for parameter in parameters {
            let value: String?
            switch parameter.location {
            case .query: value = query.get(parameter.name)
            case .header: value = HTTPField.Name(parameter.name).flatMap { request.headers[$0] }
            }
            guard let raw = value else {
                if parameter.required {
                    throw APIError(status: .badRequest, code: parameter.errorCode, message: "\(parameter.name) is required",
                                   field: parameter.name)
                }
                continue
            }
            try refuse(JSONSchema.violations(of: typed(raw, as: parameter.schema), against: parameter.schema, at: parameter.name),
                       code: parameter.errorCode)
        }
    }

    /// A query string value as the JSON value its schema expects; one that cannot be read as
    /// that type stays a string, which the schema then refuses with the type it wanted.
    private static func typed(_ raw: String, as schema: JSONValue) -> JSONValue {
        switch schema["type"]?.stringValue {
        case "integer": return Int64(raw).map(JSONValue.integer) ?? .string(raw)
        case "boolean": return raw == "true" ? true : raw == "false" ? false : .string(raw)
        default: return .string(raw)
        }
    }

    /// Names one violation: a field the route does not know first, since a typo also makes the
    /// field it was meant to be look missing, and the typo is what to fix.
    private static func refuse(_ violations: [SchemaViolation], code: String = "validation_failed") throws {
        guard let first = violations.first(where: \.isUnknownField) ?? violations.first else { return }
        throw APIError(status: .badRequest, code: code, message: first.description,
                       field: first.path.isEmpty ? nil : first.path)
    }
}
