import Foundation
import GRDB
import PatchbayFakes
import PatchbayModel
import PatchbayServices
@testable import PatchbayStore
import PatchbayVault
import PatchbayWire
import XCTest

/// Every sealed column is in one registry that rotation, status and retire walk: webhook
/// endpoint and push-subscription secrets are re-encrypted like credentials, a key that still
/// seals anything or that nobody knows is not retired, and status shows a key until it is.
final class VaultRegistryTests: XCTestCase {
    var host: TestHost!
    var key: String!

    override func setUp() async throws {
        host = try await TestHost.start(plugins: ["PatchbayGitHub", "PatchbaySlack"])
        key = try await host.key()
    }

    override func tearDown() async throws {
        try await host?.stop()
    }

    /// One value of every kind the host seals: credentials, an OAuth app secret, a webhook
    /// endpoint secret, a push subscription's secrets, and the canary.
    private func populate() async throws -> (endpointPath: String, endpointSecret: String, store: SQLiteStore) {
        let connection = try await host.request("POST", "/v1/connections", key: key,
                                                json: ["provider": "github", "credentials": ["token": .string(FakeGitHub.sandboxToken)]])
        let connectionID = try XCTUnwrap(connection.json["id"]?.stringValue, connection.body)
        let endpoint = try await host.createEndpoint(key: key, connection: connectionID)
        let url = try XCTUnwrap(endpoint["url"]?.stringValue)
        _ = try await host.configureOAuthApp("slack", key: key, fake: host.fakes.oauth.slack)
        let agent = try await host.createSubscriber(name: "vault-bot")
        let subscription = try await host.request("POST", "/v1/webhooks/subscriptions", key: key, json: [
            "agent_id": .string(agent), "endpoint_id": endpoint["id"] ?? .null, "url": "http://127.0.0.1:9/hook", "events": []])
        XCTAssertEqual(subscription.status, 201, subscription.body)
        // The CLI's own store on the same file, as `patchbay vault …` opens it; opening makes the canary.
        let store = try SQLiteStore(path: host.dataDirectory + "/patchbay.sqlite")
        _ = try await VaultKeeper.open(store: store, dataDirectory: host.dataDirectory, environment: [:])
        return (String(url.dropFirst(host.baseURL.count)), try XCTUnwrap(endpoint["secret"]?.stringValue), store)
    }

    private func deliver(_ path: String, secret: String, delivery: String) async throws -> TestHost.Reply {
        let body = #"{"action":"opened","issue":{"number":1}}"#
        return try await host.send(path, headers: ProviderWebhooks.github(secret: secret, event: "issues", delivery: delivery, body: body),
                                   body: body)
    }

