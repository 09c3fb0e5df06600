import Foundation

/// An in-memory GitHub behind a faithful REST API (version 2022-11-28): bearer or `token`
/// auth, GitHub's error bodies, page-number pagination with absolute `link` URLs and the
/// `x-ratelimit-*` headers, so a client that works here works against `https://api.github.com`.
/// Tests can also make it throttle or stall on demand.
// Unchecked: `lock` guards every mutable property, which the compiler cannot see.
public final class FakeGitHub: FakeUpstream, @unchecked Sendable {
    /// The classic personal access token of `octo-sandbox`, accepted from the start.
    public static let sandboxToken = "ghp_PatchbaySandbox0000000000000000000000"
    public static let viewerLogin = GitHubSeed.viewer
    /// The only API version this fake serves; any other in `X-GitHub-Api-Version` is refused.
    public static let apiVersion = "2022-11-28"

    public let apiPath = "api"

    let lock = NSLock()
    var tokens: [String: String] = [FakeGitHub.sandboxToken: GitHubSeed.viewer]
    var accountList: [GitHubAccount] = GitHubSeed.accounts
    var repositoryList: [GitHubRepository] = GitHubSeed.repositories
    var issueList: [GitHubIssue] = GitHubSeed.issues
    var commentList: [GitHubComment] = GitHubSeed.comments
    var log: [RecordedRequest] = []
    var faults = FakeFaults()
    /// What a throttled request answers: 429 (secondary limit) or 403 (primary limit spent).
    var throttleStatus = 429
    /// Requests used per caller (a login, or `anonymous`) in the current window.
    var rateUsed: [String: Int] = [:]
    let rateWindowReset = Int(Date().timeIntervalSince1970) + 3600
    var nextID = 20_000
    var requestSerial = 0

    public init() {}

    // MARK: Tokens

    /// Makes `token` a valid token for `login`.
    public func addToken(_ token: String, login: String = FakeGitHub.viewerLogin) {
        lock.withLock { tokens[token] = login }
    }

    /// Makes `token` invalid: calls with it answer 401 `Bad credentials` from now on.
    public func revokeToken(_ token: String) {
        lock.withLock { _ = tokens.removeValue(forKey: token) }
    }

    // MARK: Behaviour controls

    /// The next `count` requests are refused with `status` (429, or 403 as when the primary
    /// limit is spent), `x-ratelimit-remaining: 0`, a reset `retryAfter` seconds away and
    /// `Retry-After: retryAfter`.
    public func throttleNext(_ count: Int, retryAfter: Int, status: Int = 429) {
        lock.withLock {
            faults.throttle(count, retryAfter: retryAfter)
            throttleStatus = status
        }
    }

    /// The answers to the next `count` requests are held back `seconds` before being sent.
    public func delayNext(_ count: Int, seconds: Double) {
        lock.withLock { faults.delay(count, seconds: seconds) }
    }

    /// Drops any throttling and delays still queued.
    public func clearBehaviours() {
        lock.withLock { faults.clear() }
    }

    // MARK: What happened

    /// Every request received since the start or the last `reset()`, oldest first.
    public var requests: [RecordedRequest] {
        lock.withLock { log }
    }

    /// Forgets the recorded requests.
    public func reset() {
        lock.withLock { log.removeAll() }
    }

    public var accounts: [GitHubAccount] { lock.withLock { accountList } }
    public var repositories: [GitHubRepository] { lock.withLock { repositoryList } }
    /// Issues and pull requests, in the order they were created.
    public var issues: [GitHubIssue] { lock.withLock { issueList } }
    public var comments: [GitHubComment] { lock.withLock { commentList } }
}
