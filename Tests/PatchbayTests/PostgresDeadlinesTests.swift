import PatchbayClock
@testable import PatchbayStore
import XCTest

/// The limit the PostgreSQL store puts on each operation runs on the host's clock: an operation
/// that does not answer fails once the clock passes its limit, not before, and the timer ends
/// with the last pending operation, leaving nothing asleep on the clock.
final class PostgresDeadlinesTests: XCTestCase {
    func testAnOperationThatDoesNotAnswerFailsAtItsLimitOnTheHostsClock() async throws {
        let clock = ManualClock()
        let deadlines = PostgresDeadlines(limit: .seconds(10), clock: clock)
        // The operations wait on a clock of their own: moved, one answers; left alone, one hangs.
        let stalled = ManualClock()
        let answering = Task { try await deadlines.run { try await stalled.sleep(for: .seconds(1)); return 42 } }
        try await clock.sleeper(dueIn: .seconds(10))
        try await stalled.sleepers(atLeast: 1)
        stalled.advance(by: .seconds(1))
        let answered = try await answering.value
        XCTAssertEqual(answered, 42)
        try await eventually("the timer to end with the last pending operation") { clock.sleeperCount == 0 }

        // A second later, so that the wait found next is this operation's and no other.
        clock.advance(by: .seconds(1))
        let hung = Task { try await deadlines.run { try await stalled.sleep(for: .seconds(1)) } }
        try await clock.sleeper(dueIn: .seconds(10))
        clock.advance(by: .seconds(10) - .milliseconds(1))
        XCTAssertEqual(clock.sleepersDueIn, [.milliseconds(1)], "the operation was given up before its limit")
        clock.advance(by: .milliseconds(1))
        do {
            try await hung.value
            XCTFail("an operation that does not answer must fail at its limit")
        } catch is PostgresDeadlineExceeded {}
        try await eventually("the operation to be cancelled at its limit") { stalled.sleeperCount == 0 }
        XCTAssertEqual(clock.sleeperCount, 0, "nothing is pending, so nothing sleeps")
    }
}
