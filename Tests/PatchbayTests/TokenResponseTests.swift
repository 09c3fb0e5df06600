import Foundation
@testable import PatchbayServices
import PatchbayTesting
import PatchbayWire
import XCTest

/// Token endpoint answers in the shapes providers really send. GitHub answers form-encoded
/// unless JSON is asked for; the host asks for JSON, and must still read the other.
final class TokenResponseTests: XCTestCase {
    private func githubSpec() throws -> OAuthSpec {
        try XCTUnwrap(try PluginHarness(path: try BuildProducts.plugin("PatchbayGitHub")).manifest.oauth)
    }

    func testAFormEncodedGitHubAnswerIsRead() throws {
        let response = HTTPResponseMessage(status: 200, headers: ["content-type": "application/x-www-form-urlencoded"],
                                           body: "access_token=gho_16C7e42F292c6912E7710c838347Ae178B4a&scope=repo%2Cgist&token_type=bearer")
        let tokens = try TokenExchange.parse(response, spec: try githubSpec())
        XCTAssertEqual(tokens.accessToken, "gho_16C7e42F292c6912E7710c838347Ae178B4a")
        XCTAssertNil(tokens.refreshToken)
        XCTAssertNil(tokens.expiresIn)
    }

    func testAFormEncodedErrorKeepsTheProvidersCode() throws {
        // GitHub reports a bad code with HTTP 200 and an error in the body.
        let response = HTTPResponseMessage(status: 200, headers: [:],
                                           body: "error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired.")
        XCTAssertThrowsError(try TokenExchange.parse(response, spec: try githubSpec())) { error in
            guard case TokenExchange.Failure.refused(let code, let description)? = error as? TokenExchange.Failure else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(code, "bad_verification_code")
            XCTAssertEqual(description, "The code passed is incorrect or expired.")
        }
    }

    func testAJSONAnswerWithRotationAndExpiryIsRead() throws {
        let response = HTTPResponseMessage(status: 200, headers: ["content-type": "application/json"],
                                           body: #"{"access_token":"ghu_a","expires_in":28800,"refresh_token":"ghr_b","token_type":"bearer"}"#)
        let tokens = try TokenExchange.parse(response, spec: try githubSpec())
        XCTAssertEqual(tokens.accessToken, "ghu_a")
        XCTAssertEqual(tokens.refreshToken, "ghr_b")
        XCTAssertEqual(tokens.expiresIn, 28800)
    }
}
