import Foundation
import PatchbayModel
import PatchbayStore
import PatchbayWire

/// Records the groups build on. Two accounts, `acct_a` and `acct_b`, each with an active
/// connection, so that every tenant read can be asked for the other account's row.
extension StoreConformance {
    static let accountA = "acct_a"
    static let accountB = "acct_b"

    /// A fresh store holding both accounts and their connections `conn_a` and `conn_b`.
    func tenants() async throws -> any Store {
        let store = try await makeStore()
        try await store.insertAccount(Account(id: Self.accountA, name: "alpha", createdAt: 1))
        try await store.insertAccount(Account(id: Self.accountB, name: "bravo", createdAt: 2))
        try await store.insertConnection(Self.connection("conn_a", account: Self.accountA, createdAt: 1))
        try await store.insertConnection(Self.connection("conn_b", account: Self.accountB, createdAt: 1))
        return store
    }

    static func connection(_ id: String, account: String, provider: String = "slack", status: ConnectionRecord.Status = .active,
                           createdAt: Millis, endUser: String? = nil) -> ConnectionRecord {
        ConnectionRecord(id: id, accountID: account, provider: provider, label: "label \(id)", config: ["team": "T1"],
                         status: status, sealedCredentials: "pbv1.k1.\(id)", createdAt: createdAt, updatedAt: createdAt,
                         endUser: endUser)
    }

    static func execution(_ id: String, account: String, connection: String, status: ExecutionRecord.Status = .running,
                          action: String = "send_message", startedAt: Millis, trigger: ExecutionRecord.Trigger = .api,
                          agentID: String? = nil) -> ExecutionRecord {
        ExecutionRecord(id: id, accountID: account, connectionID: connection, provider: "slack", action: action, status: status,
                        startedAt: startedAt, trigger: trigger,
                        skillCall: agentID.map { SkillCall(agentID: $0, skill: "post", agentVersion: 1, toolCallID: nil, endUser: nil) })
    }

    static func endpoint(_ id: String, account: String, connection: String, createdAt: Millis = 1) -> WebhookEndpointRecord {
        WebhookEndpointRecord(id: id, accountID: account, connectionID: connection, provider: "slack", status: .active,
                              sealedSecret: "pbv1.k1.\(id)", channelID: nil, resourceID: nil, createdAt: createdAt, updatedAt: createdAt)
    }

    static func subscription(_ id: String, account: String, agent: String = "agent_1", endpoint: String?, provider: String? = nil,
                             mode: WebhookSubscriptionRecord.Mode = .push, createdAt: Millis = 1) -> WebhookSubscriptionRecord {
        WebhookSubscriptionRecord(id: id, accountID: account, agentID: agent, endpointID: endpoint, provider: provider, patterns: [],
                                  mode: mode, url: mode == .push ? "https://agent.example/\(id)" : nil,
                                  sealedSecrets: mode == .push ? "pbv1.k1.\(id)" : nil, status: .active, disabledReason: nil,
                                  createdAt: createdAt, updatedAt: createdAt)
    }

    /// A provider event received on `endpoint` (nil for a host event), owed to `deliveries`.
    static func event(_ id: String, account: String, endpoint: String?, connection: String, providerEventID: String? = nil,
                      receivedAt: Millis, deliveries: [(id: String, subscriptionID: String)] = []) -> InboundEvent {
        InboundEvent(
            event: WebhookEventRecord(id: id, accountID: account, endpointID: endpoint, connectionID: connection, provider: "slack",
                                      providerEventID: providerEventID ?? id, type: "message", key: "slack.message",
                                      occurredAt: nil, payload: ["text": .string(id)], receivedAt: receivedAt),
            deliveries: deliveries)
    }

    static func agent(_ id: String, account: String, name: String, createdAt: Millis = 1) -> AgentRecord {
        AgentRecord(id: id, accountID: account, name: name, description: "", variables: [:],
                    draft: [skill("post")], liveVersion: nil, createdAt: createdAt, updatedAt: createdAt)
    }

    static func skill(_ name: String) -> SkillDefinition {
        SkillDefinition(name: name, description: name, connectionID: "conn_a", provider: "slack", action: "send_message",
                        presets: [:], inputSchema: ["type": "object"], requiresApproval: false)
    }
}
