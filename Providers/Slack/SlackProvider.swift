import Foundation
public import PatchbaySDK

@_cdecl("pb_plugin_info")
public func pluginInfo() -> UnsafeRawPointer { PluginExport.info(for: SlackProvider.self) }

/// Slack: messages, channels and members through the Web API.
public struct SlackProvider: Provider {
    public init() {}

    public func check(_ context: ProviderContext) async throws -> CheckResult {
        do {
            let identity = try await SlackAPI(http: context.http).get("auth.test")
            let team = identity["team"]?.stringValue ?? "?"
            let user = identity["user"]?.stringValue ?? "?"
            return CheckResult(ok: true, message: "Connected to workspace \(team) as \(user)")
        } catch let error as PluginError {
            return CheckResult(ok: false, message: error.message)
        }
    }

    public func invoke(_ action: String, input: JSONValue, context: ProviderContext) async throws -> JSONValue {
        let api = SlackAPI(http: context.http)
        switch action {
        case "auth_test":
            let identity = try await api.get("auth.test")
            return .object(pick(identity, ["url", "team", "team_id", "user", "user_id"]))

        case "post_message":
            var body: [String: JSONValue] = ["channel": input["channel"] ?? .null, "text": input["text"] ?? .null]
            if let thread = input["thread_ts"] { body["thread_ts"] = thread }
            if let blocks = input["blocks"] { body["blocks"] = blocks }
            let posted = try await api.post("chat.postMessage", .object(body))
            var result = pick(posted, ["channel", "ts"])
            if let text = posted["message"]?["text"] { result["text"] = text }
            return .object(result)

        case "list_channels":
            let types = input["types"]?.arrayValue?.compactMap(\.stringValue) ?? ["public_channel"]
            let page = try await api.paginate(
                "conversations.list", key: "channels",
                query: ["types": types.joined(separator: ","),
                        "exclude_archived": String(input["exclude_archived"]?.boolValue ?? true)],
                limit: input["limit"]?.intValue ?? 200, cursor: input["cursor"]?.stringValue)
            return ["channels": .array(page.items.map(channel)), "next_cursor": page.nextCursor.map(JSONValue.string) ?? .null]

        case "list_users":
            let includeBots = input["include_bots"]?.boolValue ?? true
            let page = try await api.paginate(
                "users.list", key: "members", query: [:],
                limit: input["limit"]?.intValue ?? 200, cursor: input["cursor"]?.stringValue)
            let users = page.items.filter { includeBots || $0["is_bot"]?.boolValue != true }.map(user)
            return ["users": .array(users), "next_cursor": page.nextCursor.map(JSONValue.string) ?? .null]

        default:
            throw PluginError.unknownAction(action)
        }
    }

    public func discover(_ context: ProviderContext) async throws -> DiscoveredSchema {
        // The object shapes are fixed by Slack; asking auth.test first makes discovery fail
        // loudly on a broken connection instead of describing a workspace we cannot reach.
        let identity = try await SlackAPI(http: context.http).get("auth.test")
        let workspace = identity["team"]?.stringValue ?? "the workspace"
        return SlackSchema.schema(workspace: workspace)
    }

    public func parseWebhook(_ webhook: InboundWebhook, context: ProviderContext) async throws -> [WebhookEvent] {
        try SlackEvents.parse(webhook)
    }

    private func pick(_ value: JSONValue, _ keys: [String]) -> [String: JSONValue] {
        var picked: [String: JSONValue] = [:]
        for key in keys { if let member = value[key], !member.isNull { picked[key] = member } }
        return picked
    }

    private func channel(_ raw: JSONValue) -> JSONValue {
        var channel = pick(raw, ["id", "name", "is_private", "is_archived", "num_members"])
        if let topic = raw["topic"]?["value"]?.stringValue, !topic.isEmpty { channel["topic"] = .string(topic) }
        return .object(channel)
    }

    private func user(_ raw: JSONValue) -> JSONValue {
        var user = pick(raw, ["id", "name", "real_name", "is_bot", "deleted", "tz"])
        if user["real_name"] == nil, let realName = raw["profile"]?["real_name"] { user["real_name"] = realName }
        return .object(user)
    }
}
