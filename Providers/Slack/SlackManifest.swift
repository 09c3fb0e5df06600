public import PatchbaySDK

extension SlackProvider {
    public static let manifest = Manifest(
        id: "slack",
        name: "Slack",
        version: "1.0.0",
        category: "communication",
        description: "Post messages to Slack channels and read channels and members, with a bot token.",
        baseURL: "https://slack.com/api",
        allowedHosts: ["slack.com"],
        auth: .bearer("bot_token"),
        credentials: [
            CredentialField(
                name: "bot_token", label: "Bot token",
                description: "The app's bot user OAuth token (starts with xoxb-), from OAuth & Permissions.",
                pattern: "^xoxb-"),
            CredentialField(
                name: "signing_secret", label: "Signing secret",
                description: "The app's signing secret, from Basic Information; needed only to receive events.",
                required: false),
        ],
        configSchema: [
            "type": "object",
            "properties": [
                "default_channel": [
                    "type": "string",
                    "description": "Channel id or name used by skills that post without naming a channel.",
                ],
            ],
            "additionalProperties": false,
        ],
        actions: [authTest, postMessage, listChannels, listUsers],
        packs: [
            PackSpec(
                id: "team-notifier", name: "Team notifier",
                description: "Post updates to the team's default channel and find the right people.",
                skills: [
                    PackSkill(name: "notify_team", action: "post_message",
                              description: "Post an update to the team channel.",
                              presets: ["channel": "{{ default_channel }}"]),
                    PackSkill(name: "find_teammate", action: "list_users",
                              description: "List workspace members to find someone to mention.",
                              presets: ["include_bots": false]),
                ]),
            PackSpec(
                id: "channel-scout", name: "Channel scout",
                description: "Find channels and post into the right one.",
                skills: [
                    PackSkill(name: "find_channels", action: "list_channels",
                              description: "List public channels that are not archived.",
                              presets: ["types": ["public_channel"], "exclude_archived": true]),
                    PackSkill(name: "post_to_channel", action: "post_message",
                              description: "Post a message to a channel by id."),
                ]),
        ],
        // oauth.v2.access: the bot token is the top-level access_token; with token rotation on,
        // a refresh_token and expires_in come with it. Slack takes Basic client auth; no PKCE.
        // Slack limits each method per workspace and app, and says so only with a 429 and Retry-After.
        rateLimits: RateLimitSpec(scope: .connection),
        oauth: OAuthSpec(
            authorizeURL: "https://slack.com/oauth/v2/authorize", tokenURL: "https://slack.com/api/oauth.v2.access",
            pkce: false, clientAuth: .basic, credential: "bot_token", refresh: true,
            defaultScopes: ["chat:write", "channels:read", "users:read"], scopeSeparator: ","),
        supportsDiscovery: true,
        webhooks: WebhookSpec(
            scheme: "slack_v0",
            verification: WebhookVerification(
                secretSource: .provider, signatureHeader: "x-slack-signature", signaturePrefix: "v0=",
                signedPayload: "v0:{timestamp}:{body}", timestampHeader: "x-slack-request-timestamp",
                handshakes: [WebhookHandshake(bodyField: "type", equals: "url_verification", echo: "challenge")]),
            toleranceSeconds: 300,
            // A vector of our own with a plainly made-up secret, so nothing that looks like a
            // credential ships in the plugin; Slack's published vector is checked in the tests.
            testVector: WebhookTestVector(
                secret: "It's a Secret to Everybody",
                body: #"{"type":"event_callback","event_id":"Ev0PV52K21","event":{"type":"app_mention","text":"Hello, World!"}}"#,
                headers: [
                    "x-slack-request-timestamp": "1531420618",
                    "x-slack-signature": "v0=2d4401b31f32306a5ee5d72ee3444b34912f416a7c64608609aade93372bed64",
                ])))

    static let authTest = ActionSpec(
        name: "auth_test", title: "Check identity",
        description: "Return the workspace and bot user the connection's token belongs to. Use it to confirm the connection works.",
        inputSchema: ["type": "object", "properties": [:], "additionalProperties": false],
        outputSchema: [
            "type": "object",
            "required": ["team", "team_id", "user", "user_id"],
            "properties": [
                "url": ["type": "string", "description": "Workspace URL."],
                "team": ["type": "string", "description": "Workspace name."],
                "team_id": ["type": "string", "description": "Workspace id."],
                "user": ["type": "string", "description": "Bot user name."],
                "user_id": ["type": "string", "description": "Bot user id."],
            ],
        ],
        examples: [ActionExample(description: "Who am I", input: [:])])

