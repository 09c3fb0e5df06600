import Foundation

/// An in-memory Slack workspace behind a faithful Slack Web API: Slack's auth header,
/// envelope, errors, cursor pagination and rate limiting, so a client that works here works
/// against `https://slack.com/api`. Tests can also make it throttle, stall or fail on demand.
// Unchecked: `lock` guards every mutable property, which the compiler cannot see.
public final class FakeSlack: FakeProviderAPI, @unchecked Sendable {
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
    var channelList: [SlackChannel] = SlackSeed.channels
    var userList: [SlackUser] = SlackSeed.users
    var posted: [PostedMessage] = []
    var lastMessageMicros: Int64 = 0
    var requestSerial = 0

    /// Bot tokens, throttling, holds and failures (`{"ok":false,"error":"ratelimited"}` with
    /// `Retry-After` when throttled, as Slack answers when a method's rate limit is hit), and
    /// the requests received.
    public let controls = FakeControls<Void>(tokens: [FakeSlack.sandboxToken: ()])

    public init() {}

    /// The next `count` requests answer HTTP 200 `{"ok":false,"error":error}`.
    public func failNext(_ count: Int, error: String) {
        controls.fail(count, error: error)
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
