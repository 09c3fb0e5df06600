import Foundation
@testable import PatchbayServices
import XCTest

/// The rules of MCP authorization discovery the host applies to what servers publish.
final class MCPOAuthDiscoveryTests: XCTestCase {
    func testWellKnownURIsAreInsertedBetweenTheHostAndThePath() throws {
        let resource = try XCTUnwrap(URL(string: "https://mcp.example.com:8443/v1/mcp?x=1"))
        XCTAssertEqual(MCPOAuthDiscovery.wellKnown("oauth-protected-resource", for: resource, rootToo: true).map(\.absoluteString), [
            "https://mcp.example.com:8443/.well-known/oauth-protected-resource/v1/mcp",
            "https://mcp.example.com:8443/.well-known/oauth-protected-resource",
        ])
        let issuer = try XCTUnwrap(URL(string: "https://auth.example.com/tenant/"))
        XCTAssertEqual(MCPOAuthDiscovery.wellKnown("oauth-authorization-server", for: issuer, rootToo: false).map(\.absoluteString),
                       ["https://auth.example.com/.well-known/oauth-authorization-server/tenant"])
        let root = try XCTUnwrap(URL(string: "https://auth.example.com"))
        XCTAssertEqual(MCPOAuthDiscovery.wellKnown("oauth-authorization-server", for: root, rootToo: true).map(\.absoluteString),
                       ["https://auth.example.com/.well-known/oauth-authorization-server"])
    }

    func testAResourceCoversOnlyServersOfItsOriginAtOrBelowItsPath() throws {
        let server = try XCTUnwrap(URL(string: "https://mcp.example.com/v1/mcp"))
        XCTAssertTrue(MCPOAuthDiscovery.covers("https://mcp.example.com/v1/mcp", server))
        XCTAssertTrue(MCPOAuthDiscovery.covers("https://mcp.example.com", server))
        XCTAssertTrue(MCPOAuthDiscovery.covers("https://MCP.example.com/v1/", server))
        XCTAssertFalse(MCPOAuthDiscovery.covers("https://mcp.example.com/v1/mcp-other", server))
        XCTAssertFalse(MCPOAuthDiscovery.covers("https://mcp.example.com/v1/m", server))
        XCTAssertFalse(MCPOAuthDiscovery.covers("https://evil.example.com/v1/mcp", server))
        XCTAssertFalse(MCPOAuthDiscovery.covers("http://mcp.example.com/v1/mcp", server))
        XCTAssertFalse(MCPOAuthDiscovery.covers("https://mcp.example.com:444/v1/mcp", server))
        XCTAssertFalse(MCPOAuthDiscovery.covers("not a url", server))
    }

    func testBearerChallengeParametersAreReadQuotedOrNot() {
        let header = #"Bearer error="invalid_token", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="a b", realm=mcp"#
        XCTAssertEqual(MCPOAuthDiscovery.bearerParameters(header), [
            "error": "invalid_token", "resource_metadata": "https://mcp.example.com/.well-known/oauth-protected-resource/mcp",
            "scope": "a b", "realm": "mcp",
        ])
        XCTAssertEqual(MCPOAuthDiscovery.bearerParameters(#"bearer Scope="say \"hi\"""#), ["scope": #"say "hi""#])
        XCTAssertEqual(MCPOAuthDiscovery.bearerParameters(#"Basic realm="x""#), [:], "another scheme's challenge is not read")
        XCTAssertEqual(MCPOAuthDiscovery.bearerParameters("Bearer"), [:])
    }

    func testEndpointsTheFlowCannotUseAreRefused() {
        XCTAssertTrue(MCPOAuthDiscovery.usableEndpoint("https://auth.example.com/authorize"))
        XCTAssertFalse(MCPOAuthDiscovery.usableEndpoint("https://auth.example.com/authorize?tenant=1"))
        XCTAssertFalse(MCPOAuthDiscovery.usableEndpoint("https://{tenant}.example.com/authorize"))
        XCTAssertFalse(MCPOAuthDiscovery.usableEndpoint("javascript:alert(1)"))
        XCTAssertFalse(MCPOAuthDiscovery.usableEndpoint("/authorize"))
    }
}