    static let postMessage = ActionSpec(
        name: "post_message", title: "Post a message",
        description: "Post a message to a Slack channel, or reply in a thread when thread_ts is given.",
        inputSchema: [
            "type": "object",
            "required": ["channel", "text"],
            "additionalProperties": false,
            "properties": [
                "channel": ["type": "string", "minLength": 1, "description": "Channel id (C0123…) or name (#general)."],
                "text": ["type": "string", "minLength": 1, "maxLength": 40000,
                         "description": "Message text in Slack mrkdwn. Also the notification text when blocks are given."],
                "thread_ts": ["type": "string", "description": "ts of the parent message, to reply in its thread."],
                "blocks": ["type": "array", "items": ["type": "object"], "description": "Optional Block Kit blocks."],
            ],
        ],
        outputSchema: [
            "type": "object",
            "required": ["channel", "ts"],
            "properties": [
                "channel": ["type": "string", "description": "Id of the channel posted to."],
                "ts": ["type": "string", "description": "Timestamp id of the new message."],
                "text": ["type": "string", "description": "Text of the posted message."],
            ],
        ],
        important: true, mutating: true,
        examples: [ActionExample(description: "Say hello", input: ["channel": "C0GENERAL", "text": "Hello from Patchbay"])])

    static let listChannels = ActionSpec(
        name: "list_channels", title: "List channels",
        description: "List channels in the workspace, following pages until `limit` channels are collected.",
        inputSchema: [
            "type": "object",
            "additionalProperties": false,
            "properties": [
                "types": [
                    "type": "array", "uniqueItems": true, "minItems": 1,
                    "items": ["type": "string", "enum": ["public_channel", "private_channel", "mpim", "im"]],
                    "description": "Kinds of conversation to include. Default: public_channel.",
                ],
                "exclude_archived": ["type": "boolean", "description": "Leave out archived channels. Default: true."],
                "limit": ["type": "integer", "minimum": 1, "maximum": 1000,
                          "description": "Most channels to return across pages. Default: 200."],
                "cursor": ["type": "string", "description": "next_cursor from an earlier call, to continue."],
            ],
        ],
        outputSchema: [
            "type": "object",
            "required": ["channels"],
            "properties": [
                "channels": ["type": "array", "items": channelSchema],
                "next_cursor": ["type": ["string", "null"], "description": "Pass as cursor to continue; null when done."],
            ],
        ],
        important: true,
        examples: [ActionExample(description: "Public channels", input: ["limit": 50])])

    static let listUsers = ActionSpec(
        name: "list_users", title: "List members",
        description: "List workspace members, following pages until `limit` members are collected.",
        inputSchema: [
            "type": "object",
            "additionalProperties": false,
            "properties": [
                "limit": ["type": "integer", "minimum": 1, "maximum": 1000,
                          "description": "Most members to return across pages. Default: 200."],
                "include_bots": ["type": "boolean", "description": "Include bot users. Default: true."],
                "cursor": ["type": "string", "description": "next_cursor from an earlier call, to continue."],
            ],
        ],
        outputSchema: [
            "type": "object",
            "required": ["users"],
            "properties": [
                "users": ["type": "array", "items": userSchema],
                "next_cursor": ["type": ["string", "null"], "description": "Pass as cursor to continue; null when done."],
            ],
        ],
        important: false,
        examples: [ActionExample(description: "First members", input: ["limit": 20])])

    static let channelSchema: JSONValue = [
        "type": "object",
        "required": ["id", "name"],
        "properties": [
            "id": ["type": "string", "description": "Channel id."],
            "name": ["type": "string", "description": "Channel name without #."],
            "is_private": ["type": "boolean", "description": "Private channel."],
            "is_archived": ["type": "boolean", "description": "Archived."],
            "num_members": ["type": "integer", "description": "Member count."],
            "topic": ["type": "string", "description": "Channel topic."],
        ],
    ]

    static let userSchema: JSONValue = [
        "type": "object",
        "required": ["id", "name"],
        "properties": [
            "id": ["type": "string", "description": "User id."],
            "name": ["type": "string", "description": "Handle."],
            "real_name": ["type": "string", "description": "Full name."],
            "is_bot": ["type": "boolean", "description": "Bot user."],
            "deleted": ["type": "boolean", "description": "Deactivated."],
            "tz": ["type": "string", "description": "Time zone."],
        ],
    ]
}
