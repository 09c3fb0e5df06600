import Hummingbird
import PatchbayWire

/// Reading the headers the webhook routes take.
extension RequestInput {
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
