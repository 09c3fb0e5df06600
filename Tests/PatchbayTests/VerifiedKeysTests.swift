import Foundation
import PatchbayClock
@testable import PatchbayServices
import PatchbayStore
import XCTest

/// Verified API keys are kept for a moment so that a caller's requests skip the store, but a
/// revocation still takes effect: at once on this host, through the notifier on a host sharing
/// the store, and within the cache's lifetime when the notification is lost.
final class VerifiedKeysTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "patchbay-verified-keys-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func issue(_ service: APIKeyService) async throws -> (key: String, principal: Principal) {
        let admin = try await service.create(accountName: "acme", scopes: [.admin])
        let issued = try await service.create(principal: try await service.authenticate(admin.key), scopes: [.integrationsRead])
        return (issued.key, try await service.authenticate(admin.key))
    }

    private func assertRefused(_ service: APIKeyService, _ key: String, _ message: String,
                               file: StaticString = #filePath, line: UInt = #line) async {
        do {
            _ = try await service.authenticate(key)
            XCTFail(message, file: file, line: line)
        } catch let error as ServiceError {
            XCTAssertEqual(error.code, "invalid_api_key", file: file, line: line)
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
    }

    func testAKeyRevokedOnAnotherHostIsRefusedOnTheNextRequest() async throws {
        let store = try SQLiteStore(path: directory + "/store.sqlite")
        let notifier = InProcessNotifier()
        let here = APIKeyService(store: store, notifier: notifier)
        let there = APIKeyService(store: store, notifier: notifier)
        let (key, admin) = try await issue(here)
        let principal = try await here.authenticate(key)
        XCTAssertEqual(principal.scopes, [.integrationsRead])
        let again = try await here.authenticate(key)
        XCTAssertEqual(again, principal, "a verified key answers the same from the cache")

        _ = try await there.revoke(principal: admin, id: principal.keyID)
        await assertRefused(here, key, "a key revoked by another host sharing the notifier still worked here")
    }

    func testARevocationWhoseNotificationIsLostTakesEffectWithinTheLifetime() async throws {
        let store = try SQLiteStore(path: directory + "/store.sqlite")
        // This host's clock only moves when the test moves it.
        let clock = ManualClock()
        let here = APIKeyService(store: store, notifier: InProcessNotifier(), clock: clock)
        let there = APIKeyService(store: store, notifier: InProcessNotifier())
        let (key, admin) = try await issue(here)
        let principal = try await here.authenticate(key)

        _ = try await there.revoke(principal: admin, id: principal.keyID)
        clock.advance(by: VerifiedKeys.lifetime)
        await assertRefused(here, key, "a revoked key outlived the cache's lifetime")
    }

    func testACachedPrefixWithAnotherSecretIsRefused() async throws {
        let store = try SQLiteStore(path: directory + "/store.sqlite")
        let service = APIKeyService(store: store)
        let (key, _) = try await issue(service)
        _ = try await service.authenticate(key)

        let parts = key.split(separator: "_", maxSplits: 2)
        var secret = Array(parts[2])
        secret[0] = secret[0] == "a" ? "b" : "a"
        await assertRefused(service, "pb_\(parts[1])_\(String(secret))", "a wrong secret passed on a cached prefix")
        await assertRefused(service, "pb_\(parts[1])_", "an empty secret passed on a cached prefix")
        let right = try await service.authenticate(key)
        XCTAssertEqual(right.scopes, [.integrationsRead])
    }

    func testACheckThatReadTheStoreBeforeARevocationDoesNotCacheTheKey() {
        let keys = VerifiedKeys(notifier: InProcessNotifier())
        let principal = Principal(accountID: "acct_1", keyID: "key_1", scopes: [.admin])
        let readAt = keys.currentGeneration
        keys.forgetAll()
        keys.remember(prefix: "p", secret: "s", principal: principal, generation: readAt)
        XCTAssertNil(keys.principal(prefix: "p", secret: "s"))

        keys.remember(prefix: "p", secret: "s", principal: principal, generation: keys.currentGeneration)
        XCTAssertEqual(keys.principal(prefix: "p", secret: "s"), principal)
        XCTAssertNil(keys.principal(prefix: "p", secret: "t"))
    }
}
