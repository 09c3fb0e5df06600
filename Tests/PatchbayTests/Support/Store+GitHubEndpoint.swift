import PatchbayModel
import PatchbayStore
import PatchbayWire

extension Store {
    /// Account `acct_a`, its GitHub connection `conn_a` and that connection's webhook endpoint
    /// `wh_a`: what the store tests that write to the inbox start from.
    func insertGitHubEndpointWithItsAccount() async throws {
        try await insertAccount(Account(id: "acct_a", name: "alpha", createdAt: 1))
        try await insertConnection(ConnectionRecord(
            id: "conn_a", accountID: "acct_a", provider: "github", label: "a", config: [:], status: .active,
            sealedCredentials: nil, createdAt: 1, updatedAt: 1, endUser: nil))
        try await insertWebhookEndpoint(WebhookEndpointRecord(
            id: "wh_a", accountID: "acct_a", connectionID: "conn_a", provider: "github", status: .active,
            sealedSecret: "pbv1.k1.wh_a", channelID: nil, resourceID: nil, createdAt: 1, updatedAt: 1))
    }
}
