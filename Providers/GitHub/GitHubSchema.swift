import PatchbaySDK

/// The objects a GitHub connection exposes, for discovery and field bindings. Their fields are
/// exactly those the actions return (see `GitHubShapes`), so a binding built from discovery
/// reads action output as it is.
enum GitHubSchema {
    static func schema(host: String) -> DiscoveredSchema {
        DiscoveredSchema(
            objects: [
                SchemaObject(name: "user", description: "An account on \(host): a person, an organization or a bot.", fields: [
                    SchemaField(name: "login", type: "string", description: "Username; unique.", primaryKey: true),
                    SchemaField(name: "id", type: "integer", description: "Numeric account id."),
                    SchemaField(name: "name", type: "string", nullable: true, description: "Display name."),
                    SchemaField(name: "email", type: "string", nullable: true, description: "Public email."),
                    SchemaField(name: "type", type: "string", description: "User, Organization or Bot."),
                    SchemaField(name: "html_url", type: "string", description: "Profile page."),
                ]),
                SchemaObject(name: "repository", description: "A repository on \(host).", fields: [
                    SchemaField(name: "id", type: "integer", description: "Numeric repository id."),
                    SchemaField(name: "name", type: "string", description: "Name without the owner."),
                    SchemaField(name: "full_name", type: "string", description: "owner/name; unique.", primaryKey: true),
                    SchemaField(name: "owner", type: "string", description: "Owner's login."),
                    SchemaField(name: "private", type: "boolean", description: "Private repository."),
                    SchemaField(name: "description", type: "string", nullable: true, description: "Short description."),
                    SchemaField(name: "default_branch", type: "string", description: "Default branch."),
                    SchemaField(name: "language", type: "string", nullable: true, description: "Main language."),
                    SchemaField(name: "archived", type: "boolean", description: "Archived (read-only)."),
                    SchemaField(name: "has_issues", type: "boolean", description: "Issues enabled."),
                    SchemaField(name: "open_issues_count", type: "integer", description: "Open issues and pull requests."),
                    SchemaField(name: "html_url", type: "string", description: "Web page."),
                    SchemaField(name: "pushed_at", type: "string", nullable: true, description: "Last push.", nativeType: "date-time"),
                ]),
                SchemaObject(name: "issue", description: "An issue in a repository.", fields: [
                    SchemaField(name: "id", type: "integer", description: "Global numeric id.", primaryKey: true),
                    SchemaField(name: "number", type: "integer", description: "Number within the repository."),
                    SchemaField(name: "repository", type: "string", nullable: true, description: "owner/name of the repository."),
                    SchemaField(name: "title", type: "string", description: "Title."),
                    SchemaField(name: "state", type: "string", description: "open or closed."),
                    SchemaField(name: "body", type: "string", nullable: true, description: "Markdown body."),
                    SchemaField(name: "user", type: "string", nullable: true, description: "Author's login."),
                    SchemaField(name: "labels", type: "array", description: "Label names."),
                    SchemaField(name: "assignees", type: "array", description: "Assignees' logins."),
                    SchemaField(name: "comments", type: "integer", description: "Number of comments."),
                    SchemaField(name: "is_pull_request", type: "boolean", description: "Whether the number is a pull request."),
                    SchemaField(name: "html_url", type: "string", description: "Web page."),
                    SchemaField(name: "created_at", type: "string", description: "Created.", nativeType: "date-time"),
                    SchemaField(name: "updated_at", type: "string", description: "Last updated.", nativeType: "date-time"),
                    SchemaField(name: "closed_at", type: "string", nullable: true, description: "Closed.", nativeType: "date-time"),
                ]),
                SchemaObject(name: "pull_request", description: "A pull request in a repository.", fields: [
                    SchemaField(name: "id", type: "integer", description: "Global numeric id.", primaryKey: true),
                    SchemaField(name: "number", type: "integer", description: "Number within the repository, shared with issues."),
                    SchemaField(name: "repository", type: "string", nullable: true, description: "owner/name of the base repository."),
                    SchemaField(name: "title", type: "string", description: "Title."),
                    SchemaField(name: "state", type: "string", description: "open or closed."),
                    SchemaField(name: "body", type: "string", nullable: true, description: "Markdown description."),
                    SchemaField(name: "user", type: "string", nullable: true, description: "Author's login."),
                    SchemaField(name: "head", type: "string", description: "Branch with the changes."),
                    SchemaField(name: "base", type: "string", description: "Branch to merge into."),
                    SchemaField(name: "draft", type: "boolean", description: "Draft."),
                    SchemaField(name: "merged", type: "boolean", description: "Merged."),
                    SchemaField(name: "merged_at", type: "string", nullable: true, description: "Merged.", nativeType: "date-time"),
                    SchemaField(name: "html_url", type: "string", description: "Web page."),
                    SchemaField(name: "created_at", type: "string", description: "Created.", nativeType: "date-time"),
                    SchemaField(name: "updated_at", type: "string", description: "Last updated.", nativeType: "date-time"),
                ]),
                SchemaObject(name: "comment", description: "A comment on an issue or pull request.", fields: [
                    SchemaField(name: "id", type: "integer", description: "Numeric comment id.", primaryKey: true),
                    SchemaField(name: "repository", type: "string", nullable: true, description: "owner/name of the repository."),
                    SchemaField(name: "issue_number", type: "integer", nullable: true, description: "Number commented on."),
                    SchemaField(name: "body", type: "string", description: "Markdown body."),
                    SchemaField(name: "user", type: "string", nullable: true, description: "Author's login."),
                    SchemaField(name: "html_url", type: "string", description: "Web page."),
                    SchemaField(name: "created_at", type: "string", description: "Created.", nativeType: "date-time"),
                ]),
            ],
            relationships: [
                SchemaRelationship(from: "repository", to: "user", cardinality: .manyToOne, fromFields: ["owner"], toFields: ["login"]),
                SchemaRelationship(from: "issue", to: "repository", cardinality: .manyToOne,
                                   fromFields: ["repository"], toFields: ["full_name"]),
                SchemaRelationship(from: "issue", to: "user", cardinality: .manyToOne, fromFields: ["user"], toFields: ["login"]),
                SchemaRelationship(from: "issue", to: "user", cardinality: .manyToMany, fromFields: ["assignees"], toFields: ["login"]),
                SchemaRelationship(from: "pull_request", to: "repository", cardinality: .manyToOne,
                                   fromFields: ["repository"], toFields: ["full_name"]),
                SchemaRelationship(from: "pull_request", to: "user", cardinality: .manyToOne, fromFields: ["user"], toFields: ["login"]),
                // A pull request is also an issue with the same number in the same repository.
                SchemaRelationship(from: "pull_request", to: "issue", cardinality: .oneToOne,
                                   fromFields: ["repository", "number"], toFields: ["repository", "number"]),
                SchemaRelationship(from: "comment", to: "issue", cardinality: .manyToOne,
                                   fromFields: ["repository", "issue_number"], toFields: ["repository", "number"]),
                SchemaRelationship(from: "comment", to: "user", cardinality: .manyToOne, fromFields: ["user"], toFields: ["login"]),
            ],
            operations: [
                SchemaOperation(object: "user", kind: .lookup, action: "get_current_user", description: "The token's own account."),
                SchemaOperation(object: "repository", kind: .list, action: "list_repositories", description: "Repositories the user can reach."),
                SchemaOperation(object: "issue", kind: .list, action: "list_issues", description: "Issues in a repository."),
                SchemaOperation(object: "issue", kind: .lookup, action: "get_issue", description: "One issue by number."),
                SchemaOperation(object: "issue", kind: .create, action: "create_issue", description: "Open an issue."),
                SchemaOperation(object: "pull_request", kind: .list, action: "list_pull_requests", description: "Pull requests in a repository."),
                SchemaOperation(object: "pull_request", kind: .create, action: "create_pull_request", description: "Open a pull request."),
                SchemaOperation(object: "comment", kind: .create, action: "add_comment", description: "Comment on an issue or pull request."),
            ])
    }
}
