import Foundation
import PatchbayTesting
import PatchbayWebhookSchemes
import PatchbayWire
import XCTest

/// The conformance harness that plugin authors run: every shipped plugin passes it, and each
/// deliberately broken plugin fails the check that describes its fault.
final class PluginConformanceTests: XCTestCase {
    private var suite: ConformanceSuite {
        var suite = ConformanceSuite()
        suite.callTimeout = .seconds(1)
        suite.settleTime = .milliseconds(500)
        suite.webhookVerifier = { vector, spec in try WebhookVerifier.verify(vector, spec: spec) }
        return suite
    }

    private func outcome(_ report: ConformanceReport, _ check: String) -> ConformanceCheck? {
        report.checks.first { $0.name == check }
    }

    func testTheShippedPluginsAndTheCExamplePass() async throws {
        for product in ["PatchbaySlack", "PatchbayGitHub", "PatchbayShopify", "PatchbayGoogleSheets", "PatchbayPostgres", "ExampleUptime"] {
            let report = await suite.run(pluginAt: try BuildProducts.plugin(product))
            XCTAssertTrue(report.passed, report.text)
            XCTAssertGreaterThanOrEqual(report.count(.passed), 5, report.text)
        }
        // Each webhook provider's declared vector verifies with the host's own scheme implementation.
        for product in ["PatchbaySlack", "PatchbayGitHub", "PatchbayShopify"] {
            let report = await suite.run(pluginAt: try BuildProducts.plugin(product))
            XCTAssertEqual(outcome(report, "the webhook test vector verifies")?.outcome, .passed, report.text)
        }
        // The harness links no crypto: without the host's verifier it says so instead of passing,
        // and a verifier that refuses the vector fails the check with its reason.
        var bare = suite
        bare.webhookVerifier = nil
        let unverified = await bare.run(pluginAt: try BuildProducts.plugin("PatchbayGitHub"))
        XCTAssertEqual(outcome(unverified, "the webhook test vector verifies")?.outcome, .skipped, unverified.text)
        var refusing = suite
        refusing.webhookVerifier = { _, _ in throw VectorRefused() }
        let refused = await refusing.run(pluginAt: try BuildProducts.plugin("PatchbayGitHub"))
        XCTAssertFalse(refused.passed, refused.text)
        let problem = outcome(refused, "the webhook test vector verifies")?.notes.first ?? ""
        XCTAssertTrue(problem.hasSuffix(": x-hub-signature-256 does not match"), refused.text)
        // The C example declares an example input, so the cancellation check really runs on it.
        let uptime = await suite.run(pluginAt: try BuildProducts.plugin("ExampleUptime"))
        XCTAssertEqual(outcome(uptime, "a call the host gives up on still completes exactly once")?.outcome, .passed, uptime.text)
    }

    func testAPluginThatNeverCompletesFailsEveryCallCheck() async throws {
        let report = await suite.run(pluginAt: try BuildProducts.plugin("BrokenPluginHangs"))
        XCTAssertFalse(report.passed)
        XCTAssertEqual(outcome(report, "ABI handshake and manifest")?.outcome, .passed)
        let malformed = outcome(report, "a malformed call completes once, with an error")
        XCTAssertEqual(malformed?.outcome, .failed)
        XCTAssertEqual(malformed?.notes, ["it did not complete within 1.0 seconds"])
        let cancelled = outcome(report, "a call the host gives up on still completes exactly once")
        XCTAssertEqual(cancelled?.outcome, .failed, report.text)
        XCTAssertTrue(cancelled?.notes.first?.contains("never completed after the host cancelled it") == true, report.text)
    }

    func testAPluginThatCompletesTwiceIsCaught() async throws {
        let report = await suite.run(pluginAt: try BuildProducts.plugin("BrokenPluginCompletesTwice"))
        XCTAssertFalse(report.passed)
        let unknown = outcome(report, "an unknown action completes once, with an error")
        XCTAssertEqual(unknown?.outcome, .failed)
        XCTAssertTrue(unknown?.notes.contains("it completed 2 times") == true, report.text)
    }

    func testAnUnloadablePluginStopsAtTheHandshakeWithTheReason() async throws {
        let report = await suite.run(pluginAt: try BuildProducts.plugin("BrokenPluginWrongMajor"))
        XCTAssertFalse(report.passed)
        XCTAssertNil(report.plugin)
        XCTAssertEqual(report.checks.count, 1)
        XCTAssertTrue(report.checks[0].notes.first?.contains("ABI major mismatch") == true, report.text)
        XCTAssertEqual(report.json["passed"], false)
    }
}

/// What a verifier throws when a vector does not verify, as the host's refusals do: its description says why.
private struct VectorRefused: Error, CustomStringConvertible {
    var description: String { "x-hub-signature-256 does not match" }
}
