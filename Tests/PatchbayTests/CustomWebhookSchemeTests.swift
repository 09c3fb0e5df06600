import Crypto
import Foundation
import PatchbayFakes
import PatchbayPluginTelemetry
import PatchbayPlugins
import PatchbayServices
import PatchbayWebhookSchemes
import PatchbayWire
import XCTest

/// A provider the host has never heard of verifies its webhooks with no host change: the C
/// example plugin declares its own scheme as manifest data (hex key, base64 `s1=` entries,
/// `{id}:{timestamp}:{body}`, a two-minute window, a delivery id header, a ping handshake),
/// and signed deliveries go end to end through the host's public receiver.
final class CustomWebhookSchemeTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var admin: String!

    override func setUp() async throws {
        host = try await TestHost.start(plugins: ["ExampleUptime"], allowEgress: ["127.0.0.0/8"])
        key = try await host.key()
        admin = try await host.key(scopes: [.admin])
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func endpoint() async throws -> (path: String, id: String, secret: String) {
        let connection = try await host.request("POST", "/v1/connections", key: key,
                                                json: ["provider": "uptime", "config": ["site_url": .string(host.fakes.baseURLs["slack"]!)]])
        let connectionID = try XCTUnwrap(connection.json["id"]?.stringValue, connection.body)
        let created = try await host.createEndpoint(key: key, connection: connectionID)
        let url = try XCTUnwrap(created["url"]?.stringValue)
        return (String(url.dropFirst(host.baseURL.count)), try XCTUnwrap(created["id"]?.stringValue), try XCTUnwrap(created["secret"]?.stringValue))
    }

    /// Signs as the monitor does, independently of the host's verifier.
    func signed(_ body: String, id: String, secret: String, event: String = "check.down", at time: Date = Date(),
                extraSignatures: [String] = []) -> [String: String] {
        let timestamp = String(Int(time.timeIntervalSince1970))
        let keyBytes = Data(stride(from: 0, to: secret.count, by: 2).map { offset -> UInt8 in
            let start = secret.index(secret.startIndex, offsetBy: offset)
            return UInt8(secret[start..<secret.index(start, offsetBy: 2)], radix: 16)!
        })
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id):\(timestamp):\(body)".utf8), using: SymmetricKey(data: keyBytes))
        let signature = (extraSignatures + ["s1=" + Data(mac).base64EncodedString()]).joined(separator: " ")
        return ["uptime-delivery": id, "uptime-timestamp": timestamp, "uptime-signature": signature, "uptime-event": event,
                "content-type": "application/json"]
    }

    func events(_ endpoint: String) async throws -> [JSONValue] {
        try await host.request("GET", "/v1/webhooks/events?endpoint_id=\(endpoint)", key: admin).json["data"]?.arrayValue ?? []
    }

    func testTheCatalogShowsTheDeclaredSchemeAndTheHostGeneratesAHexSecret() async throws {
        let entry = try await host.request("GET", "/v1/catalog/uptime", key: key)
        XCTAssertEqual(entry.json["supports_webhooks"], true, entry.body)
        XCTAssertEqual(entry.json["webhook_scheme"], "uptime_v1")
        let (_, _, secret) = try await endpoint()
        XCTAssertEqual(secret.count, 60, "30 random bytes in hex, as the scheme reads its key")
        XCTAssertTrue(secret.allSatisfy(\.isHexDigit), secret)
    }

    func testSignedDeliveriesAreStoredOnceAndEveryBadOneIsRefused() async throws {
        let (path, endpointID, secret) = try await endpoint()
        let body = #"{"site":"https://www.example.com","status":"down"}"#
        let good = signed(body, id: "d-1", secret: secret)
        let first = try await host.send(path, headers: good, body: body)
        XCTAssertEqual(first.status, 200, first.body)
        XCTAssertEqual(first.json["stored"], 1)

        // The sender's retry, and another body under the same delivery id: the host's id header decides.
        let replay = try await host.send(path, headers: good, body: body)
        XCTAssertEqual(replay.json["duplicates"], 1, replay.body)
        let sameID = #"{"site":"https://www.example.com","status":"up"}"#
        let resent = try await host.send(path, headers: signed(sameID, id: "d-1", secret: secret), body: sameID)
        XCTAssertEqual(resent.status, 200, resent.body)
        XCTAssertEqual(resent.json["duplicates"], 1, resent.body)

        var refusals: [(String, [String: String], String)] = [
            ("invalid_signature", signed(body, id: "d-2", secret: String(repeating: "ab", count: 30)), "signed with another key"),
            ("stale_timestamp", signed(body, id: "d-3", secret: secret, at: Date().addingTimeInterval(-180)), "older than the window"),
            ("stale_timestamp", signed(body, id: "d-4", secret: secret, at: Date().addingTimeInterval(180)), "from the future"),
        ]
        var unsignedID = signed(body, id: "d-5", secret: secret)
        unsignedID["uptime-delivery"] = "d-6"
        refusals.append(("invalid_signature", unsignedID, "the delivery id is signed"))
        var missingID = signed(body, id: "d-7", secret: secret)
        missingID["uptime-delivery"] = nil
        refusals.append(("missing_signature", missingID, "no delivery id"))
        var wrongPrefix = signed(body, id: "d-8", secret: secret)
        wrongPrefix["uptime-signature"] = wrongPrefix["uptime-signature"]!.replacingOccurrences(of: "s1=", with: "s2=")
        refusals.append(("invalid_signature", wrongPrefix, "another version's entry is no signature"))
        for (code, headers, why) in refusals {
            let reply = try await host.send(path, headers: headers, body: body)
            XCTAssertEqual(reply.status, 401, "\(why): \(reply.body)")
            XCTAssertEqual(reply.errorCode, code, why)
            XCTAssertFalse(reply.body.contains(secret), why)
        }
        let tampered = try await host.send(path, headers: signed(body, id: "d-9", secret: secret), body: body + " ")
        XCTAssertEqual(tampered.status, 401, tampered.body)

        // While the monitor rotates keys it sends two entries; one matching is enough.
        let rotated = signed(body, id: "d-10", secret: secret, extraSignatures: ["s1=" + Data(repeating: 7, count: 32).base64EncodedString()])
        let accepted = try await host.send(path, headers: rotated, body: body)
        XCTAssertEqual(accepted.json["stored"], 1, accepted.body)

        let stored = try await events(endpointID)
        XCTAssertEqual(Set(stored.compactMap { $0["provider_event_id"]?.stringValue }), ["d-1", "d-10"], "\(stored)")
        XCTAssertEqual(Set(stored.compactMap { $0["type"]?.stringValue }), ["uptime.check.down"])
        XCTAssertEqual(stored.first { $0["provider_event_id"] == "d-1" }?["data"]?["status"], "down", "the first body is the one kept")
        let stats = try await host.request("GET", "/v1/webhooks/endpoints/\(endpointID)/stats", key: admin).json
        XCTAssertEqual(stats["rejected"], .integer(Int64(refusals.count + 1)), "\(stats)")
    }

    func testAPingIsAnsweredAndNotStoredButOnlyWhenSigned() async throws {
        let (path, endpointID, secret) = try await endpoint()
        let ping = try await host.send(path, headers: signed("{}", id: "p-1", secret: secret, event: "ping"), body: "{}")
        XCTAssertEqual(ping.status, 200, ping.body)
        XCTAssertEqual(ping.json, ["ok": true])
        let forged = try await host.send(path, headers: ["uptime-event": "ping", "uptime-delivery": "p-2"], body: "{}")
        XCTAssertEqual(forged.status, 401, forged.body)
        let stored = try await events(endpointID)
        XCTAssertEqual(stored, [])
    }

    func testASecretGivenInAnotherEncodingIsRefused() async throws {
        let connection = try await host.request("POST", "/v1/connections", key: key,
                                                json: ["provider": "uptime", "config": ["site_url": .string(host.fakes.baseURLs["slack"]!)]])
        let reply = try await host.request("POST", "/v1/webhooks/endpoints", key: key, json: [
            "connection_id": .string(connection.json["id"]?.stringValue ?? ""), "secret": "not-hex-at-all",
        ])
        XCTAssertEqual(reply.status, 400, reply.body)
        XCTAssertEqual(reply.json["error"]?["field"], "secret", reply.body)
        let channel = try await host.request("POST", "/v1/webhooks/endpoints", key: key, json: [
            "connection_id": .string(connection.json["id"]?.stringValue ?? ""), "channel_id": "ch-1",
        ])
        XCTAssertEqual(channel.status, 400, "the scheme declares no channel header: \(channel.body)")
    }

    func testTheManifestsVectorVerifiesWithTheHostsImplementation() throws {
        let registry = PluginRegistry()
        registry.load(path: try BuildProducts.plugin("ExampleUptime"))
        let spec = try XCTUnwrap(registry.plugins.first?.manifest.webhooks)
        XCTAssertNil(WebhookSpec.Preset(rawValue: spec.scheme), "a scheme of its own, not a preset")
        try WebhookVerifier.verify(try XCTUnwrap(spec.testVector), spec: spec)
    }
}
