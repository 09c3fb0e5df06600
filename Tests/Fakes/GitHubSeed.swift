/// What every `FakeGitHub` starts with: the user `octo-sandbox`, five repositories it can
/// reach (one owned by an organization, one with issues disabled, one archived), two it
/// cannot list, and issues, pull requests and comments in `octo-sandbox/widgets`.
enum GitHubSeed {
    static let viewer = "octo-sandbox"

    static let accounts: [GitHubAccount] = [
        GitHubAccount(login: viewer, id: 1001, name: "Octo Sandbox", email: "octo@sandbox.example",
                      company: "Acme Corp", createdAt: "2019-03-01T10:00:00Z"),
        GitHubAccount(login: "mona", id: 1002, name: "Mona Lisa Octocat", createdAt: "2015-06-11T09:30:00Z"),
        GitHubAccount(login: "hubot", id: 1003, name: "Hubot", createdAt: "2016-01-20T12:00:00Z"),
        GitHubAccount(login: "dependabot[bot]", id: 49_699_333, type: "Bot", createdAt: "2019-04-16T22:34:25Z"),
        GitHubAccount(login: "acme-corp", id: 2001, type: "Organization", name: "Acme Corp", createdAt: "2018-01-01T00:00:00Z"),
        GitHubAccount(login: "someone-else", id: 3001, name: "Someone Else", createdAt: "2020-02-02T02:02:02Z"),
    ]

    static let repositories: [GitHubRepository] = [
        GitHubRepository(id: 5001, owner: viewer, name: "widgets", description: "Widgets for every occasion",
                         language: "Swift", branches: ["main", "feature/csv", "fix/empty-input", "feature/dark-mode"],
                         members: ["mona", "hubot"], stars: 42,
                         createdAt: "2021-04-01T08:00:00Z", pushedAt: "2024-05-20T16:45:00Z"),
        GitHubRepository(id: 5002, owner: viewer, name: "gadgets", isPrivate: true, description: "Internal gadget prototypes",
                         language: "Rust", createdAt: "2022-09-12T14:00:00Z", pushedAt: "2024-04-02T09:15:00Z"),
        // Issues are turned off here: the issue endpoints answer 410 Gone.
        GitHubRepository(id: 5003, owner: viewer, name: "docs", description: "Documentation site",
                         language: "Markdown", hasIssues: false, createdAt: "2021-05-05T05:05:05Z", pushedAt: "2024-01-10T11:00:00Z"),
        GitHubRepository(id: 5004, owner: viewer, name: "archive-2019", description: nil, isArchived: true,
                         createdAt: "2019-03-02T10:00:00Z", pushedAt: "2019-12-31T23:59:00Z"),
        GitHubRepository(id: 5005, owner: "acme-corp", name: "platform", isPrivate: true, description: "The Acme platform",
                         language: "Go", branches: ["main", "develop"], members: [viewer, "mona"], stars: 7,
                         createdAt: "2020-07-07T07:07:07Z", pushedAt: "2024-05-21T08:30:00Z"),
        // Public but not the viewer's: reachable by name, absent from /user/repos.
        GitHubRepository(id: 5006, owner: "mona", name: "public-notes", description: "Mona's notes",
                         createdAt: "2018-08-08T08:08:08Z", pushedAt: "2023-08-08T08:08:08Z"),
        // Private and not shared: GitHub answers 404 rather than admit it exists.
        GitHubRepository(id: 5007, owner: "someone-else", name: "secret", isPrivate: true,
                         createdAt: "2020-02-03T00:00:00Z", pushedAt: "2020-02-04T00:00:00Z"),
    ]

    static let issues: [GitHubIssue] = [
        GitHubIssue(id: 9001, repository: "octo-sandbox/widgets", number: 1, title: "Crash on empty input",
                    body: "Passing an empty string to `Widget.parse` crashes.", user: "mona", labels: ["bug"],
                    assignees: [viewer], comments: 2, createdAt: "2024-05-01T09:00:00Z", updatedAt: "2024-05-02T10:00:00Z"),
        GitHubIssue(id: 9002, repository: "octo-sandbox/widgets", number: 2, title: "Add CSV export",
                    body: "Exports widgets as CSV.", user: viewer, labels: ["enhancement"],
                    createdAt: "2024-05-03T12:00:00Z", pull: GitHubPullDetails(head: "feature/csv", base: "main")),
        GitHubIssue(id: 9003, repository: "octo-sandbox/widgets", number: 3, title: "Document the config file",
                    body: nil, user: viewer, labels: ["documentation", "good first issue"],
                    createdAt: "2024-05-05T15:30:00Z"),
        GitHubIssue(id: 9004, repository: "octo-sandbox/widgets", number: 4, title: "Slow startup",
                    body: "Startup takes 4 s on a cold cache.", state: "closed", user: "hubot", labels: ["bug", "performance"],
                    comments: 1, createdAt: "2024-05-06T08:00:00Z", updatedAt: "2024-05-09T17:00:00Z",
                    closedAt: "2024-05-09T17:00:00Z"),
        GitHubIssue(id: 9005, repository: "octo-sandbox/widgets", number: 5, title: "Fix crash on empty input",
                    body: "Fixes #1.", state: "closed", user: "mona", labels: ["bug"],
                    createdAt: "2024-05-07T10:00:00Z", updatedAt: "2024-05-08T10:00:00Z", closedAt: "2024-05-08T10:00:00Z",
                    pull: GitHubPullDetails(head: "fix/empty-input", base: "main", mergedAt: "2024-05-08T10:00:00Z")),
        GitHubIssue(id: 9006, repository: "octo-sandbox/widgets", number: 6, title: "Support dark mode",
                    body: "Follow the system appearance.", user: "mona", labels: ["enhancement"],
                    createdAt: "2024-05-10T18:20:00Z"),
        GitHubIssue(id: 9007, repository: "octo-sandbox/widgets", number: 7, title: "Dark mode, first pass",
                    body: "Work in progress.", user: viewer, labels: ["enhancement"], createdAt: "2024-05-12T09:45:00Z",
                    pull: GitHubPullDetails(head: "feature/dark-mode", base: "main", isDraft: true)),
        GitHubIssue(id: 9101, repository: "acme-corp/platform", number: 1, title: "Rotate deploy credentials",
                    body: "Quarterly rotation.", user: "mona", labels: ["security"], assignees: [viewer],
                    createdAt: "2024-04-01T09:00:00Z"),
    ]

    static let comments: [GitHubComment] = [
        GitHubComment(id: 7001, repository: "octo-sandbox/widgets", issueNumber: 1, body: "I can reproduce this on 2.3.",
                      user: viewer, createdAt: "2024-05-01T11:00:00Z"),
        GitHubComment(id: 7002, repository: "octo-sandbox/widgets", issueNumber: 1, body: "Fix is up in #5.",
                      user: "mona", createdAt: "2024-05-02T10:00:00Z"),
        GitHubComment(id: 7003, repository: "octo-sandbox/widgets", issueNumber: 4, body: "Caching the index fixed it.",
                      user: "hubot", createdAt: "2024-05-09T17:00:00Z"),
    ]

    /// GitHub's default labels and their colours; any other name is created grey on first use.
    static let labelColors: [String: String] = [
        "bug": "d73a4a", "documentation": "0075ca", "duplicate": "cfd3d7", "enhancement": "a2eeef",
        "good first issue": "7057ff", "help wanted": "008672", "invalid": "e4e669", "question": "d876e3", "wontfix": "ffffff",
    ]
}
