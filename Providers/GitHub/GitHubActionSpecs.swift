import PatchbaySDK

/// The actions an agent can call.
enum GitHubActionSpecs {
    static let all = [getCurrentUser, listRepositories, listIssues, getIssue, createIssue,
                      listPullRequests, createPullRequest, addComment]

    static let getCurrentUser = ActionSpec(
        name: "get_current_user", title: "Who am I",
        description: "Return the GitHub account the connection's token belongs to. Use it to confirm the connection works or to learn your own login.",
        inputSchema: ["type": "object", "properties": [:], "additionalProperties": false],
        outputSchema: GitHubOutputSchemas.user,
        examples: [ActionExample(description: "Who am I", input: [:])])

    static let listRepositories = ActionSpec(
        name: "list_repositories", title: "List my repositories",
        description: "List repositories the token's user owns, collaborates on or reaches through an organization, following pages until `limit` are collected. Use it to find the owner and name of a repository.",
        inputSchema: [
            "type": "object",
            "additionalProperties": false,
            "properties": [
                "visibility": ["type": "string", "enum": ["all", "public", "private"],
                               "description": "Only public or only private repositories. Default: all."],
                "sort": ["type": "string", "enum": ["created", "updated", "pushed", "full_name"],
                         "description": "Order by. Default: full_name."],
                "direction": GitHubInputs.direction,
                "per_page": GitHubInputs.perPage,
                "page": GitHubInputs.page,
                "limit": GitHubInputs.limit,
            ],
        ],
        outputSchema: GitHubOutputSchemas.list("repositories", of: GitHubOutputSchemas.repository, "Repositories, in the order asked."),
        important: true,
        examples: [ActionExample(description: "Recently pushed", input: ["sort": "pushed", "limit": 10])])

    static let listIssues = ActionSpec(
        name: "list_issues", title: "List issues",
        description: "List issues in a repository, newest first, filtered by state, labels, assignee or author. Pull requests are left out (use list_pull_requests).",
        inputSchema: GitHubInputs.repositoryScoped([
            "state": GitHubInputs.state,
            "labels": ["type": "array", "uniqueItems": true,
                       "items": ["type": "string", "minLength": 1, "pattern": "^[^,]+$"],
                       "description": "Only issues carrying every one of these labels."],
            "assignee": ["type": "string", "pattern": "^([A-Za-z0-9-]{1,39}|\\*|none)$",
                         "description": "A login, none for unassigned issues, or * for any assigned issue."],
            "creator": ["type": "string", "pattern": .string(GitHubInputs.ownerPattern), "description": "Only issues opened by this login."],
            "sort": ["type": "string", "enum": ["created", "updated", "comments"], "description": "Order by. Default: created."],
            "direction": GitHubInputs.direction,
            "per_page": GitHubInputs.perPage,
            "page": GitHubInputs.page,
            "limit": GitHubInputs.limit,
        ]),
        outputSchema: GitHubOutputSchemas.list("issues", of: GitHubOutputSchemas.issue, "Issues, without pull requests."),
        important: true,
        examples: [ActionExample(description: "Open bugs", input: ["owner": "octo-sandbox", "repo": "widgets", "labels": ["bug"]])])

    static let getIssue = ActionSpec(
        name: "get_issue", title: "Get an issue",
        description: "Fetch one issue by number, with its body, labels and assignees. A pull request number works too and says is_pull_request: true.",
        inputSchema: GitHubInputs.repositoryScoped(["number": GitHubInputs.number], required: ["number"]),
        outputSchema: GitHubOutputSchemas.issue,
        important: true,
        examples: [ActionExample(description: "Issue #1", input: ["owner": "octo-sandbox", "repo": "widgets", "number": 1])])

    static let createIssue = ActionSpec(
        name: "create_issue", title: "Open an issue",
        description: "Open a new issue in a repository. Fails with issues_disabled when the repository has issues turned off, and validation_failed naming the field GitHub refused.",
        inputSchema: GitHubInputs.repositoryScoped([
            "title": ["type": "string", "minLength": 1, "maxLength": 256, "description": "Issue title."],
            "body": ["type": "string", "maxLength": 65536, "description": "Issue text in GitHub Markdown."],
            "labels": GitHubInputs.labelNames,
            "assignees": GitHubInputs.logins,
        ], required: ["title"]),
        outputSchema: GitHubOutputSchemas.issue,
        important: true, mutating: true,
        examples: [ActionExample(description: "Report a bug",
                                 input: ["owner": "octo-sandbox", "repo": "widgets", "title": "Export fails on empty list",
                                         "labels": ["bug"]])])

    static let listPullRequests = ActionSpec(
        name: "list_pull_requests", title: "List pull requests",
        description: "List pull requests in a repository, newest first, filtered by state, base branch or head branch.",
        inputSchema: GitHubInputs.repositoryScoped([
            "state": GitHubInputs.state,
            "base": ["type": "string", "minLength": 1, "description": "Only pull requests into this branch, e.g. main."],
            "head": ["type": "string", "pattern": "^[A-Za-z0-9-]{1,39}:.+$",
                     "description": "Only pull requests from this branch, written owner:branch."],
            "sort": ["type": "string", "enum": ["created", "updated", "popularity", "long-running"],
                     "description": "Order by. Default: created."],
            "direction": GitHubInputs.direction,
            "per_page": GitHubInputs.perPage,
            "page": GitHubInputs.page,
            "limit": GitHubInputs.limit,
        ]),
        outputSchema: GitHubOutputSchemas.list("pull_requests", of: GitHubOutputSchemas.pullRequest, "Pull requests."),
        important: true,
        examples: [ActionExample(description: "Open pull requests", input: ["owner": "octo-sandbox", "repo": "widgets"])])

    static let createPullRequest = ActionSpec(
        name: "create_pull_request", title: "Open a pull request",
        description: "Open a pull request from a head branch into a base branch. Fails with validation_failed when a branch does not exist, they have no difference, or one is already open for the head.",
        inputSchema: GitHubInputs.repositoryScoped([
            "title": ["type": "string", "minLength": 1, "maxLength": 256, "description": "Pull request title."],
            "head": ["type": "string", "minLength": 1,
                     "description": "Branch with the changes, or owner:branch for a branch in a fork."],
            "base": ["type": "string", "minLength": 1, "description": "Branch to merge into, usually the default branch."],
            "body": ["type": "string", "maxLength": 65536, "description": "Description in GitHub Markdown."],
            "draft": ["type": "boolean", "description": "Open as a draft. Default: false."],
        ], required: ["title", "head", "base"]),
        outputSchema: GitHubOutputSchemas.pullRequest,
        mutating: true,
        examples: [ActionExample(description: "Propose a fix",
                                 input: ["owner": "octo-sandbox", "repo": "widgets", "title": "Fix empty export",
                                         "head": "fix/empty-input", "base": "main", "draft": true])])

    static let addComment = ActionSpec(
        name: "add_comment", title: "Comment on an issue or pull request",
        description: "Add a comment to an issue or a pull request's conversation.",
        inputSchema: GitHubInputs.repositoryScoped([
            "number": GitHubInputs.number,
            "body": ["type": "string", "minLength": 1, "maxLength": 65536, "description": "Comment text in GitHub Markdown."],
        ], required: ["number", "body"]),
        outputSchema: GitHubOutputSchemas.comment,
        important: true, mutating: true,
        examples: [ActionExample(description: "Acknowledge a report",
                                 input: ["owner": "octo-sandbox", "repo": "widgets", "number": 1, "body": "Thanks, looking into it."])])
}
