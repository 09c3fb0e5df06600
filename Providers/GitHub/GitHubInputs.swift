import PatchbaySDK

/// Input properties shared by several actions.
enum GitHubInputs {
    /// GitHub logins: letters, digits and single hyphens, at most 39 characters.
    static let ownerPattern = "^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$"
    /// Repository names: letters, digits, `.`, `-` and `_`, at most 100 characters.
    static let repoPattern = "^[A-Za-z0-9._-]{1,100}$"

    static let owner: JSONValue = [
        "type": "string", "pattern": .string(ownerPattern),
        "description": "Login of the user or organization that owns the repository, e.g. octocat.",
    ]
    static let repo: JSONValue = [
        "type": "string", "pattern": .string(repoPattern),
        "description": "Repository name without the owner, e.g. hello-world.",
    ]
    static let number: JSONValue = [
        "type": "integer", "minimum": 1,
        "description": "Issue or pull request number, as in #12.",
    ]
    static let state: JSONValue = [
        "type": "string", "enum": ["open", "closed", "all"],
        "description": "Which to list by state. Default: open.",
    ]
    static let perPage: JSONValue = [
        "type": "integer", "minimum": 1, "maximum": 100,
        "description": "Items per request to GitHub (at most 100). Keep it the same when continuing with page. Default: 100.",
    ]
    static let page: JSONValue = [
        "type": "integer", "minimum": 1,
        "description": "Page to start from: next_page from an earlier call. Default: 1.",
    ]
    static let limit: JSONValue = [
        "type": "integer", "minimum": 1, "maximum": 1000,
        "description": "Most items to return across pages. Default: 100.",
    ]
    static let direction: JSONValue = [
        "type": "string", "enum": ["asc", "desc"],
        "description": "Sort order. Default: desc (asc when sorting repositories by full_name).",
    ]
    static let logins: JSONValue = [
        "type": "array", "uniqueItems": true, "maxItems": 10,
        "items": ["type": "string", "pattern": .string(ownerPattern)],
        "description": "Logins of people to assign; they need access to the repository.",
    ]
    static let labelNames: JSONValue = [
        "type": "array", "uniqueItems": true,
        "items": ["type": "string", "minLength": 1, "maxLength": 50, "pattern": "^[^,]+$"],
        "description": "Label names, e.g. [\"bug\"]. Labels that do not exist yet are created.",
    ]

    /// An object schema with `owner` and `repo` required besides `required`.
    static func repositoryScoped(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var all = properties
        all["owner"] = owner
        all["repo"] = repo
        return [
            "type": "object",
            "required": .array((["owner", "repo"] + required).map(JSONValue.string)),
            "additionalProperties": false,
            "properties": .object(all),
        ]
    }
}
