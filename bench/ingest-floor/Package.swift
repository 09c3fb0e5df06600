// swift-tools-version:6.1
import PackageDescription

// Not part of Patchbay: a bench-only program built on the same HTTP server and PostgreSQL client
// as the host, that stores each webhook delivery it receives as one row of the host's own
// `webhook_events` table and does nothing else. It shows the floor those parts alone set under
// webhook ingest on PostgreSQL. `bench/postgres-ingest.sh` builds and runs it when FLOOR=1.

let package = Package(
    name: "BenchIngestFloor",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        .executableTarget(
            name: "bench-ingest-floor",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Sources",
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]),
    ]
)
