import Foundation

/// An in-memory Slack workspace behind a faithful Slack Web API: Slack's auth header,
/// envelope, errors, cursor pagination and rate limiting, so a client that works here works
/// against `https://slack.com/api`. Tests can also make it throttle, stall or fail on demand.
// Unchecked: `lock` guards every mutable property, which the compiler cannot see.
public final class FakeSlack: FakeUpstream, @unchecked Sendable {
    /// The bot token the sandbox workspace accepts from the start: short and plainly made up,
    /// so nothing shaped like a real Slack token is committed (the README and a benchmark use it).
    public static let sandboxToken = "xoxb-sandbox"
    public static let teamID = "T0SANDBOX"
    public static let teamName = "Sandbox Co"
    public static let workspaceURL = "https://sandbox-co.slack.com/"
    public static let botUserID = "U0BOT"
    public static let botUserName = "patchbay-bot"
    public static let botID = "B0BOT"
    public static let appID = "A0PATCHBAY"

    public let apiPath = "api"

    let lock = NSLock()
    var tokens: Set<String> = [FakeSlack.sandboxToken]
    var channelList: [SlackChannel] = SlackSeed.channels
    var userList: [SlackUser] = SlackSeed.users
    var posted: [PostedMessage] = []
    var log: [RecordedRequest] = []
    var faults = FakeFaults()
    var lastMessageMicros: Int64 = 0
    var requestSerial = 0

    public init() {}

    // MARK: Tokens

    /// Makes `token` a valid bot token for this workspace.
    public func addToken(_ token: String) {
        lock.withLock { _ = tokens.insert(token) }
    }

    /// Makes `token` invalid: calls with it answer `invalid_auth` from now on.
    public func revokeToken(_ token: String) {
        lock.withLock { _ = tokens.remove(token) }
    }

    // MARK: Behaviour controls

    /// The next `count` requests answer HTTP 429 with `Retry-After: retryAfter` and
    /// `{"ok":false,"error":"ratelimited"}`, as Slack does when a method's rate limit is hit.
    public func throttleNext(_ count: Int, retryAfter: Int) {
        lock.withLock { faults.throttle(count, retryAfter: retryAfter) }
    }

    /// The answers to the next `count` requests are held back `seconds` before being sent.
    public func delayNext(_ count: Int, seconds: Double) {
        lock.withLock { faults.delay(count, seconds: seconds) }
    }

    /// The answer to the next request not yet held waits until the test releases the gate
    /// returned, which also tells when that request has arrived.
    public func holdNext() -> FakeGate {
        let gate = FakeGate()
        lock.withLock { faults.hold(at: gate) }
        return gate
    }

    /// The next `count` requests answer HTTP 200 `{"ok":false,"error":error}`.
    public func failNext(_ count: Int, error: String) {
        lock.withLock { faults.fail(count, error: error) }
    }

    /// Drops any throttling, delays, holds and failures still queued.
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

    /// Every message accepted by `chat.postMessage`, oldest first.
    public var postedMessages: [PostedMessage] {
        lock.withLock { posted }
    }

    /// The workspace's channels, archived and private ones included.
    public var channels: [SlackChannel] {
        lock.withLock { channelList }
    }

    /// The workspace's users, bots and deactivated accounts included.
    public var users: [SlackUser] {
        lock.withLock { userList }
    }
}
