import Foundation
public import PatchbayClock

/// An in-memory GitHub behind a faithful REST API (version 2022-11-28): bearer or `token`
/// auth, GitHub's error bodies, page-number pagination with absolute `link` URLs and the
/// `x-ratelimit-*` headers, so a client that works here works against `https://api.github.com`.
/// Tests can also make it throttle or stall on demand.
// Unchecked: `lock` guards every mutable property, which the compiler cannot see.
public final class FakeGitHub: FakeProviderAPI, @unchecked Sendable {
    /// The classic personal access token of `octo-sandbox`, accepted from the start.
    public static let sandboxToken = "ghp_PatchbaySandbox0000000000000000000000"
    public static let viewerLogin = GitHubSeed.viewer
    /// The only API version this fake serves; any other in `X-GitHub-Api-Version` is refused.
    public static let apiVersion = "2022-11-28"

    public let apiPath = "api"

    let lock = NSLock()
    var accountList: [GitHubAccount] = GitHubSeed.accounts
    var repositoryList: [GitHubRepository] = GitHubSeed.repositories
    var issueList: [GitHubIssue] = GitHubSeed.issues
    var commentList: [GitHubComment] = GitHubSeed.comments
    /// Requests used per caller (a login, or `anonymous`) in the current window.
    var rateUsed: [String: Int] = [:]
    /// The Unix second the rate window resets at: an hour after the fake started.
    let rateWindowReset: Int
    var nextID = 20_000
    var requestSerial = 0

    /// Tokens with the login each belongs to, throttling (`x-ratelimit-remaining: 0`, a reset
    /// `retryAfter` seconds away and `Retry-After`) and holds, and the requests received.
    public let controls = FakeControls<String>(tokens: [FakeGitHub.sandboxToken: GitHubSeed.viewer])

    /// What rate windows are timed by.
    let clock: any HostClock

    public init(clock: any HostClock = SystemClock()) {
        self.clock = clock
        rateWindowReset = Int(clock.wallMillis / 1000) + 3600
    }

    // MARK: Tokens and behaviour controls

    /// Makes `token` a valid token for `login`.
    public func addToken(_ token: String, login: String = FakeGitHub.viewerLogin) {
        controls.addToken(token, grant: login)
    }

    /// The next `count` requests are refused with `status`: 429 as `throttleNext(_:retryAfter:)`
    /// does, or 403 as when the primary limit is spent.
    public func throttleNext(_ count: Int, retryAfter: Int, status: Int) {
        controls.throttle(count, retryAfter: retryAfter, status: status)
    }

    // MARK: What happened

    public var accounts: [GitHubAccount] { lock.withLock { accountList } }
    public var repositories: [GitHubRepository] { lock.withLock { repositoryList } }
    /// Issues and pull requests, in the order they were created.
    public var issues: [GitHubIssue] { lock.withLock { issueList } }
    public var comments: [GitHubComment] { lock.withLock { commentList } }
}
