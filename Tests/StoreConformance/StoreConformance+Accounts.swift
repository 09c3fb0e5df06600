import Foundation
import PatchbayModel
import PatchbayStore
import XCTest

/// Accounts, API keys, and what a store keeps across a reopen.
extension StoreConformance {
    /// A refused write fails alone: the next one commits, and a reopened store holds what was
    /// acknowledged and nothing of what was refused.
    public func aRefusedWriteFailsAloneAndTheNextOneCommits() async throws {
        let store = try await makeStore()
        try await store.insertAccount(Account(id: "acct_1", name: "one", createdAt: 1))
        do {
            try await store.insertAccount(Account(id: "acct_2", name: "one", createdAt: 2))
            XCTFail("a second account of the same name was accepted")
        } catch StoreError.conflict {}
        try await store.insertAccount(Account(id: "acct_3", name: "three", createdAt: 3))

        let reopened = try await reopen(store)
        let refused = try await reopened.account(id: "acct_2")
        XCTAssertNil(refused)
        let byID = try await reopened.account(id: "acct_3")
        XCTAssertEqual(byID, Account(id: "acct_3", name: "three", createdAt: 3))
        let byName = try await reopened.account(named: "one")
        XCTAssertEqual(byName?.id, "acct_1")
    }

    /// Opening a store over existing data runs its migrations again without harm, however often.
    public func reopeningKeepsEverythingAndStaysWritable() async throws {
        let store = try await tenants()
        try await store.insertExecution(Self.execution("exec_1", account: Self.accountA, connection: "conn_a", startedAt: 5),
                                        durability: .onDisk)
        var current: any Store = store
        for _ in 0..<3 { current = try await reopen(current) }
        let connection = try await current.connection(id: "conn_a", accountID: Self.accountA)
        XCTAssertEqual(connection, Self.connection("conn_a", account: Self.accountA, createdAt: 1))
        let execution = try await current.execution(id: "exec_1", accountID: Self.accountA)
        XCTAssertEqual(execution?.status, .running)
        try await current.insertAccount(Account(id: "acct_after", name: "after", createdAt: 9))
        let after = try await current.account(named: "after")
        XCTAssertEqual(after?.id, "acct_after")
    }

    /// Keys are found by prefix (before any account is known), listed newest first per account,
    /// and revoked once, only by their own account.
    public func apiKeysAreScopedAndRevokedOnce() async throws {
        let store = try await tenants()
        func key(_ id: String, _ account: String, _ prefix: String, _ createdAt: Millis) -> APIKeyRecord {
            APIKeyRecord(id: id, accountID: account, prefix: prefix, salt: Data([1, 2]), hash: Data([3, 4]),
                         scopes: ["admin", "integrations:read"], createdAt: createdAt)
        }
        try await store.insertAPIKey(key("key_1", Self.accountA, "p1", 10))
        try await store.insertAPIKey(key("key_2", Self.accountA, "p2", 20))
        try await store.insertAPIKey(key("key_3", Self.accountB, "p3", 30))
        do {
            try await store.insertAPIKey(key("key_4", Self.accountB, "p1", 40))
            XCTFail("a second key with a taken prefix was accepted")
        } catch StoreError.conflict {}

        let found = try await store.apiKey(prefix: "p2")
        XCTAssertEqual(found, key("key_2", Self.accountA, "p2", 20))
        let missing = try await store.apiKey(prefix: "p9")
        XCTAssertNil(missing)
        let listed = try await store.apiKeys(accountID: Self.accountA)
        XCTAssertEqual(listed.map(\.id), ["key_2", "key_1"])

        let foreign = try await store.revokeAPIKey(id: "key_1", accountID: Self.accountB, at: 50)
        XCTAssertNil(foreign, "another account revoked the key")
        let untouched = try await store.apiKey(prefix: "p1")
        XCTAssertNil(untouched?.revokedAt)
        let revoked = try await store.revokeAPIKey(id: "key_1", accountID: Self.accountA, at: 60)
        XCTAssertEqual(revoked?.revokedAt, 60)
        let again = try await store.revokeAPIKey(id: "key_1", accountID: Self.accountA, at: 70)
        XCTAssertEqual(again?.revokedAt, 60, "a second revocation moved the time")
    }

    /// A key's own rate limit is kept at creation, changed only by its own account, and cleared
    /// back to the host's (nil).
    public func apiKeysKeepTheirOwnRateLimit() async throws {
        let store = try await tenants()
        try await store.insertAPIKey(APIKeyRecord(id: "key_1", accountID: Self.accountA, prefix: "p1", salt: Data([1]), hash: Data([2]),
                                                  scopes: ["admin"], createdAt: 10, rateLimit: 5))
        try await store.insertAPIKey(APIKeyRecord(id: "key_2", accountID: Self.accountA, prefix: "p2", salt: Data([1]), hash: Data([2]),
                                                  scopes: ["admin"], createdAt: 20))
        let created = try await store.apiKey(prefix: "p1")
        XCTAssertEqual(created?.rateLimit, 5)
        let unset = try await store.apiKey(prefix: "p2")
        XCTAssertNil(unset?.rateLimit)

        let foreign = try await store.setAPIKeyRateLimit(id: "key_1", accountID: Self.accountB, rateLimit: 1)
        XCTAssertNil(foreign, "another account changed the key")
        let unknown = try await store.setAPIKeyRateLimit(id: "key_9", accountID: Self.accountA, rateLimit: 1)
        XCTAssertNil(unknown)
        let changed = try await store.setAPIKeyRateLimit(id: "key_1", accountID: Self.accountA, rateLimit: 900_000)
        XCTAssertEqual(changed?.rateLimit, 900_000)
        XCTAssertEqual(changed?.prefix, "p1")
        let listed = try await store.apiKeys(accountID: Self.accountA)
        XCTAssertEqual(listed.map(\.rateLimit), [nil, 900_000])
        let cleared = try await store.setAPIKeyRateLimit(id: "key_1", accountID: Self.accountA, rateLimit: nil)
        XCTAssertNil(cleared?.rateLimit)
        let read = try await store.apiKey(prefix: "p1")
        XCTAssertNil(read?.rateLimit)
    }
}
