import Foundation
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime
import PatchbayClient
import PatchbayFakes
import PatchbayWire
import XCTest

/// The generated Swift client (`PatchbayClient`) against a live host: it lists the catalog,
/// creates a connection and reads the typed reply, and reads a refusal as the document's error envelope.
final class PatchbayClientTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var client: Client!

    override func setUp() async throws {
        host = try await TestHost.start()
        key = try await host.key()
        client = Client(serverURL: try XCTUnwrap(URL(string: host.baseURL)), configuration: .patchbay,
                        transport: AsyncHTTPClientTransport(), middlewares: [BearerToken(key)])
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func testListsTheCatalogAndCreatesAConnection() async throws {
        let catalog = try await client.getV1Catalog()
        guard case .ok = catalog else { return XCTFail("\(catalog)") }

        let created = try await client.postV1Connections(body: .json(.init(
            credentials: .init(additionalProperties: ["bot_token": FakeSlack.sandboxToken]), label: "From the Swift client", provider: "slack")))
        guard case .created(let answer) = created else { return XCTFail("\(created)") }
        // The reply is typed by the document's schema, so the client reads it without JSON by hand.
        let connection = try answer.body.json
        XCTAssertEqual(connection.label, "From the Swift client")
        XCTAssertEqual(connection.provider, "slack")
        XCTAssertTrue(connection.hasCredentials)
        let listed = try await host.request("GET", "/v1/connections", key: key)
        XCTAssertEqual(listed.json["data"]?.arrayValue?.first?["id"]?.stringValue, connection.id)
    }

    func testARefusalIsTheDocumentsErrorEnvelope() async throws {
        let refused = try await client.postV1Connections(body: .json(.init(provider: "nothing_such")))
        guard case .badRequest(let answer) = refused else { return XCTFail("\(refused)") }
        XCTAssertEqual(try answer.body.json.error.code, .unknownProvider)
        XCTAssertEqual(try answer.body.json.error.field, "provider")

        let stranger = Client(serverURL: try XCTUnwrap(URL(string: host.baseURL)), configuration: .patchbay, transport: AsyncHTTPClientTransport(),
                              middlewares: [BearerToken("pb_wrong_key")])
        let unauthenticated = try await stranger.getV1Catalog()
        guard case .unauthorized(let answer) = unauthenticated else { return XCTFail("\(unauthenticated)") }
        XCTAssertEqual(try answer.body.json.error.code, .invalidApiKey)
    }
}
