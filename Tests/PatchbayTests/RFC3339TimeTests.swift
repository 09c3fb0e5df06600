@testable import PatchbayAPI
import XCTest

/// Date-time query parameters (`/v1/audit?since=…`) read every RFC 3339 value the API declares,
/// on the proleptic Gregorian calendar, and refuse the rest.
final class RFC3339TimeTests: XCTestCase {
    func testKnownAnswers() {
        XCTAssertEqual(RFC3339Time.millis("2026-01-31T12:00:00Z"), 1_769_860_800_000)
        XCTAssertEqual(RFC3339Time.millis("2026-01-31t12:00:00z"), 1_769_860_800_000)
        XCTAssertEqual(RFC3339Time.millis("0418-02-03T10:36:29Z"), -48_973_469_011_000, "a year Foundation's parser refuses")
        XCTAssertEqual(RFC3339Time.millis("2024-02-29T23:59:59.5+05:30"), 1_709_231_399_500)
        XCTAssertEqual(RFC3339Time.millis("1969-12-31T23:59:59.999Z"), -1)
        XCTAssertEqual(RFC3339Time.millis("2026-01-31T12:00:00.123456789Z"), 1_769_860_800_123, "digits past milliseconds are dropped")
    }

    func testValuesThatAreNotDatesAreRefused() {
        for text in ["", "2026-01-31", "2026-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
                     "2026-01-31T24:00:00Z", "2026-01-31T12:00:00", "2026-01-31T12:00:00+24:00", "2026-01-31 12:00:00Z",
                     "2026-01-31T12:00:00Z\n"] {
            XCTAssertNil(RFC3339Time.millis(text), text)
        }
    }
}
