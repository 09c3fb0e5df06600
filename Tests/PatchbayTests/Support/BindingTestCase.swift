import XCTest

/// A host with the Postgres and Google Sheets plugins, a key that may manage and call skills,
/// and an agent: what every binding test starts from.
class BindingTestCase: XCTestCase {
    var host: TestHost!
    var key: String!
    var agent: String!

    override func setUp() async throws {
        // The test database listens on loopback, which a connection string may name only when allowed.
        host = try await TestHost.start(plugins: ["PatchbayPostgres", "PatchbayGoogleSheets"], allowEgress: ["127.0.0.0/8"])
        key = try await host.key(scopes: TestHost.agentScopes)
        agent = try await host.createAgent(key: key)
    }

    override func tearDown() async throws {
        try await host.stop()
    }
}
