import Foundation
import PatchbayWire

/// One request to the fake GitHub, parsed: the path below the API root, the query, the body
/// and who is calling.
struct GitHubCall: Sendable {
    var method: String
    /// Path segments below the API root, percent-decoded: `["repos", "octo", "widgets", "issues"]`.
    var segments: [String]
    var query: [String: String]
    var body: String
    /// The authenticated login; nil for an anonymous caller.
    var viewer: String?
    /// The API root as the caller reached it, e.g. `http://127.0.0.1:4010/github/api`, so
    /// that URLs in answers (pagination links included) point back at this fake.
    var api: String

    /// The login, or 401 `Requires authentication` for an anonymous caller.
    func requireViewer() throws -> String {
        guard let viewer else { throw GitHubAPIError.requiresAuthentication }
        return viewer
    }

    /// The body as a JSON object; GitHub answers 400 `Problems parsing JSON` otherwise.
    func jsonObject() throws -> [String: JSONValue] {
        if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return [:] }
        guard let value = try? WireCoding.decode(JSONValue.self, from: Data(body.utf8)), let object = value.objectValue else {
            throw GitHubAPIError.problemsParsingJSON
        }
        return object
    }

    /// `state` for the list endpoints: `open` (the default), `closed` or `all`.
    var stateFilter: String {
        let state = query["state"] ?? "open"
        return ["open", "closed", "all"].contains(state) ? state : "open"
    }

    /// Whether the `direction` query asks for ascending order, given the endpoint's default.
    func ascending(byDefault: Bool) -> Bool {
        switch query["direction"] {
        case "asc": return true
        case "desc": return false
        default: return byDefault
        }
    }
}
