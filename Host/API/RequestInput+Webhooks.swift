import Hummingbird
import PatchbayWire

/// Reading the headers the webhook routes take.
extension RequestInput {
    /// Header names in lowercase (a field's canonical name is); repeated headers joined with
    /// commas. Sized once for every field, and a name hashed once unless it repeats.
    static func headers(_ request: Request) -> [String: String] {
        var headers: [String: String] = [:]
        headers.reserveCapacity(request.headers.count)
        for field in request.headers {
            let name = field.name.canonicalName, value = field.value
            if let earlier = headers.updateValue(value, forKey: name) { headers[name] = "\(earlier),\(value)" }
        }
        return headers
    }

    /// The scheme and authority the caller used to reach us, e.g. `http://127.0.0.1:8080`.
    static func base(_ request: Request) -> String? {
        guard let authority = request.head.authority, !authority.isEmpty else { return nil }
        return "http://\(authority)"
    }
}
