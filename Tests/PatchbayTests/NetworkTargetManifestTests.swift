import Foundation
import PatchbayWire
import XCTest

/// How a manifest declares the fields that name a place to connect to, and what the host hands
/// a plugin about them.
final class NetworkTargetManifestTests: XCTestCase {
    func manifest(baseURLConfigField: String? = nil, targets: [NetworkTarget]) -> Manifest {
        Manifest(id: "acme", name: "Acme", version: "1", category: "data", description: "d", baseURL: "https://api.acme.com",
                 baseURLConfigField: baseURLConfigField, auth: .bearer("token"),
                 credentials: [CredentialField(name: "token", label: "Token", description: ""),
                               CredentialField(name: "dsn", label: "DSN", description: "")],
                 configSchema: ["type": "object", "properties": ["base_url": ["type": "string"]]],
                 networkTargets: targets,
                 actions: [ActionSpec(name: "ping", title: "Ping", description: "d", inputSchema: ["type": "object"], outputSchema: [:])])
    }

    func testTargetsNameADeclaredFieldOnceAndAConfigBaseURLMustBeOne() {
        let valid = manifest(baseURLConfigField: "base_url", targets: [
            NetworkTarget(field: "config.base_url", kind: .url), NetworkTarget(field: "credentials.dsn", kind: .postgresDSN),
        ])
        XCTAssertEqual(ManifestValidator.problems(in: valid), [])

        let undeclared = manifest(baseURLConfigField: "base_url", targets: [])
        XCTAssertEqual(ManifestValidator.problems(in: undeclared).map(\.path), ["base_url_config_field"],
                       "a base URL from the config would go unchecked")
        let wrongKind = manifest(baseURLConfigField: "base_url", targets: [NetworkTarget(field: "config.base_url", kind: .postgresDSN)])
        XCTAssertEqual(ManifestValidator.problems(in: wrongKind).map(\.path), ["base_url_config_field"])

        let unknown = manifest(targets: [
            NetworkTarget(field: "config.host", kind: .url), NetworkTarget(field: "credentials.password", kind: .postgresDSN),
            NetworkTarget(field: "base_url", kind: .url), NetworkTarget(field: "credentials.dsn", kind: .postgresDSN),
            NetworkTarget(field: "credentials.dsn", kind: .postgresDSN),
        ])
        XCTAssertEqual(ManifestValidator.problems(in: unknown).map(\.path),
                       ["network_targets[0].field", "network_targets[1].field", "network_targets[2].field", "network_targets[4].field"])
    }

    func testTargetsAndCheckedAddressesTravelAsJSON() throws {
        let json = #"{"id":"acme","name":"Acme","version":"1","category":"data","description":"d","auth":{"type":"plugin"},"#
            + #""credentials":[{"name":"dsn"}],"network_targets":[{"field":"credentials.dsn","kind":"postgres_dsn"}],"#
            + #""actions":[{"name":"ping","description":"d","input_schema":{"type":"object"},"output_schema":{}}]}"#
        let decoded = try JSONDecoder().decode(Manifest.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.networkTargets, [NetworkTarget(field: "credentials.dsn", kind: .postgresDSN)])
        let badKind = json.replacingOccurrences(of: "postgres_dsn", with: "mysql_dsn")
        XCTAssertThrowsError(try JSONDecoder().decode(Manifest.self, from: Data(badKind.utf8)), "an unknown kind is not ignored")

        let call = PluginCall(credentials: ["dsn": "postgres://u:p@db.acme.com/app"], checkedAddresses: ["credentials.dsn": "93.184.215.14"],
                              connectionID: "conn_1")
        XCTAssertEqual(call.wire["checked_addresses"], ["credentials.dsn": "93.184.215.14"])
        XCTAssertEqual(call.wire["connection_id"], "conn_1")
        XCTAssertEqual(try PluginCall(wire: call.wire), call)
        XCTAssertNil(PluginCall().wire["checked_addresses"], "absent when nothing was checked")
        XCTAssertNil(PluginCall().wire["connection_id"], "absent for a call outside a connection")
        XCTAssertThrowsError(try PluginCall(wire: ["connection_id": 7]), "a connection id that is not a string is refused")
    }
}
