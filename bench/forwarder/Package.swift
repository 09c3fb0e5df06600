// swift-tools-version:6.0
import PackageDescription

// Not part of Patchbay: a bench-only program built on the same HTTP server and client as the
// host, that forwards each request to one upstream and does nothing else. It shows the floor
// those two parts alone set under an action call. `bench/invoke-overhead.sh` builds and runs
// it when FORWARDER=1.

let package = Package(
    name: "BenchForwarder",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        .executableTarget(
            name: "bench-forwarder",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Sources"),
    ]
)
