import XCTest

/// `serve`'s MCP session options are checked before anything starts.
extension CLITests {
    func testServeRefusesMCPSessionLimitsBelowOne() throws {
        for arguments in [["--mcp-idle-timeout", "0"], ["--mcp-max-sessions", "0"]] {
            let (status, output) = try run(["serve", "--port", "0", "--data-dir", NSTemporaryDirectory() + "never-created"] + arguments,
                                           withErrors: true)
            XCTAssertNotEqual(status, 0, "\(arguments)")
            XCTAssertTrue(output.contains("at least 1"), "\(arguments): \(output)")
        }
    }
}
