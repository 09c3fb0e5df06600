import PatchbaySDK

/// The output schemas of the actions' objects, matching `GitHubShapes`.
enum GitHubOutputSchemas {
    static func object(_ properties: [String: JSONValue]) -> JSONValue {
        ["type": "object", "required": .array(properties.keys.sorted().map(JSONValue.string)), "properties": .object(properties)]
    }

    static func field(_ type: String, _ description: String, nullable: Bool = false) -> JSONValue {
        ["type": nullable ? [.string(type), "null"] : .string(type), "description": .string(description)]
    }

    static func strings(_ description: String) -> JSONValue {
        ["type": "array", "items": ["type": "string"], "description": .string(description)]
    }

    static let user = object([
        "login": field("string", "Username, e.g. octocat."),
        "id": field("integer", "Numeric account id."),
        "name": field("string", "Display name, if set.", nullable: true),
        "email": field("string", "Public email, if visible to the token.", nullable: true),
        "type": field("string", "User, Organization or Bot."),
        "html_url": field("string", "Profile page."),
    ])

    static let repository = object([
        "id": field("integer", "Numeric repository id."),
        "name": field("string", "Repository name without the owner."),
        "full_name": field("string", "owner/name."),
        "owner": field("string", "Login of the owning user or organization."),
        "private": field("boolean", "Private repository."),
        "description": field("string", "Short description.", nullable: true),
        "default_branch": field("string", "Branch pull requests target by default, e.g. main."),
        "language": field("string", "Main language.", nullable: true),
        "archived": field("boolean", "Archived (read-only)."),
        "has_issues": field("boolean", "Whether issues are enabled."),
        "open_issues_count": field("integer", "Open issues plus open pull requests."),
        "html_url": field("string", "Web page."),
        "pushed_at": field("string", "Last push, ISO 8601.", nullable: true),
    ])

    static let issue = object([
        "id": field("integer", "Global numeric id."),
        "number": field("integer", "Number within the repository, as in #12."),
        "repository": field("string", "owner/name of the repository.", nullable: true),
        "title": field("string", "Title."),
        "state": field("string", "open or closed."),
        "body": field("string", "Markdown body.", nullable: true),
        "user": field("string", "Author's login; null for a deleted account.", nullable: true),
        "labels": strings("Label names."),
        "assignees": strings("Assignees' logins."),
        "comments": field("integer", "Number of comments."),
        "is_pull_request": field("boolean", "True when this number is a pull request."),
        "html_url": field("string", "Web page."),
        "created_at": field("string", "Created, ISO 8601."),
        "updated_at": field("string", "Last updated, ISO 8601."),
        "closed_at": field("string", "Closed, ISO 8601; null while open.", nullable: true),
    ])

    static let pullRequest = object([
        "id": field("integer", "Global numeric id."),
        "number": field("integer", "Number within the repository, shared with issues."),
        "repository": field("string", "owner/name of the base repository.", nullable: true),
        "title": field("string", "Title."),
        "state": field("string", "open or closed."),
        "body": field("string", "Markdown description.", nullable: true),
        "user": field("string", "Author's login; null for a deleted account.", nullable: true),
        "head": field("string", "Branch with the changes."),
        "base": field("string", "Branch the changes would merge into."),
        "draft": field("boolean", "Draft pull request."),
        "merged": field("boolean", "Whether it was merged."),
        "merged_at": field("string", "Merged, ISO 8601; null if not merged.", nullable: true),
        "html_url": field("string", "Web page."),
        "created_at": field("string", "Created, ISO 8601."),
        "updated_at": field("string", "Last updated, ISO 8601."),
    ])

    static let comment = object([
        "id": field("integer", "Numeric comment id."),
        "repository": field("string", "owner/name of the repository.", nullable: true),
        "issue_number": field("integer", "Number of the issue or pull request commented on.", nullable: true),
        "body": field("string", "Markdown body."),
        "user": field("string", "Author's login.", nullable: true),
        "html_url": field("string", "Web page, anchored at the comment."),
        "created_at": field("string", "Created, ISO 8601."),
    ])

    /// `{<key>: [items], next_page}` for the list actions.
    static func list(_ key: String, of item: JSONValue, _ description: String) -> JSONValue {
        [
            "type": "object",
            "required": [.string(key), "next_page"],
            "properties": [
                key: ["type": "array", "items": item, "description": .string(description)],
                "next_page": field("integer", "Pass as page (with the same per_page) to continue; null when there is no more.",
                                   nullable: true),
            ],
        ]
    }
}
