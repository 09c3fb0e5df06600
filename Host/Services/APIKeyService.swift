import Crypto
import Foundation
public import PatchbayClock
public import PatchbayModel
public import PatchbayStore
import PatchbayWire

/// Issues and checks API keys. A key is `pb_<prefix>_<secret>`: the prefix finds the record,
/// the secret is checked against an HMAC keyed with a per-key salt, compared in constant time.
/// The key itself is shown once, at creation, and never stored. Keys verified in the last two
/// seconds are not read again (`VerifiedKeys`); a revocation reaches every host through the notifier.
public struct APIKeyService: Sendable {
    let store: any AccountStore & CredentialStore
    let notifier: any Notifier
    let verified: VerifiedKeys
    /// Where keys created and revoked are recorded; nil for a caller that only verifies keys.
    let audit: AuditLog?
    /// What keys and accounts are stamped with, and what cached verifications expire by.
    let clock: any HostClock

    public init(store: any AccountStore & CredentialStore, notifier: any Notifier = InProcessNotifier(), audit: AuditLog? = nil,
                clock: any HostClock = SystemClock()) {
        self.store = store
        self.notifier = notifier
        self.audit = audit
        self.clock = clock
        verified = VerifiedKeys(notifier: notifier, clock: clock)
    }

    public struct IssuedKey: Sendable {
        public var key: String
        public var record: APIKeyRecord
        public var account: Account
    }

    /// Creates a key for the account named `accountName`, creating the account if it is new.
    /// `rateLimit` is the key's own budget per window (see `rateLimit(_:)`).
    public func create(accountName: String, scopes: [Scope], rateLimit: Int? = nil) async throws -> IssuedKey {
        let rateLimit = try Self.rateLimit(rateLimit)
        let issued = try await issue(for: try await account(named: accountName), scopes: scopes, rateLimit: rateLimit)
        await audit?.recordCLI(accountID: issued.account.id, "api_key.created", target: issued.record.id,
                               changes: Self.auditChanges(issued.record))
        return issued
    }

    /// The account named `accountName`, created if it is new.
    func account(named accountName: String) async throws -> Account {
        let name = accountName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else {
            throw ServiceError.validation("account name must be 1 to 100 characters", field: "account")
        }
        return try await findOrCreateAccount(name)
    }

    /// A new key on the caller's own account. Needs `admin`, so no key can mint a stronger one.
    public func create(principal: Principal, scopes: [Scope], rateLimit: Int? = nil) async throws -> IssuedKey {
        try principal.require(.admin)
        guard !scopes.isEmpty else { throw ServiceError.validation("at least one scope is required", field: "scopes") }
        let rateLimit = try Self.rateLimit(rateLimit)
        guard let account = try await store.account(id: principal.accountID) else { throw ServiceError.notFound("account", principal.accountID) }
        let issued = try await issue(for: account, scopes: scopes, rateLimit: rateLimit)
        await audit?.record(principal, "api_key.created", target: issued.record.id, changes: Self.auditChanges(issued.record))
        return issued
    }

    /// Gives a key of the caller's account its own request budget per window, or (0 or nil)
    /// hands it back to the host's `--api-rate-limit`. Hosts apply it from the key's next
    /// request: verified keys are forgotten here and on the other replicas.
    public func setRateLimit(principal: Principal, id: String, rateLimit: Int?) async throws -> APIKeyRecord {
        try principal.require(.admin)
        let rateLimit = try Self.rateLimit(rateLimit)
        guard let before = try await store.apiKeys(accountID: principal.accountID).first(where: { $0.id == id }),
              let record = try await store.setAPIKeyRateLimit(id: id, accountID: principal.accountID, rateLimit: rateLimit)
        else { throw ServiceError.notFound("API key", id) }
        verified.forgetAll()
        await notifier.notify(.apiKeyChanged)
        await audit?.record(principal, "api_key.updated", target: record.id,
                            changes: ["prefix": .string(record.prefix),
                                      "rate_limit": ["from": Self.auditValue(before.rateLimit), "to": Self.auditValue(record.rateLimit)]])
        return record
    }

    /// A key's own budget as stored: 0 and nil both mean the host's setting (nil); a budget
    /// is 1 to `APIRateLimitSettings.maxRequests` requests per window.
    public static func rateLimit(_ requested: Int?) throws -> Int? {
        guard let requested, requested != 0 else { return nil }
        guard (1...APIRateLimitSettings.maxRequests).contains(requested) else {
            throw ServiceError.validation(
                "rate_limit is requests per window, 1 to \(APIRateLimitSettings.maxRequests), or 0 for the host's limit", field: "rate_limit")
        }
        return requested
    }

