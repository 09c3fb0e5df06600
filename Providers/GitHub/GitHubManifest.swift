public import PatchbaySDK

extension GitHubProvider {
    public static let manifest = Manifest(
        id: "github",
        name: "GitHub",
        version: "1.0.0",
        category: "developer",
        description: "Work with GitHub repositories, issues, pull requests and comments through the REST API, with a personal access token. Works with GitHub Enterprise Server too.",
        baseURL: "https://api.github.com",
        baseURLConfigField: "base_url",
        allowedHosts: ["api.github.com"],
        auth: .bearer("token"),
        credentials: [
            CredentialField(
                name: "token", label: "Personal access token",
                description: "A fine-grained (github_pat_…) or classic (ghp_…) personal access token, from Settings → Developer settings. It needs read access to issues and pull requests, and write access to open them or comment.",
                pattern: "^(github_pat_[A-Za-z0-9_]+|gh[opsu]_[A-Za-z0-9]+|[0-9a-f]{40})$"),
            CredentialField(
                name: "webhook_secret", label: "Webhook secret",
                description: "The secret set on the repository's or organization's webhook; needed only to receive events.",
                required: false),
        ],
        configSchema: [
            "type": "object",
            "properties": [
                "base_url": [
                    "type": "string", "pattern": "^https://[^/?#]+(/[^?#]*)?$",
                    "description": "GitHub Enterprise Server API root, e.g. https://github.acme.com/api/v3. Leave unset for github.com.",
                ],
                "default_owner": [
                    "type": "string", "pattern": .string(GitHubInputs.ownerPattern),
                    "description": "User or organization that packs' skills work in when they do not name one.",
                ],
                "default_repo": [
                    "type": "string", "pattern": .string(GitHubInputs.repoPattern),
                    "description": "Repository name that packs' skills work in when they do not name one.",
                ],
            ],
            "additionalProperties": false,
        ],
        // Whoever connects chooses the Enterprise URL, and the token goes with every request there.
        networkTargets: [NetworkTarget(field: "config.base_url", kind: .url)],
        actions: GitHubActionSpecs.all,
        packs: [
            PackSpec(
                id: "issue-triage", name: "Issue triage",
                description: "Review new issues in the team's repository, ask for details and file follow-ups.",
                skills: [
                    PackSkill(name: "list_open_issues", action: "list_issues",
                              description: "List the repository's open issues, newest first.",
                              presets: ["owner": "{{ default_owner }}", "repo": "{{ default_repo }}", "state": "open"]),
                    PackSkill(name: "list_unassigned_issues", action: "list_issues",
                              description: "List open issues nobody is assigned to.",
                              presets: ["owner": "{{ default_owner }}", "repo": "{{ default_repo }}", "state": "open",
                                        "assignee": "none"]),
                    PackSkill(name: "read_issue", action: "get_issue",
                              description: "Read one issue in full.",
                              presets: ["owner": "{{ default_owner }}", "repo": "{{ default_repo }}"]),
                    PackSkill(name: "reply_to_issue", action: "add_comment",
                              description: "Comment on an issue, e.g. to ask the reporter for steps to reproduce.",
                              presets: ["owner": "{{ default_owner }}", "repo": "{{ default_repo }}"]),
                    PackSkill(name: "file_issue", action: "create_issue",
                              description: "Open a follow-up issue.",
                              presets: ["owner": "{{ default_owner }}", "repo": "{{ default_repo }}"]),
                ]),
            PackSpec(
                id: "pr-helper", name: "Pull request helper",
                description: "Keep track of open pull requests, open draft ones and comment on reviews.",
                skills: [
                    PackSkill(name: "list_open_pull_requests", action: "list_pull_requests",
                              description: "List the repository's open pull requests.",
                              presets: ["owner": "{{ default_owner }}", "repo": "{{ default_repo }}", "state": "open"]),
                    PackSkill(name: "open_draft_pull_request", action: "create_pull_request",
                              description: "Open a draft pull request from a branch.",
                              presets: ["owner": "{{ default_owner }}", "repo": "{{ default_repo }}", "draft": true]),
                    PackSkill(name: "comment_on_pull_request", action: "add_comment",
                              description: "Comment on a pull request's conversation.",
                              presets: ["owner": "{{ default_owner }}", "repo": "{{ default_repo }}"]),
                ]),
        ],
        // The token answer is form-encoded unless asked for JSON; no PKCE. GitHub App user tokens
        // expire and come with a rotating refresh token; classic OAuth app tokens do not expire.
        // A token's hourly window; secondary limits answer 403 or 429 with Retry-After.
        rateLimits: RateLimitSpec(scope: .connection, throttleStatuses: [403, 429],
                                  window: .init(remainingHeader: "x-ratelimit-remaining", resetHeader: "x-ratelimit-reset")),
        oauth: OAuthSpec(
            authorizeURL: "https://github.com/login/oauth/authorize", tokenURL: "https://github.com/login/oauth/access_token",
            pkce: false, clientAuth: .body, credential: "token", refresh: true,
            defaultScopes: ["repo", "read:user"], promptValues: ["select_account"]),
        supportsDiscovery: true,
        webhooks: WebhookSpec(
            scheme: "github_sha256",
            verification: WebhookVerification(
                signatureHeader: "x-hub-signature-256", signaturePrefix: "sha256=",
                handshakes: [WebhookHandshake(header: "x-github-event", equals: "ping")]),
            testVector: WebhookTestVector(
                secret: "It's a Secret to Everybody",
                body: "Hello, World!",
                headers: ["x-hub-signature-256": "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"])))
}
