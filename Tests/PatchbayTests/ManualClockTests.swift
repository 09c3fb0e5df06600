import PatchbayClock
import XCTest

/// The clock tests move: a sleeper wakes exactly when the clock reaches its deadline, a
/// cancelled one at once, and a test can wait until sleepers are parked, or fails when they
/// never are instead of hanging.
final class ManualClockTests: XCTestCase {
    func testASleeperWakesWhenTheClockReachesItsDeadlineAndNotBefore() async throws {
        let clock = ManualClock(wallMillis: 1_000)
        let start = clock.now
        let sleeper = Task { try await clock.sleep(for: .seconds(5)) }
        try await clock.sleepers(atLeast: 1)
        clock.advance(by: .milliseconds(4_999))
        XCTAssertEqual(clock.sleeperCount, 1, "woken before its deadline")
        clock.advance(by: .milliseconds(1))
        XCTAssertEqual(clock.sleeperCount, 0)
        try await sleeper.value
        XCTAssertEqual(clock.now - start, .seconds(5))
        XCTAssertEqual(clock.wallMillis, 6_000, "wall time moves with the monotonic time")
    }

    func testWallTimeCountsEveryMillisecondOfLongAndShortAdvances() {
        let clock = ManualClock(wallMillis: 0)
        clock.advance(by: .milliseconds(43_199_999))
        XCTAssertEqual(clock.wallMillis, 43_199_999)
        // Half a millisecond twice is one whole one.
        clock.advance(by: .microseconds(500))
        XCTAssertEqual(clock.wallMillis, 43_199_999)
        clock.advance(by: .microseconds(500))
        XCTAssertEqual(clock.wallMillis, 43_200_000)
    }

    func testASleepWhoseDeadlineHasPassedReturnsAtOnce() async throws {
        let clock = ManualClock()
        let deadline = clock.now + .seconds(1)
        clock.advance(by: .seconds(2))
        try await clock.sleep(until: deadline)
        XCTAssertEqual(clock.sleeperCount, 0)
    }

    func testCancellingASleeperEndsItsSleepWithCancellationError() async throws {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(for: .seconds(60)) }
        try await clock.sleepers(atLeast: 1)
        sleeper.cancel()
        do {
            try await sleeper.value
            XCTFail("a cancelled sleep returned normally")
        } catch is CancellationError {}
        XCTAssertEqual(clock.sleeperCount, 0)
    }

    func testAWaitForSleepersThatNeverParkFailsAtItsLimitNamingWhatItWaitedFor() async throws {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(for: .seconds(5)) }
        defer { sleeper.cancel() }
        try await clock.sleepers(atLeast: 1)
        do {
            try await clock.sleepers(atLeast: 2, within: .milliseconds(100))
            XCTFail("a wait for a second sleeper that never parks returned")
        } catch let timeout as ManualClockWaitTimeout {
            XCTAssertEqual(timeout.sleepersDueIn, [.seconds(5)])
            XCTAssertTrue(timeout.description.contains("at least 2 sleepers") && timeout.description.contains("1 sleeper was parked"),
                          timeout.description)
        }
        do {
            try await clock.sleeper(dueIn: .seconds(3), within: .milliseconds(100))
            XCTFail("a wait for a sleeper due in 3 s returned while the only one is due in 5 s")
        } catch let timeout as ManualClockWaitTimeout {
            XCTAssertTrue(timeout.description.contains("a sleeper due in"), timeout.description)
        }
    }

    func testAWaitForASleeperDueAtACertainTimeTellsItFromTheOthers() async throws {
        let clock = ManualClock()
        let sweep = Task { try await clock.sleep(for: .seconds(60)) }
        defer { sweep.cancel() }
        try await clock.sleepers(atLeast: 1)
        let wanted = Task { try await clock.sleep(for: .seconds(2)) }
        try await clock.sleeper(dueIn: .seconds(2))
        XCTAssertEqual(clock.sleepersDueIn, [.seconds(2), .seconds(60)])
        clock.advance(by: .milliseconds(1_999))
        XCTAssertEqual(clock.sleepersDueIn, [.milliseconds(1), .milliseconds(58_001)])
        clock.advance(by: .milliseconds(1))
        try await wanted.value
        XCTAssertEqual(clock.sleepersDueIn, [.seconds(58)])
    }
}
