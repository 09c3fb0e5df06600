import Hummingbird
import PatchbayWire

/// Reading the fields and headers the webhook routes take.
extension RequestInput {
    /// A whole number in the query string within `range`, or nil when absent.
    static func integer(_ request: Request, _ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let raw = query(request, name) else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            throw APIError(status: .badRequest, code: "validation_failed",
                           message: "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)", field: name)
        }
        return value
    }

    /// A whole number in a JSON body within `range`, or nil when absent.
    static func integer(_ object: [String: JSONValue], _ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let number = value.intValue, range.contains(number) else {
            throw APIError(status: .badRequest, code: "validation_failed",
                           message: "\(key) must be an integer from \(range.lowerBound) to \(range.upperBound)", field: key)
        }
        return number
    }

    /// Header names in lowercase; repeated headers joined with commas.
    static func headers(_ request: Request) -> [String: String] {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0),\(field.value)" } ?? field.value
        }
        return headers
    }

    /// The scheme and authority the caller used to reach us, e.g. `http://127.0.0.1:8080`.
    static func base(_ request: Request) -> String? {
        guard let authority = request.head.authority, !authority.isEmpty else { return nil }
        return "http://\(authority)"
    }
}
