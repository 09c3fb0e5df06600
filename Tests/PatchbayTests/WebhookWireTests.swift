import Foundation
import PatchbayWire
import XCTest

/// The parse_webhook result on the wire: an event carries its payload, or (ABI 1.1) says its
/// payload is the webhook's body; 1.0 plugins' results still read.
final class WebhookWireTests: XCTestCase {
    func testEventsWithAPayloadOrWithTheBodyAsPayloadRoundTrip() throws {
        let events = [
            WebhookEvent(id: "d1", type: "issues", key: "github.issues.opened", occurredAt: "2025-01-31T12:00:00Z", payload: ["number": 7]),
            WebhookEvent.withBodyAsPayload(id: "d2", type: "issues", key: "github.issues.closed"),
        ]
        XCTAssertFalse(events[0].payloadIsBody)
        XCTAssertTrue(events[1].payloadIsBody)
        let data = try WireCoding.encode(events)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"[{"id":"d1","key":"github.issues.opened","occurred_at":"2025-01-31T12:00:00Z","#
            + #""payload":{"number":7},"type":"issues"},{"id":"d2","key":"github.issues.closed","payload_is_body":true,"type":"issues"}]"#)
        XCTAssertEqual(WebhookEvent.decode(data), events)
        XCTAssertEqual(try JSONDecoder().decode([WebhookEvent].self, from: data), events, "the Codable form reads the same")
        XCTAssertEqual(try WireCoding.decode([WebhookEvent].self, from: JSONEncoder().encode(events)), events, "and writes the same")
    }

    func testAPluginBuiltFor10StillReadsAndBadResultsDoNot() throws {
        let legacy = Data(#"[{"id":"e1","type":"t","key":"k","occurred_at":null,"payload":{"a":[1,2]},"extra":"ignored"}]"#.utf8)
        XCTAssertEqual(WebhookEvent.decode(legacy), [WebhookEvent(id: "e1", type: "t", key: "k", payload: ["a": [1, 2]])])
        for bad in [#"{"id":"e1"}"#, #"[{"id":"e1","type":"t","key":"k"}]"#, #"[{"id":1,"type":"t","key":"k","payload":{}}]"#,
                    #"[{"id":"e1","type":"t","key":"k","occurred_at":5,"payload":{}}]"#, "not json", "[]x"] {
            XCTAssertNil(WebhookEvent.decode(Data(bad.utf8)), bad)
        }
        XCTAssertEqual(WebhookEvent.decode(Data("[]".utf8)), [])
    }

    func testTheParseCallIsAPluginCall() throws {
        let webhook = InboundWebhook(headers: ["x-github-event": "issues"], body: #"{"action":"opened"}"#)
        let call = PluginCall(config: ["owner": "octocat"], webhook: webhook)
        XCTAssertEqual(String(decoding: try WireCoding.encode(call), as: UTF8.self),
                       #"{"config":{"owner":"octocat"},"webhook":{"body":"{\"action\":\"opened\"}","headers":{"x-github-event":"issues"}}}"#)
        XCTAssertEqual(try WireCoding.decode(PluginCall.self, from: WireCoding.encode(call)), call)
        for bad in [#"{"config":{},"webhook":{"headers":{"a":1},"body":""}}"#, #"{"config":{},"webhook":{"headers":{},"body":7}}"#,
                    #"{"config":{},"webhook":{"headers":{}}}"#, #"{"config":{},"credentials":{"t":2},"webhook":{"headers":{},"body":""}}"#] {
            XCTAssertThrowsError(try WireCoding.decode(PluginCall.self, from: Data(bad.utf8)), bad)
        }
    }
}
