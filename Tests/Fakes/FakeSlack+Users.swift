import Foundation
import PatchbayWire

extension FakeSlack {
    /// `users.list`: every member, deactivated ones included. Without a `limit` Slack tries to
    /// return the whole list at once. Called with the lock held.
    func listUsers(_ arguments: SlackArguments) throws -> [String: JSONValue] {
        let pagination = SlackPagination(kind: "user", defaultLimit: nil)
        let page = try pagination.page(of: userList, id: \.id,
                                       limit: arguments.string("limit"), cursor: arguments.string("cursor"))
        return [
            "members": .array(page.items.map(\.json)),
            "cache_ts": .integer(Int64(Date().timeIntervalSince1970)),
            "response_metadata": ["next_cursor": .string(page.nextCursor)],
        ]
    }
}
