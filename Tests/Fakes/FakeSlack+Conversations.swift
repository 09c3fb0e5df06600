import Foundation
import PatchbayWire

extension FakeSlack {
    static let conversationTypes: Set<String> = ["public_channel", "private_channel", "mpim", "im"]

    /// `conversations.list`: the channels of the requested types (default `public_channel`),
    /// in pages of `limit` (default 100, at most 1000). Private channels are listed only when
    /// the bot is a member, as Slack does. Called with the lock held.
    func listConversations(_ arguments: SlackArguments) throws -> [String: JSONValue] {
        var types: Set<String> = ["public_channel"]
        if let raw = arguments.string("types"), !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            types = []
            for piece in raw.split(separator: ",") {
                let type = piece.trimmingCharacters(in: .whitespaces)
                guard Self.conversationTypes.contains(type) else { throw SlackAPIError("invalid_types") }
                types.insert(type)
            }
        }
        let excludeArchived = arguments.flag("exclude_archived")
        let matching = channelList.filter { channel in
            if excludeArchived && channel.isArchived { return false }
            if channel.isPrivate { return types.contains("private_channel") && channel.isMember }
            return types.contains("public_channel")
        }
        let pagination = SlackPagination(kind: "channel", defaultLimit: 100)
        let page = try pagination.page(of: matching, id: \.id,
                                       limit: arguments.string("limit"), cursor: arguments.string("cursor"))
        return [
            "channels": .array(page.items.map(\.json)),
            "response_metadata": ["next_cursor": .string(page.nextCursor)],
        ]
    }

    /// The channel an id or a name (with or without `#`) refers to. Called with the lock held.
    func findChannel(_ reference: String) -> SlackChannel? {
        if let byID = channelList.first(where: { $0.id == reference }) { return byID }
        let name = reference.hasPrefix("#") ? String(reference.dropFirst()) : reference
        return channelList.first(where: { $0.name == name })
    }
}
