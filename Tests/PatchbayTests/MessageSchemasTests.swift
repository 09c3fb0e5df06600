import Foundation
import PatchbayPluginTelemetry
import PatchbayPlugins
import PatchbayWire
import XCTest

/// The published JSON Schemas of the plugin messages: valid schemas, matched by every message
/// the SDK and the shipped providers write, strict about the mistakes authors make, and the
/// same as the copies in docs/schemas.
final class MessageSchemasTests: XCTestCase {
    func testEverySchemaIsOneTheHostCanCheckWith() {
        XCTAssertEqual(MessageSchemas.all.count, 11)
        for (name, schema) in MessageSchemas.all {
            XCTAssertEqual(JSONSchema.problems(in: schema), [], name)
        }
    }

    func testTheMessagesTheSDKWritesMatchTheirSchemas() throws {
        let discovered = DiscoveredSchema(
            objects: [SchemaObject(name: "users", fields: [SchemaField(name: "id", type: "integer", primaryKey: true)])],
            relationships: [SchemaRelationship(from: "orders", to: "users", cardinality: .manyToOne, fromFields: ["user_id"], toFields: ["id"])],
            operations: [SchemaOperation(object: "users", kind: .lookup, action: "get_user", description: "One user")])
        let events = [WebhookEvent(id: "e1", type: "issues", key: "github.issues.opened", payload: ["number": 7]),
                      WebhookEvent.withBodyAsPayload(id: "e2", type: "issues", key: "github.issues.opened")]
        let cases: [(JSONValue, Data)] = [
            (MessageSchemas.call(for: .invoke), try WireCoding.encode(PluginCall(action: "post_message", input: ["text": "hi"]))),
            (MessageSchemas.call(for: .check), try WireCoding.encode(PluginCall(config: ["team": "T1"], credentials: ["token": "x"]))),
            (MessageSchemas.call(for: .parseWebhook), try WireCoding.encode(PluginCall(webhook: InboundWebhook(headers: [:], body: "{}")))),
            (MessageSchemas.error, try WireCoding.encode(PluginError(code: "rate_limited", message: "slow", retryable: true, upstreamStatus: 429))),
            (MessageSchemas.httpRequest, try WireCoding.encode(HTTPRequestMessage(method: "PUT", path: "/f", binaryBody: Data([0xFF])))),
            (MessageSchemas.httpResponse, try WireCoding.encode(HTTPResponseMessage(status: 200, headers: [:], bytes: Data([0xFF, 0x00])))),
            (MessageSchemas.httpResponse, try WireCoding.encode(HTTPResponseMessage.failure(PluginError(code: "upstream_timeout", message: "slow")))),
            (MessageSchemas.checkResult, try WireCoding.encode(CheckResult(ok: false, message: "bad token"))),
            (MessageSchemas.discoveredSchema, try WireCoding.encode(discovered)),
            (MessageSchemas.webhookEvents, try WireCoding.encode(events)),
        ]
        for (schema, data) in cases {
            XCTAssertEqual(MessageSchemas.violations(in: data, against: schema), [], String(decoding: data, as: UTF8.self))
        }
    }

    func testEveryShippedProvidersManifestMatchesTheManifestSchema() throws {
        let registry = PluginRegistry(logger: CapturedLog().logger)
        for product in ["PatchbaySlack", "PatchbayGitHub", "PatchbayShopify", "PatchbayGoogleSheets", "PatchbayPostgres", "ExampleUptime"] {
            let status = registry.load(path: try BuildProducts.plugin(product))
            let plugin = try XCTUnwrap(status.id.flatMap(registry.plugin), "\(product): \(status.reason ?? "")")
            let manifest = try WireCoding.encode(plugin.manifest)
            XCTAssertEqual(MessageSchemas.violations(in: manifest, against: MessageSchemas.manifest), [], product)
        }
    }

    func testMistakesAreNamedByTheMemberAtFault() {
        func problems(_ json: String, _ schema: JSONValue) -> [String] {
            MessageSchemas.violations(in: Data(json.utf8), against: schema).map(\.description)
        }
        XCTAssertEqual(problems(#"{"message":"no code"}"#, MessageSchemas.error).first?.hasPrefix("code"), true)
        XCTAssertEqual(problems(#"{"code":"x","retryable":"yes"}"#, MessageSchemas.error).first?.hasPrefix("retryable"), true)
        XCTAssertEqual(problems(#"{"code": tru"#, MessageSchemas.error), ["not valid JSON"])
        XCTAssertEqual(problems(#"{"method":"GET","path":"/f","body_base64":"%%"}"#, MessageSchemas.httpRequest).first?.hasPrefix("body_base64"), true)
        XCTAssertFalse(problems(#"{"path":"/f"}"#, MessageSchemas.httpRequest).isEmpty, "method is required")
        XCTAssertFalse(problems(#"{"config":{},"action":"x"}"#, MessageSchemas.call(for: .invoke)).isEmpty, "invoke needs input")
        XCTAssertFalse(problems(#"[{"id":"e","type":"t","key":"k"}]"#, MessageSchemas.webhookEvents).isEmpty,
                       "an event needs payload or payload_is_body")
        XCTAssertFalse(problems(#"{"objects":[],"relationships":[{"from":"a","to":"b","cardinality":"some","from_fields":[],"to_fields":[]}],"operations":[]}"#,
                                MessageSchemas.discoveredSchema).isEmpty, "an unknown cardinality")
        XCTAssertFalse(problems(#"{"ok":true}"#, MessageSchemas.checkResult).isEmpty, "message is required")
        let badID = #"{"id":"Bad Id","name":"n","version":"1","category":"c","description":"d","auth":{"type":"none"},"actions":[]}"#
        let manifestProblems = problems(badID, MessageSchemas.manifest)
        XCTAssertTrue(manifestProblems.contains { $0.hasPrefix("id") }, "\(manifestProblems)")
        XCTAssertTrue(manifestProblems.contains { $0.hasPrefix("actions") }, "at least one action: \(manifestProblems)")
    }

    func testTheDocsCarryTheSameSchemas() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/schemas")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".schema.json") }
        XCTAssertEqual(Set(files), Set(MessageSchemas.all.map { "\($0.name).schema.json" }), "regenerate with `patchbay plugin schemas docs/schemas`")
        for (name, schema) in MessageSchemas.all {
            let published = try WireCoding.decode(JSONValue.self, from: Data(contentsOf: directory.appendingPathComponent("\(name).schema.json")))
            XCTAssertEqual(published, schema, "\(name): regenerate with `patchbay plugin schemas docs/schemas`")
        }
    }
}
