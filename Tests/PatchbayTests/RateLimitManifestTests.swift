import Foundation
import PatchbayWire
import XCTest

/// The manifest's optional `rate_limits` section: defaults, round trip, and the rules a
/// plugin's section must follow before the host loads it.
final class RateLimitManifestTests: XCTestCase {
    let base = #"""
        {"id":"acme","name":"Acme","version":"1.0.0","category":"data","description":"d",
         "auth":{"type":"bearer","credential":"token"},"credentials":[{"name":"token"}],
         "actions":[{"name":"ping","description":"p","input_schema":{"type":"object"},"output_schema":{}}]
        """#

    func manifest(_ limits: String?) throws -> Manifest {
        let json = base + (limits.map { #","rate_limits":"# + $0 } ?? "") + "}"
        return try WireCoding.decode(Manifest.self, from: Data(json.utf8))
    }

    func testTheSectionIsOptionalAndAnEmptyOneMeansRetryAfterOnA429() throws {
        XCTAssertNil(try manifest(nil).rateLimits, "a manifest without rate_limits still loads")
        let empty = try XCTUnwrap(try manifest("{}").rateLimits)
        XCTAssertEqual(empty, RateLimitSpec())
        XCTAssertEqual(empty.scope, .connection)
        XCTAssertEqual(empty.throttleStatuses, [429])
        XCTAssertEqual(empty.retryAfterHeader, "retry-after")
        XCTAssertEqual(ManifestValidator.problems(in: try manifest("{}")), [])

        // What a plugin encodes is what the host decodes.
        let shipped = RateLimitSpec(scope: .app, throttleStatuses: [403, 429],
                                    window: .init(remainingHeader: "X-RateLimit-Remaining", resetHeader: "x-ratelimit-reset"),
                                    bucket: .init(header: "x-shopify-shop-api-call-limit", leakPerSecond: 2, initialMax: 40))
        var full = try manifest(nil)
        full.rateLimits = shipped
        let decoded = try WireCoding.decode(Manifest.self, from: try WireCoding.encode(full))
        XCTAssertEqual(decoded.rateLimits, shipped)
        XCTAssertEqual(ManifestValidator.problems(in: decoded), [])
    }

    func testAMalformedSectionNamesEachFieldAtFault() throws {
        let problems = ManifestValidator.problems(in: try manifest(#"""
            {"throttle_statuses":[200,429],"retry_after_header":"",
             "window":{"remaining_header":"x remaining","reset_header":"x-reset"},
             "bucket":{"header":"x-limit","leak_per_second":0,"initial_max":0}}
            """#)).map(\.path)
        XCTAssertEqual(Set(problems), ["rate_limits.throttle_statuses[0]", "rate_limits.retry_after_header",
                                       "rate_limits.window.remaining_header", "rate_limits.bucket.leak_per_second",
                                       "rate_limits.bucket.initial_max"])
        XCTAssertEqual(ManifestValidator.problems(in: try manifest(#"{"throttle_statuses":[]}"#)).map(\.path), ["rate_limits.throttle_statuses"])
        XCTAssertThrowsError(try manifest(#"{"scope":"workspace"}"#), "an unknown scope is refused, not read as another")
    }
}
