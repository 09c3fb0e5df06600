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

    /// Calls and events are written member by member, without their `JSONValue` first: the
    /// same bytes as their wire value, written by the tree's writer.
    func testCallsAndEventsAreWrittenAsTheirWireValues() throws {
        let headers = ["x-github-event": "issues", "content-type": "application/json", "X-Upper": "é \"quoted\"\n",
                       "x-github-delivery": "72d3162e", "": "empty name", "x-hub-signature-256": "sha256=00ff"]
        let calls = [
            PluginCall(),
            PluginCall(config: ["owner": "octocat", "nested": ["b": [1, 2.5, nil, true], "a": "x/y"]],
                       webhook: InboundWebhook(headers: headers, body: #"{"action":"opened","t":"tab\there \u00e9"}"#)),
            PluginCall(action: "post_message", input: ["channel": "C1", "text": "a\u{1}b"], config: [:], credentials: ["token": "t", "b": "2"],
                       webhook: InboundWebhook(headers: [:], body: ""), checkedAddresses: ["credentials.dsn": "203.0.113.5"],
                       connectionID: "conn_1"),
            PluginCall(action: "a", input: .null),
        ]
        for call in calls {
            XCTAssertEqual(String(decoding: try WireCoding.encode(call), as: UTF8.self),
                           String(decoding: try WireCoding.encode(call.wire), as: UTF8.self))
        }
        let events = [
            WebhookEvent(id: "d1", type: "issues", key: "github.issues.opened", occurredAt: "2025-01-31T12:00:00Z",
                         payload: ["z": 1, "a": ["é": "\"", "b": nil]]),
            WebhookEvent(id: "d2", type: "t", key: "k", payload: .null),
            WebhookEvent.withBodyAsPayload(id: "d3\n", type: "issues", key: "github.issues.closed", occurredAt: "now"),
        ]
        for list in [[], [events[2]], events] {
            XCTAssertEqual(String(decoding: try WireCoding.encode(list), as: UTF8.self),
                           String(decoding: try WireCoding.encode(list.wireList), as: UTF8.self))
            XCTAssertEqual(WebhookEvent.decode(try WireCoding.encode(list)), list)
        }
        XCTAssertThrowsError(try WireCoding.encode(PluginCall(input: ["n": .number(.nan)])), "NaN still has no JSON form")
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
