import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
@testable import PatchbayServices
import PatchbayWire
import XCTest

/// Helpers for webhook tests: raw requests with a provider's headers, signing as the providers
/// do, and a delivery worker with test-speed settings.
extension TestHost {
    func send(_ path: String, headers: [String: String], body: String) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 10 << 20)
        var replyHeaders: [String: String] = [:]
        for header in response.headers { replyHeaders[header.name.lowercased()] = header.value }
        return Reply(status: Int(response.status.code), headers: replyHeaders, body: String(buffer: buffer))
    }

    /// Creates an agent in `account` for subscriptions to belong to, and returns its id.
    func createSubscriber(account: String = "acme", name: String) async throws -> String {
        try await createAgent(key: try await key(account: account, scopes: [.skillsWrite]), name: name)
    }

    /// Creates a webhook endpoint for `connection` and returns its JSON (with the secret when generated).
    func createEndpoint(key: String, connection: String, extra: [String: JSONValue] = [:]) async throws -> JSONValue {
        var body = extra
        body["connection_id"] = .string(connection)
        let reply = try await request("POST", "/v1/webhooks/endpoints", key: key, json: .object(body))
        guard reply.status == 201 else { throw TestHostError.unexpected("create endpoint: \(reply.status) \(reply.body)") }
        return reply.json
    }

    /// Polls the deliveries listing (`key` has scope admin) until `condition` holds on it, or
    /// fails the test after ten seconds.
    func waitForDeliveries(key: String, _ query: String = "", until condition: ([JSONValue]) -> Bool) async throws -> [JSONValue] {
        let deadline = ContinuousClock.now + .seconds(10)
        var last: [JSONValue] = []
        while ContinuousClock.now < deadline {
            last = try await request("GET", "/v1/webhooks/deliveries?\(query)", key: key).json["data"]?.arrayValue ?? []
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        XCTFail("deliveries never reached the expected state: \(last)")
        return last
    }

    /// A delivery worker on this host's store and inbox, with settings fit for tests. Cancel the task to stop it.
    func startDeliveryWorker(_ adjust: (inout WebhookSettings) -> Void = { _ in }) -> Task<Void, any Error> {
        var settings = WebhookSettings()
        settings.retryBase = .milliseconds(50)
        settings.retryCap = .seconds(2)
        settings.deliveryTimeout = .seconds(1)
        settings.sweepInterval = .seconds(1)
        settings.lease = .seconds(5)
        settings.allowPrivateTargets = patchbay.settings.webhooks.allowPrivateTargets
        adjust(&settings)
        let shipped = patchbay.webhooks.worker
        var logger = Logger(label: "test.delivery")
        logger.logLevel = .critical
        let worker = WebhookDeliveryWorker(store: shipped.store, vault: shipped.vault, settings: settings, notifier: shipped.notifier,
                                           clock: shipped.clock, logger: logger)
        return Task { try await worker.run() }
    }
}
