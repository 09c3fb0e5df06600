import Foundation
import PatchbayWire

extension FakeGitHub {
    static let issuesDocs = "/issues/issues"

    /// `GET /repos/{owner}/{repo}/issues`: issues and pull requests (marked by `pull_request`),
    /// filtered by `state`, `labels` (comma-separated, all must match), `assignee`, `creator`,
    /// newest first unless `sort`/`direction` say otherwise. Called with the lock held.
    func listIssues(_ call: GitHubCall, _ repository: GitHubRepository) throws -> GitHubReply {
        guard repository.hasIssues else { throw GitHubAPIError.issuesDisabled }
        let state = call.stateFilter
        let labels = (call.query["labels"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var issues = issueList.filter { issue in
            guard issue.repository == repository.fullName, state == "all" || issue.state == state else { return false }
            let own = Set(issue.labels.map { $0.lowercased() })
            guard labels.allSatisfy(own.contains) else { return false }
            switch call.query["assignee"] {
            case nil, "*"?: break
            case "none"?: if !issue.assignees.isEmpty { return false }
            case let login?: if !issue.assignees.contains(login) { return false }
            }
            if let creator = call.query["creator"], issue.user != creator { return false }
            return true
        }
        let key: (GitHubIssue) -> String
        switch call.query["sort"] {
        case "updated"?: key = \.updatedAt
        case "comments"?: key = { String(format: "%08d", $0.comments) + $0.createdAt }
        default: key = \.createdAt
        }
        let ascending = call.ascending(byDefault: false)
        issues.sort { ascending ? key($0) < key($1) : key($0) > key($1) }
        let page = GitHubPagination(query: call.query).slice(issues, call: call)
        let accounts = accountJSON(call.api)
        return .ok(.array(page.items.map { $0.issueJSON(api: call.api, accounts: accounts) }), link: page.link)
    }

    /// `GET /repos/{owner}/{repo}/issues/{number}`: an issue, or a pull request seen as one.
    func getIssue(_ call: GitHubCall, _ repository: GitHubRepository, number: String) throws -> GitHubReply {
        guard repository.hasIssues else { throw GitHubAPIError.issuesDisabled }
        let issue = try findIssue(repository, number)
        return .ok(issue.issueJSON(api: call.api, accounts: accountJSON(call.api)))
    }

    /// `POST /repos/{owner}/{repo}/issues`: `title` is required (a string or a number), `body`,
    /// `labels` (names; new ones are created) and `assignees` (logins with access) are optional.
    /// Answers 201 with the issue and a `Location` header. Called with the lock held.
    func createIssue(_ call: GitHubCall, _ repository: GitHubRepository) throws -> GitHubReply {
        let login = try call.requireViewer()
        guard repository.hasIssues else { throw GitHubAPIError.issuesDisabled }
        guard !repository.isArchived else { throw GitHubAPIError.archived }
        let object = try call.jsonObject()
        let docs = Self.issuesDocs + "#create-an-issue"
        var title: String?
        switch object["title"] {
        case .string(let text)?: title = text
        case .integer(let number)?: title = String(number)
        case nil, .null?: title = nil
        default: throw GitHubAPIError.validation(docs, [GitHubAPIError.fieldError("Issue", "title", "invalid")])
        }
        guard let title, !title.isEmpty else {
            throw GitHubAPIError.validation(docs, [GitHubAPIError.fieldError("Issue", "title", "missing_field")])
        }
        let labels = try names(object["labels"], resource: "Issue", field: "labels", docs: docs)
        let assignees = try names(object["assignees"], resource: "Issue", field: "assignees", docs: docs)
        let problems = assignees.filter { !canAccess($0, repository) }
            .map { GitHubAPIError.fieldError("Issue", "assignees", "invalid", value: .string($0)) }
        guard problems.isEmpty else { throw GitHubAPIError.validation(docs, problems) }
        let issue = GitHubIssue(
            id: makeID(), repository: repository.fullName, number: nextNumber(in: repository), title: title,
            body: object["body"]?.stringValue, user: login, labels: labels, assignees: assignees, createdAt: Self.now())
        issueList.append(issue)
        return .created(issue.issueJSON(api: call.api, accounts: accountJSON(call.api)))
    }

    /// `GET /repos/{owner}/{repo}/issues/{number}/comments`, oldest first.
    func listComments(_ call: GitHubCall, _ repository: GitHubRepository, number: String) throws -> GitHubReply {
        let issue = try findIssue(repository, number)
        let comments = commentList.filter { $0.repository == repository.fullName && $0.issueNumber == issue.number }
        let page = GitHubPagination(query: call.query).slice(comments, call: call)
        let accounts = accountJSON(call.api)
        return .ok(.array(page.items.map { $0.json(api: call.api, accounts: accounts) }), link: page.link)
    }

    /// `POST /repos/{owner}/{repo}/issues/{number}/comments`: `body` is required. Works on
    /// pull requests too. Answers 201. Called with the lock held.
    func createComment(_ call: GitHubCall, _ repository: GitHubRepository, number: String) throws -> GitHubReply {
        let login = try call.requireViewer()
        guard !repository.isArchived else { throw GitHubAPIError.archived }
        let issue = try findIssue(repository, number)
        let object = try call.jsonObject()
        guard let body = object["body"]?.stringValue, !body.isEmpty else {
            throw GitHubAPIError.validation("/issues/comments#create-an-issue-comment",
                                            [GitHubAPIError.fieldError("IssueComment", "body", "missing_field")])
        }
        let comment = GitHubComment(id: makeID(), repository: repository.fullName, issueNumber: issue.number,
                                    body: body, user: login, createdAt: Self.now())
        commentList.append(comment)
        if let index = issueList.firstIndex(where: { $0.id == issue.id }) {
            issueList[index].comments += 1
            issueList[index].updatedAt = comment.createdAt
        }
        return .created(comment.json(api: call.api, accounts: accountJSON(call.api)))
    }

    func findIssue(_ repository: GitHubRepository, _ number: String) throws -> GitHubIssue {
        guard let number = Int(number),
              let issue = issueList.first(where: { $0.repository == repository.fullName && $0.number == number })
        else { throw GitHubAPIError.notFound(Self.issuesDocs + "#get-an-issue") }
        return issue
    }

    /// Issues and pull requests share one number sequence per repository.
    func nextNumber(in repository: GitHubRepository) -> Int {
        (issueList.filter { $0.repository == repository.fullName }.map(\.number).max() ?? 0) + 1
    }

    func canAccess(_ login: String, _ repository: GitHubRepository) -> Bool {
        login == repository.owner || repository.members.contains(login)
    }

    /// An optional array of strings, as `labels` and `assignees` take.
    private func names(_ value: JSONValue?, resource: String, field: String, docs: String) throws -> [String] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
            throw GitHubAPIError.validation(docs, [GitHubAPIError.fieldError(resource, field, "invalid")])
        }
        return items.compactMap(\.stringValue)
    }
}
