import XCTest

extension XCTestCase {
    /// Waits until `condition` holds, and fails the test when it has not within `timeout`.
    func eventually(_ what: String, within timeout: Duration = .seconds(10), file: StaticString = #filePath, line: UInt = #line,
                    _ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !(await condition()) {
            guard ContinuousClock.now < deadline else { return XCTFail("timed out waiting for \(what)", file: file, line: line) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
