import Foundation
import PatchbayWire
import XCTest

/// The manifest's optional `oauth` section: defaults, compatibility, and the rules a plugin's
/// section must follow before the host loads it.
final class OAuthManifestTests: XCTestCase {
    let base = #"""
        {"id":"acme","name":"Acme","version":"1.0.0","category":"data","description":"d",
         "auth":{"type":"bearer","credential":"token"},"credentials":[{"name":"token"}],
         "actions":[{"name":"ping","description":"p","input_schema":{"type":"object"},"output_schema":{}}]
        """#

    func manifest(_ oauth: String?) throws -> Manifest {
        let json = base + (oauth.map { #","oauth":"# + $0 } ?? "") + "}"
        return try WireCoding.decode(Manifest.self, from: Data(json.utf8))
    }

    func testTheSectionIsOptionalAndItsDefaultsAreTheSpecs() throws {
        XCTAssertNil(try manifest(nil).oauth, "a manifest without oauth still loads")
        let minimal = try XCTUnwrap(try manifest(#"{"authorize_url":"https://a/auth","token_url":"https://a/token","credential":"token"}"#).oauth)
        XCTAssertEqual(minimal.clientAuth, .body)
        XCTAssertFalse(minimal.pkce)
        XCTAssertFalse(minimal.refresh)
        XCTAssertEqual(minimal.accessTokenPath, "access_token")
        XCTAssertEqual(minimal.scopeSeparator, " ")
        XCTAssertEqual(ManifestValidator.problems(in: try manifest(#"{"authorize_url":"https://a/auth","token_url":"https://a/token","credential":"token"}"#)), [])

        // What a plugin encodes is what the host decodes.
        let shipped = OAuthSpec(authorizeURL: "https://{shop}.x/authorize", tokenURL: "https://{shop}.x/token", pkce: true,
                                clientAuth: .basic, accessTokenPath: "authed_user.access_token", credential: "token", refresh: true,
                                defaultScopes: ["a", "b"], scopeSeparator: ",", authorizeParams: ["access_type": "offline"],
                                promptValues: ["consent"], callbackHMAC: true)
        let roundTrip = try WireCoding.decode(OAuthSpec.self, from: try WireCoding.encode(shipped))
        XCTAssertEqual(roundTrip, shipped)
    }

    /// `callback_host_param` is data; a manifest from before it that signs its callback meant
    /// `shop`, and one that says null means no check.
    func testTheCallbackHostParameterAndItsMeaningInOlderManifests() throws {
        let urls = #""authorize_url":"https://{shop}.x/authorize","token_url":"https://{shop}.x/token","credential":"token""#
        XCTAssertEqual(try manifest("{\(urls),\"callback_hmac\":true}").oauth?.callbackHostParam, "shop")
        XCTAssertNil(try manifest("{\(urls),\"callback_hmac\":true,\"callback_host_param\":null}").oauth?.callbackHostParam)
        XCTAssertEqual(try manifest("{\(urls),\"callback_host_param\":\"tenant\"}").oauth?.callbackHostParam, "tenant")
        XCTAssertNil(try manifest("{\(urls)}").oauth?.callbackHostParam)
        let unchecked = OAuthSpec(authorizeURL: "https://a/auth", tokenURL: "https://a/token", pkce: false, credential: "token", callbackHMAC: true)
        XCTAssertEqual(try WireCoding.decode(OAuthSpec.self, from: try WireCoding.encode(unchecked)), unchecked)
    }

    func testEveryProblemIsReportedAtOnce() throws {
        let broken = try manifest(#"{"authorize_url":"ftp://a/auth","token_url":"nope","credential":"secret","access_token_path":""}"#)
        let paths = ManifestValidator.problems(in: broken).map(\.path)
        XCTAssertEqual(Set(paths), ["oauth.authorize_url", "oauth.token_url", "oauth.credential", "oauth.access_token_path"])
        XCTAssertThrowsError(try manifest(#"{"authorize_url":"https://a","token_url":"https://b","credential":"token","client_auth":"jwt"}"#),
                             "an unknown client_auth does not decode")
    }
}
