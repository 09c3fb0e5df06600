import PatchbayWire

/// A channel in the fake workspace, with the fields Slack's conversation object carries.
public struct SlackChannel: Sendable, Equatable {
    public var id: String
    public var name: String
    public var isPrivate: Bool
    public var isArchived: Bool
    public var isGeneral: Bool
    /// Whether the bot user is in the channel. Slack lists only the private channels the
    /// caller belongs to, and a bot without `chat:write.public` posts only where it is a member.
    public var isMember: Bool
    public var numMembers: Int
    public var topic: String
    public var purpose: String
    public var creator: String
    /// Unix seconds.
    public var created: Int

    public init(id: String, name: String, isPrivate: Bool = false, isArchived: Bool = false, isGeneral: Bool = false,
                isMember: Bool = true, numMembers: Int, topic: String = "", purpose: String = "",
                creator: String, created: Int)
    {
        self.id = id
        self.name = name
        self.isPrivate = isPrivate
        self.isArchived = isArchived
        self.isGeneral = isGeneral
        self.isMember = isMember
        self.numMembers = numMembers
        self.topic = topic
        self.purpose = purpose
        self.creator = creator
        self.created = created
    }

    /// The conversation object as `conversations.list` returns it.
    var json: JSONValue {
        func textField(_ value: String) -> JSONValue {
            [
                "value": .string(value),
                "creator": .string(value.isEmpty ? "" : creator),
                "last_set": .integer(value.isEmpty ? 0 : Int64(created)),
            ]
        }
        return [
            "id": .string(id),
            "name": .string(name),
            "name_normalized": .string(name),
            "is_channel": true,
            "is_group": false,
            "is_im": false,
            "is_mpim": false,
            "is_private": .bool(isPrivate),
            "is_archived": .bool(isArchived),
            "is_general": .bool(isGeneral),
            "is_member": .bool(isMember),
            "is_shared": false,
            "is_ext_shared": false,
            "is_org_shared": false,
            "is_pending_ext_shared": false,
            "unlinked": 0,
            "created": .integer(Int64(created)),
            "updated": .integer(Int64(created) * 1000),
            "creator": .string(creator),
            "context_team_id": .string(FakeSlack.teamID),
            "shared_team_ids": [.string(FakeSlack.teamID)],
            "pending_shared": [],
            "previous_names": [],
            "num_members": .integer(Int64(numMembers)),
            "topic": textField(topic),
            "purpose": textField(purpose),
        ]
    }
}
