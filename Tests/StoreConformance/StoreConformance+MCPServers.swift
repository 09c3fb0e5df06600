import Foundation
import PatchbayModel
import PatchbayStore
import PatchbayWire
import XCTest

/// Remote MCP servers: found, refreshed and deleted only by their account, one per id, listed
/// newest first.
extension StoreConformance {
    static func mcpServer(_ id: String, account: String, at time: Millis = 100) -> MCPServerRecord {
        MCPServerRecord(id: id, accountID: account, url: "https://mcp.example.com/mcp",
                        tools: [["name": "echo", "description": "Ünïcode survives", "inputSchema": ["type": "object"]]],
                        serverInfo: ["name": "example", "version": "1.0"], createdAt: time, toolsUpdatedAt: time)
    }

    public func mcpServersAnswerOnlyToTheirAccount() async throws {
        let store = try await tenants()
        let mine = Self.mcpServer("conn_a", account: Self.accountA)
        try await store.insertMCPServer(mine)
        let found = try await store.mcpServer(id: "conn_a", accountID: Self.accountA)
        XCTAssertEqual(found, mine, "the server did not read back as written")
        let foreign = try await store.mcpServer(id: "conn_a", accountID: Self.accountB)
        XCTAssertNil(foreign)
        let foreignList = try await store.mcpServers(accountID: Self.accountB)
        XCTAssertEqual(foreignList, [])

        let foreignUpdate = try await store.updateMCPServerTools(id: "conn_a", accountID: Self.accountB, tools: [], serverInfo: [:], at: 200)
        XCTAssertFalse(foreignUpdate)
        let foreignDelete = try await store.deleteMCPServer(id: "conn_a", accountID: Self.accountB)
        XCTAssertFalse(foreignDelete)
        let untouched = try await store.mcpServer(id: "conn_a", accountID: Self.accountA)
        XCTAssertEqual(untouched, mine, "another account's update or delete reached this server")

        let tools: JSONValue = [["name": "add", "inputSchema": ["type": "object", "properties": ["a": ["type": "number"]]]]]
        let updated = try await store.updateMCPServerTools(id: "conn_a", accountID: Self.accountA, tools: tools,
                                                           serverInfo: ["name": "example", "version": "2.0"], at: 300)
        XCTAssertTrue(updated)
        let reread = try await store.mcpServer(id: "conn_a", accountID: Self.accountA)
        XCTAssertEqual(reread?.tools, tools)
        XCTAssertEqual(reread?.serverInfo["version"], "2.0")
        XCTAssertEqual(reread?.toolsUpdatedAt, 300)
        XCTAssertEqual(reread?.createdAt, 100, "a refresh changed the creation time")

        var authorized = Self.mcpServer("conn_o", account: Self.accountA, at: 50)
        authorized.authorization = ["issuer": "https://auth.example.com", "token_endpoint": "https://auth.example.com/token",
                                    "scopes": ["tools"]]
        try await store.insertMCPServer(authorized)
        let authorizedRead = try await store.mcpServer(id: "conn_o", accountID: Self.accountA)
        XCTAssertEqual(authorizedRead, authorized, "the authorization server's metadata did not read back as written")
        XCTAssertNil(untouched?.authorization, "a server without OAuth read back with metadata")

        let deleted = try await store.deleteMCPServer(id: "conn_a", accountID: Self.accountA)
        XCTAssertTrue(deleted)
        let again = try await store.deleteMCPServer(id: "conn_a", accountID: Self.accountA)
        XCTAssertFalse(again)
        let goneUpdate = try await store.updateMCPServerTools(id: "conn_a", accountID: Self.accountA, tools: [], serverInfo: [:], at: 400)
        XCTAssertFalse(goneUpdate, "a refresh of a deleted server must say there is none")
    }

    public func mcpServersListNewestFirstAndRefuseADuplicate() async throws {
        let store = try await tenants()
        try await store.insertMCPServer(Self.mcpServer("conn_1", account: Self.accountA, at: 100))
        try await store.insertMCPServer(Self.mcpServer("conn_3", account: Self.accountA, at: 300))
        try await store.insertMCPServer(Self.mcpServer("conn_2", account: Self.accountA, at: 300))
        try await store.insertMCPServer(Self.mcpServer("conn_4", account: Self.accountB, at: 400))
        do {
            try await store.insertMCPServer(Self.mcpServer("conn_1", account: Self.accountA, at: 500))
            XCTFail("a second server of the same id was stored")
        } catch let error as StoreError {
            guard case .conflict = error else { return XCTFail("expected a conflict, got \(error)") }
        }
        let listed = try await store.mcpServers(accountID: Self.accountA)
        XCTAssertEqual(listed.map(\.id), ["conn_3", "conn_2", "conn_1"], "not ordered newest first, then by id")
        let other = try await store.mcpServers(accountID: Self.accountB)
        XCTAssertEqual(other.map(\.id), ["conn_4"])
    }
}
