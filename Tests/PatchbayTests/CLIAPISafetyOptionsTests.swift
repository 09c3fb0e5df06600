import XCTest

/// `serve`'s per-key rate limit and idempotency key lifetime, checked before anything starts.
extension CLITests {
    func testServeRefusesRateLimitsAndKeyLifetimesOutOfRange() throws {
        let refused: [([String], String)] = [
            (["--api-rate-limit=-5"], "--api-rate-limit is a whole number of requests"),
            (["--api-rate-window", "0"], "--api-rate-window is a whole number of seconds from 1 to 3600, not 0"),
            (["--api-rate-window", "7200"], "--api-rate-window is a whole number of seconds from 1 to 3600, not 7200"),
            (["--idempotency-key-hours", "0"], "--idempotency-key-hours is a whole number of hours from 1 to 720, not 0"),
        ]
        for (arguments, message) in refused {
            let (status, output) = try run(["serve", "--port", "0", "--data-dir", NSTemporaryDirectory() + "never-created"] + arguments,
                                           withErrors: true)
            XCTAssertNotEqual(status, 0, "\(arguments)")
            XCTAssertTrue(output.contains(message), "\(arguments): \(output)")
        }
        // Accepted values get past these checks to the port check, which refuses 70000.
        let (status, output) = try run(["serve", "--port", "70000", "--data-dir", NSTemporaryDirectory() + "never-created",
                                        "--api-rate-limit", "600", "--api-rate-window", "3600", "--idempotency-key-hours", "720"],
                                       withErrors: true)
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(output.contains("--port must be from 1 to 65535"), output)
    }
}
