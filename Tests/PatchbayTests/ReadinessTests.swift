import AsyncHTTPClient
import Foundation
import GRDB
import NIOCore
import NIOHTTP1
import PatchbayPlugins
@testable import PatchbayServices
import PatchbayStore
import PatchbayWire
import XCTest

/// `/healthz` says only that the process serves HTTP; `/readyz` says whether a load balancer
/// should send it traffic, and names each check that fails.
final class ReadinessTests: XCTestCase {
    var host: TestHost?

    override func tearDown() async throws {
        try await host?.stop()
    }

    func testAHealthyHostIsLiveAndReadyWithEachCheckNamed() async throws {
        let host = try await TestHost.start()
        self.host = host
        let live = try await host.request("GET", "/healthz")
        XCTAssertEqual(live.status, 200, live.body)
        XCTAssertEqual(live.json, ["status": "ok"], "liveness reports nothing about the store")

        let ready = try await host.request("GET", "/readyz")
        XCTAssertEqual(ready.status, 200, ready.body)
        XCTAssertEqual(ready.json["status"], "ready")
        XCTAssertEqual(ready.json["failing"], [])
        for check in ["store", "migrations", "plugins"] {
            XCTAssertEqual(ready.json["checks"]?[check]?["status"], "ok", "\(check): \(ready.body)")
        }
    }

    /// A database a newer binary migrated has a migration this build does not know: the host
    /// still starts and stays live, but is not ready, and says why.
    func testADatabaseMigratedByANewerBinaryIsNotReady() async throws {
        // It writes into the SQLite file; PostgresCLITests covers PostgreSQL.
        let host = try await TestHost.start(store: .sqlite)
        self.host = host
        let database = try DatabaseQueue(path: host.dataDirectory + "/patchbay.sqlite")
        try await database.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('zz_from_a_newer_release')")
        }

        let ready = try await host.request("GET", "/readyz")
        XCTAssertEqual(ready.status, 503, ready.body)
        XCTAssertNotNil(ready.headers["retry-after"])
        XCTAssertEqual(ready.json["status"], "not_ready")
        XCTAssertEqual(ready.json["failing"], ["migrations"], ready.body)
        let detail = try XCTUnwrap(ready.json["checks"]?["migrations"]?["detail"]?.stringValue, ready.body)
        XCTAssertTrue(detail.contains("zz_from_a_newer_release") && detail.contains("newer patchbay"), detail)
        XCTAssertEqual(ready.json["checks"]?["store"]?["status"], "ok")
        let live = try await host.request("GET", "/healthz")
        XCTAssertEqual(live.status, 200, live.body)
    }

    /// A plugin refused at load makes the host not ready unless the operator allows it; either
    /// way it is named, by file name only (the route needs no key).
    func testADisabledPluginIsNotReadyUnlessAllowed() async throws {
        let host = try await TestHost.start(plugins: ["PatchbaySlack", "BrokenPluginWrongMajor"])
        self.host = host
        let ready = try await host.request("GET", "/readyz")
        XCTAssertEqual(ready.status, 503, ready.body)
        XCTAssertEqual(ready.json["failing"], ["plugins"], ready.body)
        let detail = try XCTUnwrap(ready.json["checks"]?["plugins"]?["detail"]?.stringValue, ready.body)
        XCTAssertTrue(detail.contains("1 plugin disabled") && detail.contains("BrokenPluginWrongMajor"), detail)
        XCTAssertFalse(detail.contains(BuildProducts.directory), "no path on an open route: \(detail)")

        var settings = host.patchbay.settings
        settings.readyWithDisabledPlugins = true
        let allowed = await ReadinessService(store: host.patchbay.store, registry: host.patchbay.registry, settings: settings).check()
        XCTAssertTrue(allowed.isReady)
        let plugins = try XCTUnwrap(allowed.checks.first { $0.name == "plugins" })
        XCTAssertEqual(plugins.detail, detail, "an allowed disabled plugin is still reported")
    }

    /// `serve --ready-with-disabled-plugins` is what decides, on the real executable.
    func testServeDecidesWhetherADisabledPluginMakesItNotReady() async throws {
        let directory = NSTemporaryDirectory() + "patchbay-ready-" + UUID().uuidString
        defer {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.removeItem(atPath: directory + ".log")
        }
        let broken = try BuildProducts.plugin("BrokenPluginWrongMajor")
        for (arguments, expected) in [([String](), 503), (["--ready-with-disabled-plugins"], 200)] {
            let served = ServedHost(directory: directory)
            let url = try served.start(log: directory + ".log", arguments: ["--plugin", broken] + arguments)
            defer { served.kill() }
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url + "/readyz"), timeout: .seconds(10))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            XCTAssertEqual(Int(response.status.code), expected, "\(arguments): \(body)")
            XCTAssertTrue(body.contains("libBrokenPluginWrongMajor.so"), body)
        }
    }

    func testMigrationStatesNamePendingAndUnknownMigrations() {
        let current = ReadinessService.migrationsCheck(MigrationState(known: ["a", "b"], applied: ["a", "b"]))
        XCTAssertTrue(current.passed)
        let behind = ReadinessService.migrationsCheck(MigrationState(known: ["a", "b"], applied: ["a"]))
        XCTAssertFalse(behind.passed)
        XCTAssertEqual(behind.detail, "migrations not applied yet: b")
    }
}
