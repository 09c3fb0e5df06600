import Foundation
import PatchbayFakes
import XCTest

/// `patchbay plugin record` and `plugin test --config`: what an author who does not write
/// Swift (a C or Rust plugin) uses to make and replay a cassette.
extension CLITests {
    func testRecordMakesACassetteThatPluginTestReplaysAndThatHoldsNoToken() async throws {
        let slack = try BuildProducts.plugin("PatchbaySlack")
        let directory = NSTemporaryDirectory() + "patchbay-record-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let credentials = directory + "/credentials.json"
        try Data(#"{"bot_token": "\#(FakeSlack.sandboxToken)"}"#.utf8).write(to: URL(fileURLWithPath: credentials))
        let cassette = directory + "/slack.json"

        let fakes = try await FakeUpstreams.start()
        let upstream = try XCTUnwrap(fakes.baseURLs["slack"])
        let (recorded, said) = try run(["plugin", "record", "--plugin", slack, "--upstream", upstream,
                                        "--credentials-file", credentials, "--output", cassette], withErrors: true)
        XCTAssertEqual(recorded, 0, said)
        XCTAssertTrue(said.contains("from 5 call(s) (auth_test, post_message, list_channels, list_users, discovery)"), said)

        // A wrong token: every call fails, nothing is written, and the token is not echoed.
        try Data(#"{"bot_token": "xoxb-not-the-one"}"#.utf8).write(to: URL(fileURLWithPath: credentials))
        let refusedPath = directory + "/refused.json"
        let (refused, why) = try run(["plugin", "record", "--plugin", slack, "--upstream", upstream,
                                      "--credentials-file", credentials, "--output", refusedPath], withErrors: true)
        XCTAssertEqual(refused, 1, why)
        XCTAssertTrue(why.contains("nothing written: 5 of 5 call(s) failed"), why)
        XCTAssertTrue(why.contains("auth_test: invalid_auth"), why)
        XCTAssertFalse(why.contains("xoxb-not-the-one"), why)
        XCTAssertFalse(FileManager.default.fileExists(atPath: refusedPath))

        // --append adds one call to the cassette, and the first recording is kept.
        try Data(#"{"bot_token": "\#(FakeSlack.sandboxToken)"}"#.utf8).write(to: URL(fileURLWithPath: credentials))
        let (appended, appendSaid) = try run(["plugin", "record", "--plugin", slack, "--upstream", upstream, "--credentials-file", credentials,
                                              "--action", "auth_test", "--input", "{}", "--output", cassette, "--append"], withErrors: true)
        XCTAssertEqual(appended, 0, appendSaid)
        await fakes.stop()

        let text = try String(contentsOfFile: cassette, encoding: .utf8)
        XCTAssertFalse(text.contains(FakeSlack.sandboxToken), "the cassette holds the token")
        let interactions = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])["interactions"] as? [Any]
        XCTAssertEqual(interactions?.count, 6, "five recorded calls and the appended one")

        // The fake is gone: the examples and discovery run from the recording alone.
        let (replayed, report) = try run(["plugin", "test", slack, "--cassette", cassette])
        XCTAssertEqual(replayed, 0, report)
        XCTAssertTrue(report.contains("PASS  examples run and their outputs match the output schema"), report)
        XCTAssertTrue(report.contains("PASS  discovery returns a well-formed schema"), report)
    }

    func testRecordRefusesWhatItCannotRecordWithAReason() throws {
        let slack = try BuildProducts.plugin("PatchbaySlack")
        let (noAction, usage) = try run(["plugin", "record", "--plugin", slack, "--input", "{}"], withErrors: true)
        XCTAssertNotEqual(noAction, 0)
        XCTAssertTrue(usage.contains("--input needs --action"), usage)

        let (unknown, named) = try run(["plugin", "record", "--plugin", slack, "--action", "nope"], withErrors: true)
        XCTAssertNotEqual(unknown, 0)
        XCTAssertTrue(named.contains("slack has no action nope (it has: auth_test"), named)

        let (badInput, input) = try run(["plugin", "record", "--plugin", slack, "--action", "auth_test", "--input", "[1]"], withErrors: true)
        XCTAssertNotEqual(badInput, 0)
        XCTAssertTrue(input.contains("--input must be a JSON object"), input)

        let (missing, file) = try run(["plugin", "record", "--plugin", slack, "--credentials-file", "/nonexistent/credentials.json"], withErrors: true)
        XCTAssertNotEqual(missing, 0)
        XCTAssertTrue(file.contains("cannot read --credentials-file"), file)

        let postgres = try BuildProducts.plugin("PatchbayPostgres")
        let (itself, reason) = try run(["plugin", "record", "--plugin", postgres], withErrors: true)
        XCTAssertEqual(itself, 1)
        XCTAssertTrue(reason.contains("postgres reaches its service itself"), reason)
    }

    /// A plugin that refuses calls without its config is only checked for cancellation when
    /// `plugin test` is given that config.
    func testPluginTestRunsTheCancellationCheckWithTheGivenConfig() throws {
        let sheets = try BuildProducts.plugin("PatchbayGoogleSheets")
        let check = "a call the host gives up on still completes exactly once"
        let (_, without) = try run(["plugin", "test", sheets])
        XCTAssertTrue(without.contains("SKIP  \(check)"), without)
        XCTAssertTrue(without.contains("invalid_config"), without)

        let (status, with) = try run(["plugin", "test", sheets, "--config", #"{"spreadsheet_id": "abcdefghijkl"}"#])
        XCTAssertEqual(status, 0, with)
        XCTAssertTrue(with.contains("PASS  \(check)"), with)
    }
}
