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

    /// Free space as a test says it is, or a reading that fails.
    struct FreeSpace: FreeSpaceReading {
        let bytes: UInt64?

        func availableBytes() throws -> UInt64 {
            guard let bytes else { throw FreeSpaceUnreadable(reason: "Input/output error") }
            return bytes
        }
    }

    /// The store's probe still fits in a full disk's database pages, so a SQLite host also needs
    /// room on its data directory's file system to be ready; the detail says how much, never where.
    func testTheDiskCheckFailsBelowTheMinimumFreeSpaceAndSaysHowMuchIsLeft() async throws {
        let host = try await TestHost.start()
        self.host = host
        func check(free: UInt64?, minimum: UInt64 = 256 << 20) async -> Readiness {
            var settings = host.patchbay.settings
            settings.minimumFreeDisk = minimum
            settings.dataDisk = FreeSpace(bytes: free)
            return await ReadinessService(store: host.patchbay.store, registry: host.patchbay.registry, settings: settings).check()
        }

        let roomy = await check(free: 256 << 20)
        XCTAssertTrue(roomy.isReady, "\(roomy.checks)")
        XCTAssertEqual(roomy.checks.first { $0.name == "disk" }, .init(name: "disk", passed: true))

        let short = await check(free: (256 << 20) - 1)
        XCTAssertFalse(short.isReady)
        XCTAssertEqual(short.checks.filter { !$0.passed }.map(\.name), ["disk"])
        XCTAssertEqual(short.checks.first { $0.name == "disk" }?.detail,
                       "255 MB free on the data directory's file system, under the minimum of 256 MB (serve --min-free-disk-mb)")

        let unreadable = await check(free: nil)
        XCTAssertEqual(unreadable.checks.first { $0.name == "disk" }?.detail,
                       "the data directory's file system: the free space cannot be read: Input/output error")
        XCTAssertFalse(unreadable.isReady)

        let off = await check(free: 0, minimum: 0)
        XCTAssertTrue(off.isReady, "a minimum of 0 turns the check off")
        XCTAssertNil(off.checks.first { $0.name == "disk" })
        let ready = try await host.request("GET", "/readyz")
        XCTAssertNil(ready.json["checks"]?["disk"], "a host given no data directory to watch, as on PostgreSQL, has no disk check: \(ready.body)")
    }

    /// The reading `serve` takes on SQLite: the data directory's file system, and a reason in
    /// words for a directory it cannot read.
    func testADirectorysFreeSpaceIsReadFromItsFileSystem() throws {
        XCTAssertGreaterThan(try DirectoryFreeSpace(path: NSTemporaryDirectory()).availableBytes(), 0)
        XCTAssertThrowsError(try DirectoryFreeSpace(path: NSTemporaryDirectory() + "gone-" + UUID().uuidString).availableBytes()) { error in
            XCTAssertEqual("\(error)", "the free space cannot be read: No such file or directory")
        }
    }

    /// `serve --min-free-disk-mb` sets the minimum on the real executable's SQLite data directory.
    func testServeHoldsItsDataDirectoryToTheMinimumFreeSpace() async throws {
        let directory = NSTemporaryDirectory() + "patchbay-disk-" + UUID().uuidString
        defer {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.removeItem(atPath: directory + ".log")
        }
        let served = ServedHost(directory: directory)
        // More than any test machine has free: 16 TiB.
        let url = try served.start(log: directory + ".log", arguments: ["--min-free-disk-mb", String(16 << 20)])
        defer { served.kill() }
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url + "/readyz"), timeout: .seconds(10))
        let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
        XCTAssertEqual(response.status.code, 503, body)
        let ready = try WireCoding.decode(JSONValue.self, from: Data(body.utf8))
        XCTAssertEqual(ready["failing"], ["disk"], body)
        let detail = try XCTUnwrap(ready["checks"]?["disk"]?["detail"]?.stringValue, body)
        XCTAssertTrue(detail.hasSuffix("MB free on the data directory's file system, under the minimum of 16777216 MB (serve --min-free-disk-mb)"),
                      detail)
        XCTAssertFalse(body.contains(directory), "no path on an open route: \(body)")
    }
}
