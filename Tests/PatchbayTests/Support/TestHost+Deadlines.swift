import PatchbayClock
import PatchbayFakes
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

    /// Invokes `action` of `connection` while `upstream` answers its first request 429 with
    /// `Retry-After: 1`, on a host running on `clock`: the call must be parked on the clock for
    /// exactly that second, with nothing sent again 1 ms before it runs out, and then retried
    /// once with success, the reply listing both answers and a duration of that second.
    func invokeThroughOneRetryAfter(_ connection: String, _ action: String, input: JSONValue = [:], key: String, clock: ManualClock,
                                    upstream: any FakeProviderAPI,
                                    file: StaticString = #filePath, line: UInt = #line) async throws {
        upstream.throttleNext(1, retryAfter: 1)
        let before = upstream.requests.count
        let call = Task {
            try await request("POST", "/v1/connections/\(connection)/actions/\(action)/invoke", key: key, json: ["input": input])
        }
        // Answered 429, the call is parked on the clock until Retry-After runs out.
        try await clock.sleeper(dueIn: .seconds(1))
        XCTAssertEqual(upstream.requests.count - before, 1, file: file, line: line)
        clock.advance(by: .milliseconds(999))
        XCTAssertTrue(clock.sleepersDueIn.contains(.milliseconds(1)), "the retry was no longer waiting a moment before Retry-After ran out",
                      file: file, line: line)
        XCTAssertEqual(upstream.requests.count - before, 1, "retried before Retry-After ran out", file: file, line: line)
        clock.advance(by: .milliseconds(1))
        let reply = try await call.value
        XCTAssertEqual(reply.status, 200, reply.body, file: file, line: line)
        XCTAssertEqual(upstream.requests.count - before, 2, file: file, line: line)
        XCTAssertEqual(reply.json["requests"]?.arrayValue?.compactMap { $0["status"]?.intValue }, [429, 200], file: file, line: line)
        XCTAssertEqual(reply.json["duration_ms"], 1000, "the execution's duration is the host's time its call waited", file: file, line: line)
    }
}
