import PatchbayWire

/// A member of the fake workspace, with the fields Slack's user object carries.
public struct SlackUser: Sendable, Equatable {
    public var id: String
    public var name: String
    public var realName: String
    public var displayName: String
    public var title: String
    public var deleted: Bool
    public var isBot: Bool
    public var isAdmin: Bool
    public var isOwner: Bool
    /// An IANA zone name such as `Europe/Berlin`.
    public var tz: String
    public var tzLabel: String
    /// Seconds east of UTC.
    public var tzOffset: Int
    /// Set on bot users: the id of the bot behind the user.
    public var botID: String?

    public init(id: String, name: String, realName: String, displayName: String = "", title: String = "",
                deleted: Bool = false, isBot: Bool = false, isAdmin: Bool = false, isOwner: Bool = false,
                tz: String, tzLabel: String, tzOffset: Int, botID: String? = nil)
    {
        self.id = id
        self.name = name
        self.realName = realName
        self.displayName = displayName
        self.title = title
        self.deleted = deleted
        self.isBot = isBot
        self.isAdmin = isAdmin
        self.isOwner = isOwner
        self.tz = tz
        self.tzLabel = tzLabel
        self.tzOffset = tzOffset
        self.botID = botID
    }

    /// The user object as `users.list` returns it.
    var json: JSONValue {
        var profile: [String: JSONValue] = [
            "real_name": .string(realName),
            "real_name_normalized": .string(realName),
            "display_name": .string(displayName),
            "display_name_normalized": .string(displayName),
            "title": .string(title),
            "status_text": "",
            "status_emoji": "",
            "team": .string(FakeSlack.teamID),
            "image_72": .string("https://avatars.slack-edge.com/sandbox/\(id.lowercased())_72.png"),
        ]
        if let botID {
            profile["bot_id"] = .string(botID)
            profile["always_active"] = true
        } else if !deleted {
            profile["email"] = .string("\(name)@sandbox-co.example")
        }
        return [
            "id": .string(id),
            "team_id": .string(FakeSlack.teamID),
            "name": .string(name),
            "deleted": .bool(deleted),
            "color": "9f69e7",
            "real_name": .string(realName),
            "tz": .string(tz),
            "tz_label": .string(tzLabel),
            "tz_offset": .integer(Int64(tzOffset)),
            "profile": .object(profile),
            "is_admin": .bool(isAdmin),
            "is_owner": .bool(isOwner),
            "is_primary_owner": .bool(isOwner),
            "is_restricted": false,
            "is_ultra_restricted": false,
            "is_bot": .bool(isBot),
            "is_app_user": false,
            "updated": 1_700_000_000,
        ]
    }
}
