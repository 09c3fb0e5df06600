import PatchbayWire

/// A GitHub REST error: the HTTP status and `{"message","documentation_url","status"}`, plus
/// `errors:[{resource,field,code}]` when validation failed.
struct GitHubAPIError: Error, Sendable {
    var status: Int
    var message: String
    var documentationURL: String
    var errors: [JSONValue] = []

    static let docs = "https://docs.github.com/rest"

    static func notFound(_ docsPath: String = "") -> GitHubAPIError {
        GitHubAPIError(status: 404, message: "Not Found", documentationURL: docs + docsPath)
    }

    static let requiresAuthentication = GitHubAPIError(status: 401, message: "Requires authentication",
                                                       documentationURL: docs + "/overview/authenticating-to-the-rest-api")
    static let badCredentials = GitHubAPIError(status: 401, message: "Bad credentials", documentationURL: docs)
    static let problemsParsingJSON = GitHubAPIError(status: 400, message: "Problems parsing JSON", documentationURL: docs)
    static let issuesDisabled = GitHubAPIError(status: 410, message: "Issues are disabled for this repo",
                                               documentationURL: "https://docs.github.com/v3/issues/")
    static let archived = GitHubAPIError(status: 403, message: "Repository was archived so is read-only.",
                                         documentationURL: docs + "/repos/repos")

    /// 422 with one entry per problem, as GitHub reports failed validation.
    static func validation(_ docsPath: String, _ errors: [JSONValue]) -> GitHubAPIError {
        GitHubAPIError(status: 422, message: "Validation Failed", documentationURL: docs + docsPath, errors: errors)
    }

    static func fieldError(_ resource: String, _ field: String, _ code: String, value: JSONValue? = nil) -> JSONValue {
        var entry: [String: JSONValue] = ["resource": .string(resource), "field": .string(field), "code": .string(code)]
        if let value { entry["value"] = value }
        return .object(entry)
    }

    var body: JSONValue {
        var object: [String: JSONValue] = [
            "message": .string(message),
            "documentation_url": .string(documentationURL),
            "status": .string(String(status)),
        ]
        if !errors.isEmpty { object["errors"] = .array(errors) }
        return .object(object)
    }
}
