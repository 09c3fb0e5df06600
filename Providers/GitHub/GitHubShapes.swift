import PatchbaySDK

/// Flattens GitHub's objects into the shapes the actions return and discovery describes:
/// nested users become logins, labels become names, and every declared field is present
/// (null when GitHub has no value), so agents can rely on the keys.
enum GitHubShapes {
    static func user(_ raw: JSONValue) -> JSONValue {
        [
            "login": raw["login"] ?? .null,
            "id": raw["id"] ?? .null,
            "name": value(raw["name"]),
            "email": value(raw["email"]),
            "type": raw["type"] ?? "User",
            "html_url": raw["html_url"] ?? .null,
        ]
    }

    static func repository(_ raw: JSONValue) -> JSONValue {
        [
            "id": raw["id"] ?? .null,
            "name": raw["name"] ?? .null,
            "full_name": raw["full_name"] ?? .null,
            "owner": raw["owner"]?["login"] ?? .null,
            "private": raw["private"] ?? false,
            "description": value(raw["description"]),
            "default_branch": raw["default_branch"] ?? .null,
            "language": value(raw["language"]),
            "archived": raw["archived"] ?? false,
            "has_issues": raw["has_issues"] ?? true,
            "open_issues_count": raw["open_issues_count"] ?? 0,
            "html_url": raw["html_url"] ?? .null,
            "pushed_at": value(raw["pushed_at"]),
        ]
    }

    static func issue(_ raw: JSONValue) -> JSONValue {
        [
            "id": raw["id"] ?? .null,
            "number": raw["number"] ?? .null,
            "repository": repositoryName(fromAPIURL: raw["repository_url"]?.stringValue, trailing: 0),
            "title": raw["title"] ?? .null,
            "state": raw["state"] ?? .null,
            "body": value(raw["body"]),
            // A deleted account leaves `user` null.
            "user": value(raw["user"]?["login"]),
            "labels": .array((raw["labels"]?.arrayValue ?? []).compactMap { $0["name"] ?? $0.stringValue.map(JSONValue.string) }),
            "assignees": .array((raw["assignees"]?.arrayValue ?? []).compactMap { $0["login"] }),
            "comments": raw["comments"] ?? 0,
            "is_pull_request": .bool(raw["pull_request"] != nil),
            "html_url": raw["html_url"] ?? .null,
            "created_at": raw["created_at"] ?? .null,
            "updated_at": raw["updated_at"] ?? .null,
            "closed_at": value(raw["closed_at"]),
        ]
    }

    static func pullRequest(_ raw: JSONValue) -> JSONValue {
        let mergedAt = value(raw["merged_at"])
        return [
            "id": raw["id"] ?? .null,
            "number": raw["number"] ?? .null,
            "repository": raw["base"]?["repo"]?["full_name"]
                ?? repositoryName(fromAPIURL: raw["url"]?.stringValue, trailing: 2),
            "title": raw["title"] ?? .null,
            "state": raw["state"] ?? .null,
            "body": value(raw["body"]),
            "user": value(raw["user"]?["login"]),
            "head": raw["head"]?["ref"] ?? .null,
            "base": raw["base"]?["ref"] ?? .null,
            "draft": raw["draft"] ?? false,
            "merged": .bool(!mergedAt.isNull),
            "merged_at": mergedAt,
            "html_url": raw["html_url"] ?? .null,
            "created_at": raw["created_at"] ?? .null,
            "updated_at": raw["updated_at"] ?? .null,
        ]
    }

    static func comment(_ raw: JSONValue) -> JSONValue {
        let issueURL = raw["issue_url"]?.stringValue
        return [
            "id": raw["id"] ?? .null,
            "repository": repositoryName(fromAPIURL: issueURL, trailing: 2),
            "issue_number": issueURL.flatMap { $0.split(separator: "/").last }.flatMap { Int64($0) }.map(JSONValue.integer) ?? .null,
            "body": raw["body"] ?? .null,
            "user": value(raw["user"]?["login"]),
            "html_url": raw["html_url"] ?? .null,
            "created_at": raw["created_at"] ?? .null,
        ]
    }

    /// `owner/name` from an API URL such as `…/repos/octo/widgets/issues/7`, where `trailing`
    /// is how many path components follow the repository name.
    private static func repositoryName(fromAPIURL url: String?, trailing: Int) -> JSONValue {
        guard let url else { return .null }
        let parts = url.split(separator: "/").dropLast(trailing)
        guard parts.count >= 3, parts.dropLast(2).last == "repos" else { return .null }
        return .string(parts.suffix(2).joined(separator: "/"))
    }

    private static func value(_ raw: JSONValue?) -> JSONValue { raw ?? .null }
}