    /// A key's scopes, the prefix it is listed by and its own rate limit; never its secret.
    private static func auditChanges(_ record: APIKeyRecord) -> JSONValue {
        ["prefix": .string(record.prefix), "scopes": .array(record.scopes.map(JSONValue.string)),
         "rate_limit": auditValue(record.rateLimit)]
    }

    private static func auditValue(_ rateLimit: Int?) -> JSONValue {
        rateLimit.map { .integer(Int64($0)) } ?? .null
    }

    /// The name of the account a key belongs to, which any valid key may read (the console
    /// shows it); nil once the account is gone.
    public func accountName(principal: Principal) async throws -> String? {
        try await store.account(id: principal.accountID)?.name
    }

    /// The account's keys, newest first: prefix, scopes and dates, never a secret.
    public func list(principal: Principal) async throws -> [APIKeyRecord] {
        try principal.require(.admin)
        return try await store.apiKeys(accountID: principal.accountID)
    }

    /// Revokes a key of the caller's account; it fails authentication from the next request.
    /// The key making the request is revoked only with `force`: by mistake, it locks the caller out.
    public func revoke(principal: Principal, id: String, force: Bool = false) async throws -> APIKeyRecord {
        try principal.require(.admin)
        guard id != principal.keyID || force else {
            throw ServiceError(.conflict, "deleting_own_key",
                               "\(id) is the key making this request; revoking it locks this caller out. Revoke it with another admin key, or add ?force=true to revoke it anyway")
        }
        guard let record = try await store.revokeAPIKey(id: id, accountID: principal.accountID, at: clock.wallMillis) else {
            throw ServiceError.notFound("API key", id)
        }
        verified.forgetAll()
        await notifier.notify(.apiKeyChanged)
        await audit?.record(principal, "api_key.revoked", target: record.id, changes: ["prefix": .string(record.prefix)])
        return record
    }

    private func issue(for account: Account, scopes: [Scope], rateLimit: Int?) async throws -> IssuedKey {
        let prefix = IDs.randomString(count: 12)
        let secret = IDs.randomString(count: 32)
        let salt = Data((0..<16).map { _ in UInt8.random(in: .min ... .max) })
        let record = APIKeyRecord(
            id: IDs.make("key"), accountID: account.id, prefix: prefix, salt: salt,
            hash: Self.digest(secret: secret, salt: salt), scopes: scopes.map(\.rawValue), createdAt: clock.wallMillis,
            rateLimit: rateLimit)
        try await store.insertAPIKey(record)
        return IssuedKey(key: "pb_\(prefix)_\(secret)", record: record, account: account)
    }

    /// The caller behind a presented key, or a 401 that does not say which part was wrong.
    public func authenticate(_ presented: String) async throws -> Principal {
        let invalid = ServiceError(.unauthenticated, "invalid_api_key", "the API key is not valid")
        let parts = presented.split(separator: "_", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "pb" else { throw invalid }
        let (prefix, secret) = (parts[1], parts[2])
        if let principal = verified.principal(prefix: prefix, secret: secret) { return principal }
        let generation = verified.currentGeneration
        guard let record = try await store.apiKey(prefix: prefix) else { throw invalid }
        let authentic = HMAC<SHA256>.isValidAuthenticationCode(record.hash, authenticating: Data(secret.utf8),
                                                                using: SymmetricKey(data: record.salt))
        guard authentic, record.revokedAt == nil else { throw invalid }
        let principal = Principal(accountID: record.accountID, keyID: record.id, scopes: Set(record.scopes.compactMap(Scope.init)),
                                  rateLimit: record.rateLimit)
        verified.remember(prefix: prefix, secret: secret, principal: principal, generation: generation)
        return principal
    }

    private func findOrCreateAccount(_ name: String) async throws -> Account {
        if let existing = try await store.account(named: name) { return existing }
        let account = Account(id: IDs.make("acct"), name: name, createdAt: clock.wallMillis)
        do {
            try await store.insertAccount(account)
            return account
        } catch StoreError.conflict {
            // Created by a concurrent call (the server and the CLI share the database).
            guard let existing = try await store.account(named: name) else { throw StoreError.conflict("account \(name)") }
            return existing
        }
    }

    static func digest(secret: String, salt: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(secret.utf8), using: SymmetricKey(data: salt)))
    }
}
