import Foundation
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// The public receiver over real HTTP with the real plugins: endpoints, verification per
/// provider, handshakes, deduplication, and refusals that store nothing.
final class WebhookReceiverTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var admin: String!

    override func setUp() async throws {
        host = try await TestHost.start(plugins: ["PatchbaySlack", "PatchbayGitHub", "PatchbayShopify", "PatchbayGoogleSheets"])
        key = try await host.key()
        admin = try await host.key(scopes: [.admin])
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func connect(_ provider: String, credentials: JSONValue, config: JSONValue = [:]) async throws -> String {
        let reply = try await host.request("POST", "/v1/connections", key: key,
                                           json: ["provider": .string(provider), "credentials": credentials, "config": config])
        guard reply.status == 201, let id = reply.json["id"]?.stringValue else {
            throw TestHostError.unexpected("connect \(provider): \(reply.status) \(reply.body)")
        }
        return id
    }

    func githubEndpoint() async throws -> (path: String, secret: String, id: String) {
        let connection = try await connect("github", credentials: ["token": .string(FakeGitHub.sandboxToken)])
        let endpoint = try await host.createEndpoint(key: key, connection: connection)
        let url = try XCTUnwrap(endpoint["url"]?.stringValue)
        return (String(url.dropFirst(host.baseURL.count)), try XCTUnwrap(endpoint["secret"]?.stringValue),
                try XCTUnwrap(endpoint["id"]?.stringValue))
    }

    func stats(_ endpoint: String) async throws -> JSONValue {
        try await host.request("GET", "/v1/webhooks/endpoints/\(endpoint)/stats", key: admin).json
    }

    func events(_ endpoint: String) async throws -> [JSONValue] {
        try await host.request("GET", "/v1/webhooks/events?endpoint_id=\(endpoint)", key: admin).json["data"]?.arrayValue ?? []
    }

    // MARK: Endpoints

    func testEndpointLifecycleShowsTheGeneratedSecretOnce() async throws {
        let connection = try await connect("github", credentials: ["token": .string(FakeGitHub.sandboxToken)])
        let created = try await host.createEndpoint(key: key, connection: connection)
        let id = try XCTUnwrap(created["id"]?.stringValue)
        XCTAssertTrue(id.hasPrefix("whep_"))
        XCTAssertEqual(created["url"]?.stringValue, "\(host.baseURL)/hooks/github/\(id)")
        let secret = try XCTUnwrap(created["secret"]?.stringValue)
        XCTAssertEqual(secret.count, 40)

        let fetched = try await host.request("GET", "/v1/webhooks/endpoints/\(id)", key: key)
        XCTAssertEqual(fetched.status, 200)
        XCTAssertNil(fetched.json["secret"])
        XCTAssertFalse(fetched.body.contains(secret))
        let listed = try await host.request("GET", "/v1/webhooks/endpoints?connection_id=\(connection)", key: key)
        XCTAssertEqual(listed.json["data"]?.arrayValue?.count, 1)
        XCTAssertFalse(listed.body.contains(secret))
        let database = try Data(contentsOf: URL(fileURLWithPath: host.dataDirectory + "/patchbay.sqlite"))
        XCTAssertNil(database.range(of: Data(secret.utf8)), "the secret is sealed in the database")

        let disabled = try await host.request("POST", "/v1/webhooks/endpoints/\(id)/disable", key: key)
        XCTAssertEqual(disabled.json["status"], "disabled")
        let enabled = try await host.request("POST", "/v1/webhooks/endpoints/\(id)/enable", key: key)
        XCTAssertEqual(enabled.json["status"], "active")
        let deleted = try await host.request("DELETE", "/v1/webhooks/endpoints/\(id)", key: key)
        XCTAssertEqual(deleted.json["status"], "deleted")
        let revived = try await host.request("POST", "/v1/webhooks/endpoints/\(id)/enable", key: key)
        XCTAssertEqual(revived.status, 409)
        XCTAssertEqual(revived.errorCode, "endpoint_deleted")
    }

    func testEndpointInputIsCheckedAndOtherAccountsSeeNothing() async throws {
        let slack = try await host.connectSlack(key: key)
        let noSecret = try await host.request("POST", "/v1/webhooks/endpoints", key: key, json: ["connection_id": .string(slack)])
        XCTAssertEqual(noSecret.status, 400)
        XCTAssertEqual(noSecret.errorField, "secret")
        let channelOnSlack = try await host.request("POST", "/v1/webhooks/endpoints", key: key,
                                                    json: ["connection_id": .string(slack), "secret": "s3cret-signing", "channel_id": "c"])
        XCTAssertEqual(channelOnSlack.errorField, "channel_id")
        let unknownField = try await host.request("POST", "/v1/webhooks/endpoints", key: key, json: ["connection": .string(slack)])
        XCTAssertEqual(unknownField.status, 400)
        XCTAssertEqual(unknownField.errorField, "connection")
        let wrongType = try await host.request("POST", "/v1/webhooks/endpoints", key: key, json: ["connection_id": 12])
        XCTAssertEqual(wrongType.errorField, "connection_id")
        let malformed = try await host.request("POST", "/v1/webhooks/endpoints", key: key, body: "{\"connection_id\":")
        XCTAssertEqual(malformed.errorCode, "malformed_json")
        let unknown = try await host.request("POST", "/v1/webhooks/endpoints", key: key, json: ["connection_id": "conn_nope"])
        XCTAssertEqual(unknown.status, 404)

        let created = try await host.createEndpoint(key: key, connection: slack, extra: ["secret": "s3cret-signing"])
        XCTAssertNil(created["secret"], "a secret the caller gave is not echoed")
        let id = try XCTUnwrap(created["id"]?.stringValue)
        let other = try await host.key(account: "globex", scopes: [.admin])
        for (method, path) in [("GET", "/v1/webhooks/endpoints/\(id)"), ("DELETE", "/v1/webhooks/endpoints/\(id)"),
                               ("POST", "/v1/webhooks/endpoints/\(id)/disable"), ("GET", "/v1/webhooks/endpoints/\(id)/stats")] {
            let reply = try await host.request(method, path, key: other)
            XCTAssertEqual(reply.status, 404, "\(method) \(path)")
        }
        let stolen = try await host.request("POST", "/v1/webhooks/endpoints", key: other, json: ["connection_id": .string(slack)])
        XCTAssertEqual(stolen.status, 404)
        let readOnly = try await host.key(account: "acme", scopes: [.integrationsRead])
        let refused = try await host.request("POST", "/v1/webhooks/endpoints", key: readOnly, json: ["connection_id": .string(slack)])
        XCTAssertEqual(refused.status, 403)
        let notAdmin = try await host.request("GET", "/v1/webhooks/endpoints/\(id)/stats", key: key)
        XCTAssertEqual(notAdmin.status, 403)
    }

    // MARK: GitHub

    func testSignedGitHubDeliveryIsStoredOnceAndDuplicatesAreAcknowledged() async throws {
        let (path, secret, id) = try await githubEndpoint()
        let body = #"{"action":"opened","issue":{"number":7,"title":"Broken"}}"#
        let headers = ProviderWebhooks.github(secret: secret, event: "issues", delivery: "d-1", body: body)
        let first = try await host.send(path, headers: headers, body: body)
        XCTAssertEqual(first.status, 200, first.body)
        XCTAssertEqual(first.json["stored"], 1)
        let again = try await host.send(path, headers: headers, body: body)
        XCTAssertEqual(again.status, 200, "a redelivery is acknowledged")
        XCTAssertEqual(again.json["duplicates"], 1)

        let stored = try await events(id)
        XCTAssertEqual(stored.count, 1)
        XCTAssertEqual(stored.first?["type"], "github.issues.opened")
        XCTAssertEqual(stored.first?["provider_event_id"], "d-1")
        XCTAssertEqual(stored.first?["data"]?["issue"]?["number"], 7)
        let counts = try await stats(id)
        XCTAssertEqual(counts["received"], 2)
        XCTAssertEqual(counts["verified"], 2)
        XCTAssertEqual(counts["duplicates"], 1)
        XCTAssertEqual(counts["rejected"], 0)
        XCTAssertNotEqual(counts["last_event_at"], .null)
    }

    func testConcurrentDuplicatesStoreOneEvent() async throws {
        let (path, secret, id) = try await githubEndpoint()
        let body = #"{"action":"created","comment":{"id":1}}"#
        let headers = ProviderWebhooks.github(secret: secret, event: "issue_comment", delivery: "same-delivery", body: body)
        let host = try XCTUnwrap(self.host)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<24 { group.addTask { try await host.send(path, headers: headers, body: body).status } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        XCTAssertEqual(statuses, Array(repeating: 200, count: 24))
        let stored = try await events(id)
        XCTAssertEqual(stored.count, 1)
        let counts = try await stats(id)
        XCTAssertEqual(counts["duplicates"], 23)
    }

    func testBadGitHubRequestsAreRefusedAndStoreNothing() async throws {
        let (path, secret, id) = try await githubEndpoint()
        let body = #"{"action":"opened","issue":{"number":8}}"#
        let good = ProviderWebhooks.github(secret: secret, event: "issues", delivery: "d-2", body: body)

        let tampered = try await host.send(path, headers: good, body: body.replacingOccurrences(of: "8", with: "9"))
        XCTAssertEqual(tampered.status, 401)
        XCTAssertEqual(tampered.errorCode, "invalid_signature")
        let wrongSecret = try await host.send(path, headers: ProviderWebhooks.github(secret: "not-the-secret", event: "issues",
                                                                                       delivery: "d-2", body: body), body: body)
        XCTAssertEqual(wrongSecret.errorCode, "invalid_signature")
        var unsigned = good
        unsigned["X-Hub-Signature-256"] = nil
        let missing = try await host.send(path, headers: unsigned, body: body)
        XCTAssertEqual(missing.status, 401)
        XCTAssertEqual(missing.errorCode, "missing_signature")
        XCTAssertFalse(missing.body.contains(secret))

        let huge = String(repeating: "x", count: (1 << 20) + 1)
        let oversized = try await host.send(path, headers: ProviderWebhooks.github(secret: secret, event: "issues", delivery: "d-3", body: huge),
                                            body: huge)
        XCTAssertEqual(oversized.status, 413)

        let notJSON = "not json"
        let garbage = try await host.send(path, headers: ProviderWebhooks.github(secret: secret, event: "issues", delivery: "d-4", body: notJSON),
                                          body: notJSON)
        XCTAssertEqual(garbage.status, 400)
        XCTAssertEqual(garbage.errorCode, "invalid_webhook")

        let unknown = try await host.send("/hooks/github/whep_unknown", headers: good, body: body)
        XCTAssertEqual(unknown.status, 404)
        let wrongProvider = try await host.send(path.replacingOccurrences(of: "/github/", with: "/slack/"), headers: good, body: body)
        XCTAssertEqual(wrongProvider.status, 404)

        _ = try await host.request("POST", "/v1/webhooks/endpoints/\(id)/disable", key: key)
        let disabled = try await host.send(path, headers: good, body: body)
        XCTAssertEqual(disabled.status, 409)
        XCTAssertEqual(disabled.errorCode, "endpoint_disabled")

        let stored = try await events(id)
        XCTAssertEqual(stored.count, 0, "nothing refused is stored")
        let counts = try await stats(id)
        XCTAssertEqual(counts["rejected"], 6, "four refused before reading, the oversized and the unreadable body")
        XCTAssertEqual(counts["verified"], 0)
    }

    func testEmptyInvalidAndOversizedBodiesCountAsRejected() async throws {
        let (path, secret, id) = try await githubEndpoint()
        let huge = String(repeating: "x", count: (1 << 20) + 1)
        let cases: [(body: String, status: Int)] = [("", 400), ("{\"action\": ", 400), (huge, 413)]
        for (index, item) in cases.enumerated() {
            let headers = ProviderWebhooks.github(secret: secret, event: "issues", delivery: "bad-\(index)", body: item.body)
            let reply = try await host.send(path, headers: headers, body: item.body)
            XCTAssertEqual(reply.status, item.status, "\(item.body.prefix(20)): \(reply.body)")
        }
        let counts = try await stats(id)
        XCTAssertEqual(counts["rejected"], .integer(Int64(cases.count)), "\(counts)")
        XCTAssertEqual(counts["received"], .integer(Int64(cases.count)))
        XCTAssertEqual(counts["verified"], 0)

        // A body too large for an id that is no endpoint counts nowhere, and says the same.
        let unknown = try await host.send("/hooks/github/whep_unknown", headers: [:], body: huge)
        XCTAssertEqual(unknown.status, 413)
    }

    func testGitHubPingIsAnsweredAndNotAnEvent() async throws {
        let (path, secret, id) = try await githubEndpoint()
        let body = #"{"zen":"Design for failure.","hook_id":1}"#
        let reply = try await host.send(path, headers: ProviderWebhooks.github(secret: secret, event: "ping", delivery: "p-1", body: body),
                                        body: body)
        XCTAssertEqual(reply.status, 200)
        let stored = try await events(id)
        XCTAssertEqual(stored.count, 0)
    }

    // MARK: Slack

    func testSlackChallengeEventsAndReplayWindow() async throws {
        let connection = try await host.connectSlack(key: key)
        let secret = "8f742231b10e8888abcd99yyyzzz85a5"
        let endpoint = try await host.createEndpoint(key: key, connection: connection, extra: ["secret": .string(secret)])
        let id = try XCTUnwrap(endpoint["id"]?.stringValue)
        let path = "/hooks/slack/\(id)"
        let now = Int(Date().timeIntervalSince1970)

        let challenge = #"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#
        let answered = try await host.send(path, headers: ProviderWebhooks.slack(secret: secret, timestamp: now, body: challenge), body: challenge)
        XCTAssertEqual(answered.status, 200)
        XCTAssertEqual(answered.json["challenge"], "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")

        let event = #"{"type":"event_callback","event_id":"Ev0PV52K21","event_time":1700000000,"event":{"type":"app_mention","text":"hi"}}"#
        let stored = try await host.send(path, headers: ProviderWebhooks.slack(secret: secret, timestamp: now, body: event), body: event)
        XCTAssertEqual(stored.json["stored"], 1, stored.body)
        // Slack's retry of the same event carries the same event_id.
        var retry = ProviderWebhooks.slack(secret: secret, timestamp: now + 1, body: event)
        retry["X-Slack-Retry-Num"] = "1"
        retry["X-Slack-Retry-Reason"] = "http_timeout"
        let retried = try await host.send(path, headers: retry, body: event)
        XCTAssertEqual(retried.json["duplicates"], 1)

        let stale = try await host.send(path, headers: ProviderWebhooks.slack(secret: secret, timestamp: now - 301, body: event), body: event)
        XCTAssertEqual(stale.status, 401)
        XCTAssertEqual(stale.errorCode, "stale_timestamp")
        let future = try await host.send(path, headers: ProviderWebhooks.slack(secret: secret, timestamp: now + 400, body: event), body: event)
        XCTAssertEqual(future.errorCode, "stale_timestamp")

        let kept = try await events(id)
        XCTAssertEqual(kept.map { $0["type"] }, ["slack.app_mention"])
        XCTAssertNotEqual(kept.first?["occurred_at"], .null)
    }

    // MARK: Shopify

    func testShopifyDedupsOnEventIdThenWebhookId() async throws {
        let connection = try await connect("shopify", credentials: ["access_token": .string(FakeShopify.sandboxToken)],
                                           config: ["shop": "acme", "api_version": "2024-10"])
        let secret = "shpss_client_secret_0000"
        let endpoint = try await host.createEndpoint(key: key, connection: connection, extra: ["secret": .string(secret)])
        let id = try XCTUnwrap(endpoint["id"]?.stringValue)
        let path = "/hooks/shopify/\(id)"
        let body = #"{"id":820982911946154508,"email":"jon@example.com"}"#

        let first = try await host.send(path, headers: ProviderWebhooks.shopify(secret: secret, topic: "orders/create", eventID: "e-1",
                                                                               webhookID: "w-1", body: body), body: body)
        XCTAssertEqual(first.json["stored"], 1, first.body)
        // A retry keeps the event id; the webhook id may differ.
        let retry = try await host.send(path, headers: ProviderWebhooks.shopify(secret: secret, topic: "orders/create", eventID: "e-1",
                                                                               webhookID: "w-2", body: body), body: body)
        XCTAssertEqual(retry.json["duplicates"], 1)
        let legacy = try await host.send(path, headers: ProviderWebhooks.shopify(secret: secret, topic: "orders/paid", eventID: nil,
                                                                                webhookID: "w-3", body: body), body: body)
        XCTAssertEqual(legacy.json["stored"], 1)
        let legacyAgain = try await host.send(path, headers: ProviderWebhooks.shopify(secret: secret, topic: "orders/paid", eventID: nil,
                                                                                     webhookID: "w-3", body: body), body: body)
        XCTAssertEqual(legacyAgain.json["duplicates"], 1)
        let stored = try await events(id)
        XCTAssertEqual(Set(stored.compactMap { $0["type"]?.stringValue }), ["shopify.orders.create", "shopify.orders.paid"])
        let wrong = try await host.send(path, headers: ProviderWebhooks.shopify(secret: "another", topic: "orders/create", eventID: "e-9",
                                                                               webhookID: "w-9", body: body), body: body)
        XCTAssertEqual(wrong.status, 401)
    }

    // MARK: Google

    func testGoogleSyncIsAcknowledgedAndChangesAreEvents() async throws {
        let connection = try await connect("google_sheets", credentials: ["access_token": .string(FakeGoogleSheets.sandboxToken)],
                                           config: ["spreadsheet_id": .string(FakeGoogleSheets.spreadsheetID)])
        let endpoint = try await host.createEndpoint(key: key, connection: connection,
                                                     extra: ["channel_id": "channel-1", "resource_id": "resource-1"])
        let id = try XCTUnwrap(endpoint["id"]?.stringValue)
        let token = try XCTUnwrap(endpoint["secret"]?.stringValue, "the channel token is generated and shown once")
        let path = "/hooks/google_sheets/\(id)"

        let sync = try await host.send(path, headers: ProviderWebhooks.google(token: token, channel: "channel-1", number: 1, state: "sync",
                                                                             resource: "resource-1"), body: "")
        XCTAssertEqual(sync.status, 200)
        let change = try await host.send(path, headers: ProviderWebhooks.google(token: token, channel: "channel-1", number: 2, state: "update",
                                                                               resource: "resource-1"), body: "")
        XCTAssertEqual(change.json["stored"], 1, change.body)
        let repeated = try await host.send(path, headers: ProviderWebhooks.google(token: token, channel: "channel-1", number: 2,
                                                                                 state: "update", resource: "resource-1"), body: "")
        XCTAssertEqual(repeated.json["duplicates"], 1)
        let otherChannel = try await host.send(path, headers: ProviderWebhooks.google(token: token, channel: "channel-2", number: 3,
                                                                                     state: "update", resource: "resource-1"), body: "")
        XCTAssertEqual(otherChannel.status, 401)
        XCTAssertEqual(otherChannel.errorCode, "unknown_channel")
        let badToken = try await host.send(path, headers: ProviderWebhooks.google(token: "guess", channel: "channel-1", number: 4,
                                                                                 state: "update", resource: "resource-1"), body: "")
        XCTAssertEqual(badToken.errorCode, "invalid_signature")
        let stored = try await events(id)
        XCTAssertEqual(stored.map { $0["provider_event_id"] }, ["channel-1:2"])
        XCTAssertNil(stored.first?["data"]?["channel_token"], "the token is not part of the event")
    }
}
