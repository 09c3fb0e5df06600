import Foundation
import Logging
import PatchbayAPI
import Synchronization
import XCTest

/// `serve --log-format json`: one JSON object per entry, whose four fixed fields metadata
/// cannot replace, numbers kept as numbers, and the entry's error when it carries one.
final class JSONLogHandlerTests: XCTestCase {
    func testAnEntryIsOneObjectWithItsFixedFieldsMetadataAndError() throws {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "patchbay.test") { label in
            JSONLogHandler(label: label) { line in lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "request_id"] = "req_1"
        struct Refused: Error, CustomStringConvertible { var description: String { "the upstream refused" } }
        logger.warning("call failed", error: Refused(),
                       metadata: ["status": .stringConvertible(503), "level": "forged", "message": "forged"])

        let written = lines.withLock { $0 }
        XCTAssertEqual(written.count, 1)
        XCTAssertFalse(written[0].contains("\n"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: Any])
        XCTAssertEqual(object["level"] as? String, "warning", "metadata cannot replace a fixed field")
        XCTAssertEqual(object["message"] as? String, "call failed")
        XCTAssertEqual(object["label"] as? String, "patchbay.test")
        XCTAssertEqual(object["request_id"] as? String, "req_1")
        XCTAssertEqual(object["status"] as? Int, 503, "a number stays a number")
        XCTAssertEqual(object["error"] as? String, "the upstream refused")
        XCTAssertNotNil((object["time"] as? String).flatMap { ISO8601DateFormatter.withMilliseconds.date(from: $0) })
    }
}

private extension ISO8601DateFormatter {
    static var withMilliseconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
