import Foundation
import PatchbayClock
import PatchbayFakes
import PatchbayModel
@testable import PatchbayServices
import PatchbayStore
import PatchbayWire
import XCTest

/// Leases on delivery jobs, and the public URL rule, against the real store and services.
final class WebhookLeaseTests: XCTestCase {
    var host: TestHost!
    var key: String!

    override func setUp() async throws {
        host = try await TestHost.start(plugins: ["PatchbayGitHub"])
        key = try await host.key()
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func testAnExpiredLeaseIsTakenOverAndTheLateWorkerCannotOverwrite() async throws {
        let connection = try await host.request("POST", "/v1/connections", key: key,
                                                json: ["provider": "github", "credentials": ["token": .string(FakeGitHub.sandboxToken)]])
        let endpoint = try await host.createEndpoint(key: key, connection: try XCTUnwrap(connection.json["id"]?.stringValue))
        let endpointID = try XCTUnwrap(endpoint["id"]?.stringValue)
        let agentID = try await host.createSubscriber(name: "lease-bot")
        let subscribed = try await host.request("POST", "/v1/webhooks/subscriptions", key: key,
                                                json: ["agent_id": .string(agentID), "endpoint_id": .string(endpointID),
                                                       "url": "http://127.0.0.1:9/gone"])
        XCTAssertEqual(subscribed.status, 201, subscribed.body)
        let body = #"{"action":"opened"}"#
        let sent = try await host.send("/hooks/github/\(endpointID)", headers: ProviderWebhooks.github(
            secret: try XCTUnwrap(endpoint["secret"]?.stringValue), event: "issues", delivery: "l-1", body: body), body: body)
        XCTAssertEqual(sent.status, 200)

        let store = host.patchbay.store
        let now = host.patchbay.clock.wallMillis
        let first = try await store.leaseWebhookDeliveries(owner: "worker_a", now: now, leaseUntil: now + 1000, limit: 10)
        XCTAssertEqual(first.count, 1)
        let held = try await store.leaseWebhookDeliveries(owner: "worker_b", now: now + 500, leaseUntil: now + 1500, limit: 10)
        XCTAssertEqual(held.count, 0, "a live lease is not handed out twice")
        let taken = try await store.leaseWebhookDeliveries(owner: "worker_b", now: now + 1001, leaseUntil: now + 5000, limit: 10)
        XCTAssertEqual(taken.map(\.id), first.map(\.id), "an expired lease is picked up again, same delivery id")

        // worker_a comes back late and reports success; worker_b still holds the job.
        var late = first[0]
        late.status = .succeeded
        late.attempts = 1
        late.updatedAt = now + 2000
        try await store.finishWebhookAttempts([FinishedAttempt(
            delivery: late, attempt: WebhookAttemptRecord(id: "att_late", deliveryID: late.id, attemptedAt: now, durationMs: 5,
                                                          statusCode: 200, error: nil), disableSubscription: nil)])
        let account = try await host.patchbay.apiKeys.authenticate(key).accountID
        let stored = try await store.webhookDelivery(id: late.id, accountID: account)
        XCTAssertEqual(stored?.status, .delivering)
        XCTAssertEqual(stored?.leaseOwner, "worker_b")
        let attempts = try await store.webhookAttempts(deliveryID: late.id, accountID: late.accountID)
        XCTAssertEqual(attempts.map(\.id), ["att_late"], "the late attempt is still history")
    }

    func testProductionNeverHandsOutAGuessedURL() async throws {
        let connection = try await host.request("POST", "/v1/connections", key: key,
                                                json: ["provider": "github", "credentials": ["token": .string(FakeGitHub.sandboxToken)]])
        let draft = WebhookEndpointService.Draft(connectionID: connection.json["id"]?.stringValue, secret: nil, channelID: nil, resourceID: nil)
        let principal = try await host.patchbay.apiKeys.authenticate(key)
        let shipped = host.patchbay.webhooks.endpoints
        var settings = WebhookSettings()
        settings.production = true
        let production = WebhookEndpointService(store: shipped.store, registry: shipped.registry, vault: shipped.vault, settings: settings,
                                                clock: shipped.clock)
        do {
            _ = try await production.create(principal: principal, draft, requestBase: "http://127.0.0.1:8080")
            XCTFail("a loopback URL was handed out in production")
        } catch let error as ServiceError {
            XCTAssertEqual(error.code, "public_url_unset")
        }
        let configured = WebhookEndpointService(store: shipped.store, registry: shipped.registry, vault: shipped.vault, settings: settings,
                                                publicURL: try PublicURL("https://hooks.example.com/"), clock: shipped.clock)
        let created = try await configured.create(principal: principal, draft, requestBase: "http://127.0.0.1:8080")
        XCTAssertEqual(created.url, "https://hooks.example.com/hooks/github/\(created.endpoint.id)")
    }
}
