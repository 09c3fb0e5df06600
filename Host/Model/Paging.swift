import Foundation

/// A position in a newest-first listing: the (created_at, id) of the last row seen.
/// Opaque to clients; a cursor that does not decode is a client error, not an empty page.
public struct PageCursor: Sendable, Equatable {
    public var createdAt: Millis
    public var id: String

    public init(createdAt: Millis, id: String) {
        self.createdAt = createdAt
        self.id = id
    }

    /// `1700000000000.conn_abc`: the time and id of the last item of the page. Every string
    /// that matches `pattern` reads as a cursor (a place in the listing, existing or not), so an
    /// API's schema can say exactly which cursors it takes.
    public var encoded: String {
        "\(createdAt).\(id)"
    }

    public static let pattern = "^[0-9]{1,15}\\.[A-Za-z0-9_-]{1,100}$"

    public init?(encoded: String) {
        let parts = encoded.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, parts[0].count <= 15, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), let createdAt = Millis(parts[0]),
              (1...100).contains(parts[1].count),
              parts[1].unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-") })
        else { return nil }
        self.init(createdAt: createdAt, id: String(parts[1]))
    }
}

public struct PageRequest: Sendable {
    public var limit: Int
    public var after: PageCursor?

    public init(limit: Int, after: PageCursor? = nil) {
        self.limit = limit
        self.after = after
    }
}

public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Where the next page starts; nil on the last page.
    public var next: PageCursor?

    public init(items: [Item], next: PageCursor?) {
        self.items = items
        self.next = next
    }
}

public struct ConnectionFilter: Sendable {
    public var provider: String?
    public var status: ConnectionRecord.Status?

    public init(provider: String? = nil, status: ConnectionRecord.Status? = nil) {
        self.provider = provider
        self.status = status
    }
}

public struct ExecutionFilter: Sendable {
    public var connectionID: String?
    public var action: String?
    public var status: ExecutionRecord.Status?
    public var agentID: String?
    public var trigger: ExecutionRecord.Trigger?

    public init(connectionID: String? = nil, action: String? = nil, status: ExecutionRecord.Status? = nil,
                agentID: String? = nil, trigger: ExecutionRecord.Trigger? = nil) {
        self.connectionID = connectionID
        self.action = action
        self.status = status
        self.agentID = agentID
        self.trigger = trigger
    }
}

public struct AuditFilter: Sendable {
    public var action: String?
    public var target: String?
    public var keyID: String?
    /// Entries at or after `since` and before `until`.
    public var since: Millis?
    public var until: Millis?

    public init(action: String? = nil, target: String? = nil, keyID: String? = nil, since: Millis? = nil, until: Millis? = nil) {
        self.action = action
        self.target = target
        self.keyID = keyID
        self.since = since
        self.until = until
    }
}
