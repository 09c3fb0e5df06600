import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayFakes
import PatchbayWire
import XCTest

/// Kills the real `patchbay serve` with SIGKILL in the middle of a burst of webhooks, starts it
/// again on the same data, and checks the inbox's promises: every event that got a 2xx is
/// stored once and reaches the agent, and every repeated delivery carries the same webhook-id.
final class WebhookCrashTests: XCTestCase {
    var directory: String!
    var agent: FakeAgentReceiver!
    var served: ServedHost!
    var server: Process? { served.process }

    override func setUp() async throws {
        directory = NSTemporaryDirectory() + "patchbay-crash-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        served = ServedHost(directory: directory)
        agent = try await FakeAgentReceiver.start()
    }

    override func tearDown() async throws {
        served.kill()
        await agent.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func serve(log: String) throws -> String {
        try served.start(log: log, arguments: ["--delivery-lease", "2", "--delivery-retry-base", "1", "--allow-private-webhook-targets"])
    }

    func adminKey() throws -> String { try served.adminKey(account: "crash") }

    func call(_ base: String, _ method: HTTPMethod, _ path: String, key: String, json: JSONValue? = nil) async throws -> JSONValue {
        try await ServedHost.call(base, method, path, key: key, json: json)
    }

    /// Sends one GitHub delivery; true when the host answered 2xx.
    static func deliver(_ base: String, path: String, secret: String, delivery: String) async -> Bool {
        let body = #"{"action":"opened","issue":{"title":"\#(delivery)"}}"#
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        for (name, value) in ProviderWebhooks.github(secret: secret, event: "issues", delivery: delivery, body: body) {
            request.headers.add(name: name, value: value)
        }
        request.body = .bytes(ByteBuffer(string: body))
        guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(5)) else { return false }
        _ = try? await response.body.collect(upTo: 1 << 20)
        return (200..<300).contains(Int(response.status.code))
    }

    func testSigkillMidBurstLosesNoAcknowledgedEvent() async throws {
        let first = try serve(log: directory + "/serve-1.log")
        let key = try adminKey()
        let connection = try await call(first, .POST, "/v1/connections", key: key,
                                        json: ["provider": "github", "credentials": ["token": .string(FakeGitHub.sandboxToken)]])
        let endpoint = try await call(first, .POST, "/v1/webhooks/endpoints", key: key,
                                      json: ["connection_id": try XCTUnwrap(connection["id"])])
        let endpointID = try XCTUnwrap(endpoint["id"]?.stringValue)
        let secret = try XCTUnwrap(endpoint["secret"]?.stringValue)
        let path = "/hooks/github/\(endpointID)"
        let crashBot = try await call(first, .POST, "/v1/agents", key: key, json: ["name": "crash-bot"])
        _ = try await call(first, .POST, "/v1/webhooks/subscriptions", key: key,
                           json: ["agent_id": try XCTUnwrap(crashBot["id"]), "endpoint_id": .string(endpointID), "url": .string(agent.url)])

        // A burst from 16 senders; the host is killed once a third of it has been acknowledged.
        let ids = (0..<300).map { "burst-\($0)" }
        let acknowledged = LockedSet()
        let serverPID = try XCTUnwrap(server?.processIdentifier)
        await withTaskGroup(of: Void.self) { group in
            for lane in 0..<16 {
                group.addTask {
                    // A sender stops at its first failure: the host is gone.
                    for index in stride(from: lane, to: ids.count, by: 16) {
                        guard await WebhookCrashTests.deliver(first, path: path, secret: secret, delivery: ids[index]) else { return }
                        if acknowledged.insert(ids[index]) == 100 { kill(serverPID, SIGKILL) }
                    }
                }
            }
        }
        server?.waitUntilExit()
        XCTAssertEqual(server?.terminationReason, .uncaughtSignal)
        let acked = acknowledged.all
        XCTAssertGreaterThanOrEqual(acked.count, 100)
        XCTAssertLessThan(acked.count, ids.count, "the kill landed mid-burst")

        // After the restart the sender redelivers what it never heard a 2xx for, as GitHub does.
        let second = try serve(log: directory + "/serve-2.log")
        let missing = ids.filter { !acked.contains($0) }
        let redelivered = await withTaskGroup(of: Bool.self) { group in
            for lane in 0..<16 {
                group.addTask {
                    var ok = true
                    for index in stride(from: lane, to: missing.count, by: 16) {
                        ok = await WebhookCrashTests.deliver(second, path: path, secret: secret, delivery: missing[index]) && ok
                    }
                    return ok
                }
            }
            return await group.allSatisfy { $0 }
        }
        XCTAssertTrue(redelivered)

        // Every event is stored exactly once ...
        var stored: [String] = []
        var cursor: String?
        repeat {
            let page = try await call(second, .GET, "/v1/webhooks/events?endpoint_id=\(endpointID)&limit=200"
                                      + (cursor.map { "&cursor=\($0)" } ?? ""), key: key)
            stored += page["data"]?.arrayValue?.compactMap { $0["provider_event_id"]?.stringValue } ?? []
            cursor = page["next_cursor"]?.stringValue
        } while cursor != nil
        XCTAssertEqual(stored.count, ids.count)
        XCTAssertEqual(Set(stored), Set(ids))

        // ... and reaches the agent at least once, every copy with the same webhook-id.
        let webhookIDs = {
            var byEvent: [String: Set<String>] = [:]
            for request in self.agent.requests {
                guard let payload = try? WireCoding.decode(JSONValue.self, from: Data(request.body.utf8)),
                      let event = payload["provider_event_id"]?.stringValue, let id = request.headers["webhook-id"] else { continue }
                byEvent[event, default: []].insert(id)
            }
            return byEvent
        }
        try await eventually("every event to reach the agent", within: .seconds(60)) { webhookIDs().count == ids.count }
        let byEvent = webhookIDs()
        XCTAssertEqual(Set(byEvent.keys), Set(ids), "every event reached the agent")
        XCTAssertTrue(byEvent.values.allSatisfy { $0.count == 1 }, "redeliveries keep their webhook-id")
        XCTAssertGreaterThanOrEqual(agent.requests.count, ids.count)

        server?.terminate()
        server?.waitUntilExit()
    }
}
