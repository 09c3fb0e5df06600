import Foundation
import Logging
import PatchbayEgress
import PatchbayFakes
import PatchbayPlugins
import PatchbayTesting
import PatchbayWire
import XCTest

/// Recording a plugin's HTTP once against a fake service through the real egress, and
/// replaying it offline: what plugin authors use to test without the network.
final class CassetteTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "patchbay-cassette-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testRecordedExamplesReplayOfflineAndTheRecordingHoldsNoSecret() async throws {
        let slack = try BuildProducts.plugin("PatchbaySlack")
        let harness = try PluginHarness(path: slack)
        let token = FakeSlack.sandboxToken

        // Record every example against the fake Slack, through the host's egress with the token injected.
        let fakes = try await FakeUpstreams.start()
        var settings = TestHost.fastEgress
        let base = URL(string: fakes.baseURLs["slack"]!)!
        settings.addresses.trust(base)
        let egress = Egress(settings: settings, logger: Logger(label: "test"))
        let target = EgressTarget(baseURL: base, allowedHosts: [],
                                  auth: harness.manifest.auth, credentials: ["bot_token": token])
        let recording = CassetteRecording(everythingIn: harness.manifest)
        XCTAssertEqual(recording.calls.last, .discover, "discovery is recorded after the examples")
        let result = await recording.record(harness, credentials: ["bot_token": token], http: { await egress.send($0, to: target) })
        XCTAssertEqual(result.failures, [])
        try await egress.shutdown()
        await fakes.stop()

        let path = directory + "/slack.json"
        try result.cassette.save(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertFalse(text.contains(token), "the cassette holds the token")
        XCTAssertGreaterThan(result.cassette.interactions.count, 4, text)

        // The fake is gone: every answer now comes from the recording.
        let report = await ConformanceSuite().run(pluginAt: slack, replaying: try Cassette.load(from: path))
        for check in ["examples run and their outputs match the output schema", "discovery returns a well-formed schema"] {
            XCTAssertEqual(report.checks.first { $0.name == check }?.outcome, .passed, report.text)
        }
        XCTAssertTrue(report.passed, report.text)
    }

    func testAReplayWithoutTheRequestNamesWhatWasMissing() async throws {
        let player = CassettePlayer(Cassette())
        let harness = try PluginHarness(path: try BuildProducts.plugin("PatchbaySlack"))
        let reply = await harness.invoke("auth_test", input: [:], http: player.performer)
        guard case .failure(let error) = reply else { return XCTFail("succeeded with an empty cassette") }
        XCTAssertEqual(error.code, "cassette_miss", error.message)
        XCTAssertEqual(player.misses, ["GET /auth.test"])

        let report = await ConformanceSuite().run(pluginAt: try BuildProducts.plugin("PatchbaySlack"), replaying: Cassette())
        XCTAssertFalse(report.passed)
        let examples = report.checks.first { $0.name == "examples run and their outputs match the output schema" }
        XCTAssertEqual(examples?.outcome, .failed)
        XCTAssertTrue(examples?.notes.first?.contains("cassette_miss") == true, report.text)
    }

    func testTheRecorderScrubsSecretsAndSessionHeadersAndEachAnswerIsUsedOnce() async throws {
        let recorder = CassetteRecorder(recording: { request in
            HTTPResponseMessage(status: 200, headers: ["set-cookie": "session=abc", "x-request-id": "r1"],
                                body: #"{"echo":"\#(request.query["key"] ?? "")","token":"s3cr3t-value"}"#)
        }, secrets: ["s3cr3t-value"])
        let request = HTTPRequestMessage(method: "GET", path: "/items", query: ["key": "s3cr3t-value"])
        let live = await recorder.performer(request)
        XCTAssertTrue(live.body.contains("s3cr3t-value"), "the live answer must be untouched")

        let recorded = try XCTUnwrap(recorder.cassette.interactions.first)
        XCTAssertEqual(recorded.request.query["key"], "[REDACTED]")
        XCTAssertFalse(recorded.response.body.contains("s3cr3t-value"))
        XCTAssertNil(recorded.response.headers["set-cookie"])
        XCTAssertEqual(recorded.response.headers["x-request-id"], "r1")

        let player = CassettePlayer(Cassette(interactions: [recorded]))
        let scrubbedRequest = HTTPRequestMessage(method: "GET", path: "/items", query: ["key": "[REDACTED]"])
        let first = await player.performer(scrubbedRequest)
        XCTAssertEqual(first.status, 200)
        let second = await player.performer(scrubbedRequest)
        XCTAssertEqual(second.error?.code, "cassette_miss")
    }
}
