import Foundation
import PatchbayFakes
import PatchbayWire
import XCTest

/// The example plugins (Uptime in C, RustUptime in Rust) share one shape: a connection names a
/// site, and `check_path` checks a page of it.
extension TestHost {
    /// A connection of `provider` to `siteURL`, by default the fake Slack's API root, which
    /// answers 200 on its methods and 404 elsewhere.
    func connectSite(_ provider: String, key: String, siteURL: String? = nil) async throws -> String {
        let site = siteURL ?? fakes.baseURLs["slack"]!
        let reply = try await request("POST", "/v1/connections", key: key,
                                      json: ["provider": .string(provider), "config": ["site_url": .string(site)]])
        guard reply.status == 201, let id = reply.json["id"]?.stringValue else {
            throw TestHostError.unexpected("connect \(provider): \(reply.status) \(reply.body)")
        }
        return id
    }

    func checkPath(_ connection: String, key: String, _ input: JSONValue) async throws -> Reply {
        try await request("POST", "/v1/connections/\(connection)/actions/check_path/invoke", key: key, json: ["input": input])
    }
}

/// What both example plugins must do alike, asserted once.
extension XCTestCase {
    /// `check_path` goes through the host and reports the status, whether it is up, and the time.
    func assertChecksPages(_ provider: String, host: TestHost, key: String,
                           file: StaticString = #filePath, line: UInt = #line) async throws {
        let connection = try await host.connectSite(provider, key: key)
        let up = try await host.checkPath(connection, key: key, ["path": "/auth.test"])
        XCTAssertEqual(up.status, 200, up.body, file: file, line: line)
        XCTAssertEqual(up.json["output"]?["status"], 200, file: file, line: line)
        XCTAssertEqual(up.json["output"]?["up"], true, file: file, line: line)
        XCTAssertEqual(up.json["output"]?["path"], "/auth.test", file: file, line: line)
        XCTAssertNotNil(up.json["output"]?["elapsed_ms"]?.intValue, file: file, line: line)
        // The request really left through egress and is on the execution's record.
        XCTAssertEqual(up.json["requests"]?.arrayValue?.count, 1, up.body, file: file, line: line)

        let missing = try await host.checkPath(connection, key: key, ["path": "/no-such-page"])
        XCTAssertEqual(missing.json["output"]?["status"], 404, missing.body, file: file, line: line)
        XCTAssertEqual(missing.json["output"]?["up"], false, file: file, line: line)

        let expected = try await host.checkPath(connection, key: key, ["path": "/no-such-page", "expect_status": 404])
        XCTAssertEqual(expected.json["output"]?["up"], true, expected.body, file: file, line: line)
    }

    /// Input the schema refuses never reaches the plugin; a site that does not answer is a 502.
    func assertRefusesBadInputAndReportsAnUnreachableSite(_ provider: String, host: TestHost, key: String,
                                                          file: StaticString = #filePath, line: UInt = #line) async throws {
        let connection = try await host.connectSite(provider, key: key)
        for input: JSONValue in [[:], ["path": "no-slash"], ["path": "/\"quote"], ["path": 5], ["path": "/", "expect_status": 42]] {
            let reply = try await host.checkPath(connection, key: key, input)
            XCTAssertEqual(reply.status, 400, "\(input): \(reply.body)", file: file, line: line)
        }

        let closed = try await host.connectSite(provider, key: key, siteURL: "http://127.0.0.1:1")
        let reply = try await host.checkPath(closed, key: key, ["path": "/"])
        XCTAssertEqual(reply.status, 502, reply.body, file: file, line: line)
        XCTAssertEqual(reply.errorCode, "connection_failed", reply.body, file: file, line: line)
    }
}
