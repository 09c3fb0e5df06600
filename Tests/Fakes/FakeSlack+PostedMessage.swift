public import PatchbayWire

extension FakeSlack {
    /// A message the fake accepted through `chat.postMessage`.
    public struct PostedMessage: Sendable, Equatable {
        /// The channel id, even when the caller named the channel.
        public var channel: String
        /// The `text` argument as sent; empty when the message had only blocks or attachments.
        public var text: String
        public var ts: String
        /// The parent message's ts for a threaded reply.
        public var threadTS: String?
        public var blocks: [JSONValue]?

        public init(channel: String, text: String, ts: String, threadTS: String? = nil, blocks: [JSONValue]? = nil) {
            self.channel = channel
            self.text = text
            self.ts = ts
            self.threadTS = threadTS
            self.blocks = blocks
        }
    }
}
