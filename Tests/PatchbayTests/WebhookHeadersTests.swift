import HTTPTypes
import Hummingbird
import NIOCore
@testable import PatchbayAPI
import XCTest

/// The headers map a webhook is verified and parsed with.
final class WebhookHeadersTests: XCTestCase {
    func testNamesAreLowercaseAndRepeatedFieldsAreJoinedInOrder() throws {
        var fields = HTTPFields()
        for (name, value) in [("X-Hub-Signature-256", "sha256=ab"), ("Accept", "text/plain"), ("X-GitHub-Event", "push"),
                              ("accept", "application/json"), ("ACCEPT", ""), ("X-Empty", "")] {
            fields.append(HTTPField(name: try XCTUnwrap(HTTPField.Name(name)), value: value))
        }
        let request = Request(head: HTTPRequest(method: .post, scheme: "http", authority: "127.0.0.1", path: "/hooks/github/x",
                                                headerFields: fields),
                              body: RequestBody(buffer: ByteBuffer()))
        XCTAssertEqual(RequestInput.headers(request), [
            "x-hub-signature-256": "sha256=ab", "accept": "text/plain,application/json,", "x-github-event": "push", "x-empty": "",
        ])
    }
}
