import PatchbayWire

extension FakeSlack {
    /// `auth.test`: who the token belongs to. Called with the lock held.
    func authTest() -> [String: JSONValue] {
        [
            "url": .string(Self.workspaceURL),
            "team": .string(Self.teamName),
            "user": .string(Self.botUserName),
            "team_id": .string(Self.teamID),
            "user_id": .string(Self.botUserID),
            "bot_id": .string(Self.botID),
            "is_enterprise_install": false,
        ]
    }
}
