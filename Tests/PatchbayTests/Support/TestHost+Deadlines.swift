import PatchbayClock
import PatchbayWire
import XCTest

extension TestHost {
    /// Invokes `action` of `connection` and moves `clock` to the call's `deadline`: the call must
    /// still be unanswered, its deadline asleep on the clock, 1 ms before it, and the reply it
    /// gets at the deadline is returned. `inFlight` runs once the request is sent, before the
    /// clock moves (to wait until a plugin has taken the call, say).
    func invokeUntilItsDeadline(_ connection: String, _ action: String, key: String, clock: ManualClock, deadline: Duration,
                                inFlight: () async throws -> Void = {},
                                file: StaticString = #filePath, line: UInt = #line) async throws -> Reply {
        let parked = clock.sleeperCount
        let answered = ManagedFlag()
        let call = Task {
            defer { answered.set() }
            return try await request("POST", "/v1/connections/\(connection)/actions/\(action)/invoke", key: key, json: ["input": [:]])
        }
        defer { call.cancel() }
        try await inFlight()
        try await clock.sleepers(atLeast: parked + 1)
        clock.advance(by: deadline - .milliseconds(1))
        XCTAssertGreaterThanOrEqual(clock.sleeperCount, parked + 1, "the deadline woke early", file: file, line: line)
        XCTAssertFalse(answered.isSet, "the call ended before its deadline", file: file, line: line)
        clock.advance(by: .milliseconds(1))
        return try await call.value
    }
}
