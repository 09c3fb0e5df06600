import XCTest

/// `serve`'s retention settings are whole days, from the flags or the environment, checked
/// before anything starts.
extension CLITests {
    func testServeRefusesRetentionThatIsNotAWholeNumberOfDays() throws {
        let directory = NSTemporaryDirectory() + "never-created"
        let refused: [([String], [String: String], String)] = [
            (["--retain-executions=-1"], [:], "--retain-executions must be a whole number of days"),
            (["--retain-webhook-events", "2w"], [:], "--retain-webhook-events must be a whole number of days"),
            ([], ["PATCHBAY_RETAIN_WEBHOOK_EVENTS": "fortnight"], "PATCHBAY_RETAIN_WEBHOOK_EVENTS must be a whole number of days"),
            ([], ["PATCHBAY_RETAIN_EXECUTIONS": "99999"], "PATCHBAY_RETAIN_EXECUTIONS must be a whole number of days"),
        ]
        for (arguments, environment, message) in refused {
            let (status, output) = try run(["serve", "--port", "0", "--data-dir", directory] + arguments, withErrors: true,
                                           environment: environment)
            XCTAssertNotEqual(status, 0, "\(arguments) \(environment)")
            XCTAssertTrue(output.contains(message), "\(arguments) \(environment): \(output)")
            XCTAssertEqual(output.components(separatedBy: "\n").filter { $0.contains("whole number of days") }.count, 1, output)
        }
    }

    func testServeTakesRetentionInDaysWithTheFlagOverTheEnvironment() throws {
        // Accepted values get past the retention check to the port check, which refuses 70000.
        for (arguments, environment) in [(["--retain-executions", "0", "--retain-webhook-events", "7"], [:]),
                                         (["--retain-executions", "3"], ["PATCHBAY_RETAIN_EXECUTIONS": "nonsense"]),
                                         ([], ["PATCHBAY_RETAIN_EXECUTIONS": "90", "PATCHBAY_RETAIN_WEBHOOK_EVENTS": "0"])] {
            let (status, output) = try run(["serve", "--port", "70000", "--data-dir", NSTemporaryDirectory() + "never-created"]
                                               + arguments, withErrors: true, environment: environment)
            XCTAssertNotEqual(status, 0)
            XCTAssertTrue(output.contains("--port must be from 1 to 65535"), "\(arguments) \(environment): \(output)")
            XCTAssertFalse(output.contains("days"), "\(arguments) \(environment): \(output)")
        }
    }
}
