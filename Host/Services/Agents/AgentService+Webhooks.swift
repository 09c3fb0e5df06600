import Foundation
import PatchbayClock
public import PatchbayModel
import PatchbayStore
import PatchbayVault
public import PatchbayWire

/// `http_webhook` skills: the agent's owner names a URL, and a call of the skill is POSTed
/// there signed per Standard Webhooks. The host makes the signing secret, shows it once, and
/// keeps it sealed on a connection of its own (provider `http_webhook`), so the skill's calls
/// are executions like any other.
extension AgentService {
    public struct WebhookSkillDraft: Sendable {
        public var name: String?
        public var description: String?
        public var url: String?
        public var inputSchema: JSONValue?
        public var outputSchema: JSONValue?
        public var timeoutMs: Int?
        /// Fields of an action skill the request also gave, which this kind does not take.
        public var actionFields: [String]

        public init(name: String? = nil, description: String? = nil, url: String? = nil, inputSchema: JSONValue? = nil,
                    outputSchema: JSONValue? = nil, timeoutMs: Int? = nil, actionFields: [String] = []) {
            self.name = name
            self.description = description
            self.url = url
            self.inputSchema = inputSchema
            self.outputSchema = outputSchema
            self.timeoutMs = timeoutMs
            self.actionFields = actionFields
        }
    }

    /// Adds the skill to the draft and returns it with its signing secret, which is not shown again.
    public func addWebhookSkill(principal: Principal, agentID: String, _ draft: WebhookSkillDraft) async throws -> (SkillDefinition, secret: String) {
        try principal.require(.skillsWrite)
        _ = try await owned(principal, agentID)
        if let field = draft.actionFields.first {
            throw ServiceError.validation("an http_webhook skill takes no \(field): it calls its url, not an action", field: field)
        }
        guard let rawName = draft.name else { throw ServiceError.validation("name is required", field: "name") }
        let name = try SkillFactory.validName(rawName, field: "name")
        let description = (draft.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...1024).contains(description.count) else {
            throw ServiceError.validation("description must be 1 to 1024 characters: the model reads it to choose the tool", field: "description")
        }
        guard let url = draft.url, !url.isEmpty, url.count <= 2048 else { throw ServiceError.validation("url is required", field: "url") }
        try ControlCharacters.refuse(in: url, field: "url")
        try await WebhookTargetPolicy(settings: webhookSettings).validate(url)
        let inputSchema = try Self.objectSchema(draft.inputSchema ?? ["type": "object"], field: "input_schema")
        let outputSchema = try Self.objectSchema(draft.outputSchema ?? [:], field: "output_schema")
        let limit = Int(webhookSettings.deliveryTimeout / .milliseconds(1))
        let timeoutMs = draft.timeoutMs ?? limit
        guard (1...limit).contains(timeoutMs) else {
            throw ServiceError.validation("timeout_ms must be 1 to \(limit), the host's webhook delivery timeout", field: "timeout_ms")
        }

        let secret = StandardWebhooks.makeSecret()
        let id = IDs.make("conn")
        let now = clock.wallMillis
        let connection = ConnectionRecord(
            id: id, accountID: principal.accountID, provider: SkillWebhook.provider, label: "\(name) (http_webhook skill)",
            config: ["url": .string(url)], status: .active,
            sealedCredentials: try vault.seal([WebhookSkillCall.secretField: secret], context: ConnectionCalls.vaultContext(id)),
            createdAt: now, updatedAt: now)
        let skill = SkillDefinition(
            name: name, description: description, connectionID: id, provider: SkillWebhook.provider, action: name, presets: [:],
            inputSchema: inputSchema, requiresApproval: false,
            webhook: SkillWebhook(url: url, outputSchema: outputSchema, timeoutMs: timeoutMs))
        try await store.insertConnection(connection)
        try await append([skill], principal, agentID)
        return (skill, secret)
    }

    /// A schema given as an object, whose own keywords the validator can read.
    private static func objectSchema(_ schema: JSONValue, field: String) throws -> JSONValue {
        guard schema.objectValue != nil else { throw ServiceError.validation("\(field) must be a JSON Schema object", field: field) }
        if let type = schema["type"], type.stringValue == nil, type.arrayValue == nil {
            throw ServiceError.validation("\(field).type must be a string or an array of strings", field: "\(field).type")
        }
        return schema
    }
}