    func testEveryColumnHoldingSealedValuesIsInTheRegistry() async throws {
        let (_, _, store) = try await populate()
        let sealedColumns = try await store.pool.read { db -> Set<String> in
            var found: Set<String> = []
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            for table in tables {
                for column in try db.columns(in: table) {
                    let quoted = "\"\(column.name)\""
                    let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\" WHERE CAST(\(quoted) AS TEXT) LIKE 'pbv1.%'") ?? 0
                    if count > 0 { found.insert("\(table).\(column.name)") }
                }
            }
            return found
        }
        let registered = Set(SealedColumn.all.map { "\($0.table).\($0.column)" })
        XCTAssertEqual(sealedColumns.subtracting(registered), [], "columns holding sealed values that rotation would miss")
        XCTAssertTrue(sealedColumns.isSuperset(of: ["connections.sealed_credentials", "oauth_apps.sealed_client_secret",
                                                    "webhook_endpoints.sealed_secret", "webhook_subscriptions.sealed_secrets",
                                                    "vault_canary.sealed"]), "the database holds every kind: \(sealedColumns)")
    }

    func testRotationAndRetireCoverWebhookSecretsAndStatusShowsEveryKeyUntilRetired() async throws {
        let (path, secret, store) = try await populate()
        let old = try Keyring.load(dataDirectory: host.dataDirectory, environment: [:]).0.active
        let before = try await VaultKeeper.status(store: store, dataDirectory: host.dataDirectory, environment: [:])
        XCTAssertEqual(before.keys.map(\.id), [old.id])
        XCTAssertEqual(before.key(old.id)?.counts[.webhookEndpoint], 1, "\(before)")
        XCTAssertEqual(before.key(old.id)?.counts[.webhookSubscription], 1, "\(before)")
        XCTAssertEqual(before.key(old.id)?.counts[.connection], 1, "\(before)")

        let rotation = try await VaultKeeper.rotate(store: store, dataDirectory: host.dataDirectory, environment: [:])
        XCTAssertGreaterThanOrEqual(rotation.reencrypted, 5, "the connection, the app, the endpoint, the subscription, the canary")
        let rotated = try await VaultKeeper.status(store: store, dataDirectory: host.dataDirectory, environment: [:])
        XCTAssertEqual(rotated.keys.map(\.id), [rotation.activeKeyID, old.id], "the old key is listed until it is retired")
        XCTAssertEqual(rotated.key(old.id)?.total, 0)
        XCTAssertEqual(rotated.key(old.id)?.active, false)
        XCTAssertEqual(rotated.key(rotation.activeKeyID)?.active, true)
        XCTAssertEqual(rotated.key(rotation.activeKeyID)?.counts[.webhookEndpoint], 1, "\(rotated)")
        XCTAssertEqual(rotated.key(rotation.activeKeyID)?.counts[.webhookSubscription], 1, "\(rotated)")

        // A key nobody knows is refused, not reported retired.
        do {
            try await VaultKeeper.retire(keyID: "k000000000000", store: store, dataDirectory: host.dataDirectory, environment: [:])
            XCTFail("an unknown key id must be refused")
        } catch let error as VaultKeeperError {
            guard case .unknownKey("k000000000000", _) = error else { return XCTFail("\(error)") }
        }

        // An endpoint secret still under the old key, on a host that no longer holds that key:
        // retiring it would make every delivery to the endpoint fail, so it is refused.
        let sealed = try await store.sealedSecrets(notUnderKey: "", limit: 100)
        let endpoint = try XCTUnwrap(sealed.first { $0.kind == .webhookEndpoint })
        let oldVault = Vault(keyring: Keyring(active: old))
        let underOld = try oldVault.seal(Data(secret.utf8), context: endpoint.context)
        let swapped = try await store.replaceSealedSecret(endpoint, with: underOld)
        XCTAssertTrue(swapped)
        let newOnly = try Keyring.load(dataDirectory: host.dataDirectory, environment: [:]).0.active
        do {
            try await VaultKeeper.retire(keyID: old.id, store: store, dataDirectory: host.dataDirectory,
                                         environment: [Keyring.environmentVariable: newOnly.base64])
            XCTFail("a key that still seals a webhook secret must not be retired")
        } catch let error as VaultKeeperError {
            XCTAssertEqual(error, .stillInUse(old.id, counts: [.webhookEndpoint: 1], held: false))
        }

        // With the key file (which holds the old key) retire re-encrypts it first, then retires.
        let retired = try await VaultKeeper.retire(keyID: old.id, store: store, dataDirectory: host.dataDirectory, environment: [:])
        XCTAssertTrue(retired)
        let again = try await VaultKeeper.retire(keyID: old.id, store: store, dataDirectory: host.dataDirectory, environment: [:])
        XCTAssertFalse(again, "retiring twice reports the first retirement")
        let after = try await VaultKeeper.status(store: store, dataDirectory: host.dataDirectory, environment: [:])
        XCTAssertEqual(after.key(old.id)?.retired, true)
        XCTAssertEqual(after.key(old.id)?.held, false)

        // The endpoint still verifies deliveries: its secret moved to the new key.
        let delivered = try await deliver(path, secret: secret, delivery: "after-retire")
        XCTAssertEqual(delivered.status, 200, delivered.body)
    }
}
