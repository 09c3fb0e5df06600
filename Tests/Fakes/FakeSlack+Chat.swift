import Foundation
import PatchbayWire

extension FakeSlack {
    /// Slack refuses message text longer than this.
    static let maximumTextLength = 40_000

    /// `chat.postMessage`: posts as the bot user to a channel given by id or name.
    /// Called with the lock held.
    func postMessage(_ arguments: SlackArguments) throws -> [String: JSONValue] {
        guard let reference = arguments.string("channel"), !reference.isEmpty,
              let channel = findChannel(reference),
              !channel.isPrivate || channel.isMember
        else {
            throw SlackAPIError("channel_not_found")
        }
        if channel.isArchived { throw SlackAPIError("is_archived") }
        if !channel.isMember { throw SlackAPIError("not_in_channel") }

        let text = arguments.string("text") ?? ""
        let blocks = try SlackBlockValidator.blocks(arguments["blocks"])
        let attachments = try SlackBlockValidator.attachments(arguments["attachments"])
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && blocks == nil && attachments == nil {
            throw SlackAPIError("no_text")
        }
        if text.count > Self.maximumTextLength { throw SlackAPIError("msg_too_long") }

        var threadTS = arguments.string("thread_ts")
        if threadTS?.isEmpty == true { threadTS = nil }
        let ts = nextTimestamp()
        posted.append(PostedMessage(channel: channel.id, text: text, ts: ts, threadTS: threadTS, blocks: blocks))

        var message: [String: JSONValue] = [
            "type": "message",
            "text": .string(text),
            "user": .string(Self.botUserID),
            "ts": .string(ts),
            "bot_id": .string(Self.botID),
            "app_id": .string(Self.appID),
            "team": .string(Self.teamID),
        ]
        if let blocks { message["blocks"] = .array(blocks) }
        if let attachments { message["attachments"] = .array(attachments) }
        if let threadTS {
            message["thread_ts"] = .string(threadTS)
            message["parent_user_id"] = .string(Self.botUserID)
        }
        return ["channel": .string(channel.id), "ts": .string(ts), "message": .object(message)]
    }

    /// A message timestamp `<unix seconds>.<6 digits>`, strictly later than the last one, as
    /// Slack's ts values are unique within a channel. Called with the lock held.
    func nextTimestamp() -> String {
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        lastMessageMicros = max(now, lastMessageMicros + 1)
        let seconds = lastMessageMicros / 1_000_000
        let micros = lastMessageMicros % 1_000_000
        return "\(seconds)." + String(repeating: "0", count: 6 - String(micros).count) + String(micros)
    }
}
