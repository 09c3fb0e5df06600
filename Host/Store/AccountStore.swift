public import PatchbayModel

/// Accounts and the API keys that name them.
public protocol AccountStore: Sendable {
    func account(named name: String) async throws -> Account?
    func account(id: String) async throws -> Account?
    func insertAccount(_ account: Account) async throws
    func insertAPIKey(_ key: APIKeyRecord) async throws
    /// Before the account is known: the key's prefix is what names the account, and its hash is checked after.
    func apiKey(prefix: String) async throws -> APIKeyRecord?
}
