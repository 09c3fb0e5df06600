import PatchbayClock
import XCTest

/// The clock tests move: a sleeper wakes exactly when the clock reaches its deadline, a
/// cancelled one at once, and a test can wait until sleepers are parked.
final class ManualClockTests: XCTestCase {
    func testASleeperWakesWhenTheClockReachesItsDeadlineAndNotBefore() async throws {
        let clock = ManualClock(wallMillis: 1_000)
        let start = clock.now
        let sleeper = Task { try await clock.sleep(for: .seconds(5)) }
        await clock.sleepers(atLeast: 1)
        clock.advance(by: .milliseconds(4_999))
        XCTAssertEqual(clock.sleeperCount, 1, "woken before its deadline")
        clock.advance(by: .milliseconds(1))
        XCTAssertEqual(clock.sleeperCount, 0)
        try await sleeper.value
        XCTAssertEqual(clock.now - start, .seconds(5))
        XCTAssertEqual(clock.wallMillis, 6_000, "wall time moves with the monotonic time")
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
        await clock.sleepers(atLeast: 1)
        sleeper.cancel()
        do {
            try await sleeper.value
            XCTFail("a cancelled sleep returned normally")
        } catch is CancellationError {}
        XCTAssertEqual(clock.sleeperCount, 0)
    }
}
