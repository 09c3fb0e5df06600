// swift-tools-version:6.1
import PackageDescription

// The host, the shipped providers and the tests. The plugin SDK and the harness are a package of
// their own (SDK/Package.swift), used here by path, so that a plugin resolves and builds only
// that; `SDK` below names its products.
// Module folders mirror the architecture in docs/architecture.md.

// Swift 6 (complete concurrency checking), `any` for every existential, and imports that are
// internal unless marked `public` and must name every module whose members a file uses.
let swift6: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// The SDK package's products, which the host, the providers and the tests build on.
enum SDK {
    static let abi = Target.Dependency.product(name: "PatchbayABI", package: "SDK")
    static let wire = Target.Dependency.product(name: "PatchbayWire", package: "SDK")
    static let sdk = Target.Dependency.product(name: "PatchbaySDK", package: "SDK")
    static let plugins = Target.Dependency.product(name: "PatchbayPlugins", package: "SDK")
    static let testing = Target.Dependency.product(name: "PatchbayTesting", package: "SDK")
}

let package = Package(
    name: "Patchbay",
    // Built and tested on Linux (Debian 12, x86_64); expected to work on Linux arm64, where a
    // plugin's crash is attributed by the thread's call marker only. No Apple platform is
    // declared because none builds: the host reads /proc, takes plugin crashes apart from Linux
    // signal contexts, loads plugins as .so files and reads Linux's stat fields. SwiftPM has no
    // way to name Linux here (docs/deployment.md, "Platforms").
    products: [
        // The host, and the process it runs an isolated plugin in.
        .executable(name: "patchbay", targets: ["PatchbayCLI"]),
        .executable(name: "patchbay-plugin-worker", targets: ["PatchbayPluginWorker"]),
        // Local fake provider APIs for the walkthrough and the tests. Never linked into the host.
        .executable(name: "patchbay-sandbox", targets: ["PatchbaySandbox"]),

        // A client of the HTTP API, generated from /openapi.json (clients/generate.sh).
        .library(name: "PatchbayClient", targets: ["PatchbayClient"]),

        // Shipped providers: one dynamic library each, loaded by the host with dlopen.
        .library(name: "PatchbaySlack", type: .dynamic, targets: ["SlackProvider"]),
        .library(name: "PatchbayGitHub", type: .dynamic, targets: ["GitHubProvider"]),
        .library(name: "PatchbayShopify", type: .dynamic, targets: ["ShopifyProvider"]),
        .library(name: "PatchbayGoogleSheets", type: .dynamic, targets: ["GoogleSheetsProvider"]),
        .library(name: "PatchbayPostgres", type: .dynamic, targets: ["PostgresProvider"]),
        // An example provider written in plain C against the header alone. Not named
        // libPatchbay*, so `serve` does not load it unless asked to with --plugin.
        .library(name: "ExampleUptime", type: .dynamic, targets: ["UptimeProvider"]),

        // Deliberately broken plugins, built so the loader's refusals are tested on real .so files.
        .library(name: "BrokenPluginWrongMajor", type: .dynamic, targets: ["BrokenPluginWrongMajor"]),
        .library(name: "BrokenPluginNewerMinor", type: .dynamic, targets: ["BrokenPluginNewerMinor"]),
        .library(name: "BrokenPluginNoEntry", type: .dynamic, targets: ["BrokenPluginNoEntry"]),
        .library(name: "BrokenPluginBadManifest", type: .dynamic, targets: ["BrokenPluginBadManifest"]),
        .library(name: "BrokenPluginDuplicateId", type: .dynamic, targets: ["BrokenPluginDuplicateId"]),
        .library(name: "BrokenPluginMissingFields", type: .dynamic, targets: ["BrokenPluginMissingFields"]),
        .library(name: "BrokenPluginHangs", type: .dynamic, targets: ["BrokenPluginHangs"]),
        .library(name: "BrokenPluginCompletesTwice", type: .dynamic, targets: ["BrokenPluginCompletesTwice"]),
        .library(name: "BrokenPluginCrashes", type: .dynamic, targets: ["BrokenPluginCrashes"]),
        .library(name: "BrokenPluginInvalidJSON", type: .dynamic, targets: ["BrokenPluginInvalidJSON"]),
        .library(name: "BrokenPluginMalformedMessages", type: .dynamic, targets: ["BrokenPluginMalformedMessages"]),
        .library(name: "BrokenPluginTooSmall", type: .dynamic, targets: ["BrokenPluginTooSmall"]),
        // Plugins that exercise how the ABI evolves: built against other minor versions' structs,
        // and one in Swift that moves binary bodies and counts the shutdowns it receives.
        .library(name: "ABIPluginV10Layout", type: .dynamic, targets: ["ABIPluginV10Layout"]),
        .library(name: "ABIPluginFutureLayout", type: .dynamic, targets: ["ABIPluginFutureLayout"]),
        .library(name: "ABIPluginBytes", type: .dynamic, targets: ["ABIPluginBytes"]),
    ],
    dependencies: [
        // What third parties build against, and test with: PatchbaySDK, PatchbayTesting.
        .package(path: "SDK"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // The TLS settings of the PostgreSQL store's connections (postgres-nio's own dependency).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", exact: "0.12.1"),
        // Observability: the host records through the swift-metrics and swift-distributed-tracing
        // APIs only; `serve` picks the backends (Prometheus for /metrics, OTLP over HTTP for traces).
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Only the OTLP/HTTP exporter: the gRPC one would pull in a second HTTP/2 stack.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        // Configuration as code: `patchbay apply` reads YAML and `export` writes it.
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        // The generated Swift client's runtime and transport.
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", exact: "1.13.4"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client.git", exact: "1.5.0"),
        // OpenAPI import: the documents are read by OpenAPIKit (3.0 through its compatibility
        // layer into 3.1).
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", exact: "6.4.0"),
    ],
    targets: [
        // MARK: Host
        .executableTarget(
            name: "PatchbayPluginWorker",
            dependencies: [SDK.plugins, "PatchbayPluginTelemetry", .product(name: "Logging", package: "swift-log")],
            path: "Host/PluginWorker", swiftSettings: swift6),
        // What the loader reports (SDK/PatchbayPlugins names no logging, metrics or tracing
        // library, so plugins build without them) as the host's log lines, series and spans.
        .target(
            name: "PatchbayPluginTelemetry",
            dependencies: [
                SDK.plugins, SDK.wire,
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            path: "Host/PluginTelemetry", swiftSettings: swift6),
        // The host's clock: the system's in a running host, one a test moves in tests.
        .target(name: "PatchbayClock", path: "Host/Clock", swiftSettings: swift6),
        .target(
            name: "PatchbayVault",
            dependencies: ["PatchbayClock", .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log")],
            path: "Host/Vault", swiftSettings: swift6),
        // The values the layers hand each other (records, paging, the store's errors), with no
        // persistence code: the API renders them without being able to reach the store.
        .target(name: "PatchbayModel", dependencies: [SDK.wire], path: "Host/Model", swiftSettings: swift6),
        .target(
            name: "PatchbayStore",
            dependencies: [
                SDK.wire, "PatchbayModel",
                // Every time the store stamps or compares is read from the host's clock.
                "PatchbayClock",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // SHA-256 for the checksums `patchbay store copy` verifies.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            path: "Host/Store", swiftSettings: swift6),
        .target(
            name: "PatchbayEgress",
            dependencies: [
                SDK.wire,
                // Providers' rate budgets are shared by replicas through the store (`RateBudgetStore`).
                "PatchbayStore", "PatchbayModel", "PatchbayClock",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            path: "Host/Egress", swiftSettings: swift6),
        // The providers' webhook signature schemes: only swift-crypto, so `patchbay plugin test` can
        // hand them to the harness (which does not link swift-crypto) to check a manifest's vector.
        .target(
            name: "PatchbayWebhookSchemes",
            dependencies: [SDK.wire, .product(name: "Crypto", package: "swift-crypto")],
            path: "Host/WebhookSchemes", swiftSettings: swift6),
        .target(
            name: "PatchbayServices",
            dependencies: [
                SDK.wire, SDK.plugins, "PatchbayClock", "PatchbayVault", "PatchbayModel", "PatchbayStore", "PatchbayEgress",
                "PatchbayWebhookSchemes",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Yams", package: "Yams"),
                // The client of remote MCP servers connected as providers.
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
                .product(name: "OpenAPIKitCompat", package: "OpenAPIKit"),
            ],
            path: "Host/Services", swiftSettings: swift6),
        // The web console at /console: pages rendered from templates embedded in the binary; every
        // action its scripts take goes through the API with the session cookie.
        .target(
            name: "PatchbayConsole",
            dependencies: [
                SDK.wire, "PatchbayServices",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Host/Console", swiftSettings: swift6),
        .target(
            name: "PatchbayAPI",
            dependencies: [
                // The services hand the API records (ConnectionRecord, ExecutionRecord, ...) and the
                // plugin registry's statuses, which its views render. It never reaches the store.
                SDK.wire, SDK.plugins, "PatchbayServices", "PatchbayModel", "PatchbayConsole",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                // `/metrics` renders the Prometheus registry `serve` records into.
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Host/API", swiftSettings: swift6),
        .executableTarget(
            name: "PatchbayCLI",
            dependencies: [
                "PatchbayAPI", "PatchbayServices", SDK.testing, "PatchbayWebhookSchemes", "PatchbayPluginTelemetry",
                // The commands that work on the store, the vault and plugins directly (store copy,
                // master key, plugin test) and the settings `serve` hands them.
                SDK.wire, SDK.plugins, "PatchbayModel", "PatchbayStore", "PatchbayVault", "PatchbayEgress",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                // The tracing backend, chosen once in `serve` (OTLP when configured).
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "OTel", package: "swift-otel"),
            ],
            path: "Host/CLI", swiftSettings: swift6),

        // MARK: Clients
        // Generated code, committed so that building needs no generator plugin.
        .target(
            name: "PatchbayClient",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "clients/swift/Sources/PatchbayClient"),

        // MARK: Providers
        .target(name: "SlackProvider", dependencies: [SDK.sdk], path: "Providers/Slack", swiftSettings: swift6),
        .target(name: "GitHubProvider", dependencies: [SDK.sdk], path: "Providers/GitHub", swiftSettings: swift6),
        .target(name: "ShopifyProvider", dependencies: [SDK.sdk], path: "Providers/Shopify", swiftSettings: swift6),
        .target(name: "GoogleSheetsProvider", dependencies: [SDK.sdk], path: "Providers/GoogleSheets", swiftSettings: swift6),
        // The one provider that is not HTTP: it receives the connection string per call and
        // talks to the database itself, with its own copy of the driver.
        .target(
            name: "PostgresProvider",
            dependencies: [SDK.sdk, .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "Crypto", package: "swift-crypto")],
            path: "Providers/Postgres", swiftSettings: swift6),
        .target(name: "UptimeProvider", dependencies: [SDK.abi], path: "Providers/Examples/Uptime", publicHeadersPath: "."),

        // MARK: Test support
        .target(
            name: "PatchbayFakes",
            dependencies: [
                // The time the fakes model (a bucket's leak, a window's reset, a code's expiry) is
                // read from the host's clock, so a test moving a host's `ManualClock` moves theirs.
                SDK.wire, "PatchbayClock",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "MCP", package: "swift-sdk"),
            ],
            path: "Tests/Fakes", swiftSettings: swift6),
        // What every store backend must do, written against the `Store` protocol alone; each
        // backend's tests run it with a factory for fresh stores.
        .target(name: "PatchbayStoreConformance", dependencies: ["PatchbayClock", "PatchbayModel", "PatchbayStore", SDK.wire],
                path: "Tests/StoreConformance",
                swiftSettings: swift6),
        .executableTarget(
            name: "PatchbaySandbox",
            dependencies: ["PatchbayFakes", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Logging", package: "swift-log")],
            path: "Tests/Sandbox", swiftSettings: swift6),
        // What the broken plugins share (a descriptor, the inits, completing a call), linked into each.
        .target(name: "BrokenPluginKit", dependencies: [SDK.abi], path: "Tests/BrokenPlugins/Kit"),
        .target(name: "BrokenPluginWrongMajor", dependencies: [SDK.abi, "BrokenPluginKit"], path: "Tests/BrokenPlugins/WrongMajor", publicHeadersPath: "."),
        .target(name: "BrokenPluginNewerMinor", dependencies: [SDK.abi, "BrokenPluginKit"], path: "Tests/BrokenPlugins/NewerMinor", publicHeadersPath: "."),
        .target(name: "BrokenPluginNoEntry", dependencies: [SDK.abi], path: "Tests/BrokenPlugins/NoEntry", publicHeadersPath: "."),
        .target(name: "BrokenPluginBadManifest", dependencies: [SDK.abi, "BrokenPluginKit"], path: "Tests/BrokenPlugins/BadManifest", publicHeadersPath: "."),
        .target(name: "BrokenPluginDuplicateId", dependencies: [SDK.abi, "BrokenPluginKit"], path: "Tests/BrokenPlugins/DuplicateId", publicHeadersPath: "."),
        .target(name: "BrokenPluginMissingFields", dependencies: [SDK.abi, "BrokenPluginKit"], path: "Tests/BrokenPlugins/MissingFields", publicHeadersPath: "."),
        .target(name: "BrokenPluginHangs", dependencies: [SDK.abi, "BrokenPluginKit"], path: "Tests/BrokenPlugins/Hangs", publicHeadersPath: "."),
        .target(name: "BrokenPluginCompletesTwice", dependencies: [SDK.abi, "BrokenPluginKit"], path: "Tests/BrokenPlugins/CompletesTwice", publicHeadersPath: "."),
        .target(name: "BrokenPluginCrashes", dependencies: [SDK.abi, "BrokenPluginKit"], path: "Tests/BrokenPlugins/Crashes", publicHeadersPath: "."),
        .target(name: "BrokenPluginInvalidJSON", dependencies: [SDK.abi, "BrokenPluginKit"], path: "Tests/BrokenPlugins/InvalidJSON", publicHeadersPath: "."),
        .target(name: "BrokenPluginMalformedMessages", dependencies: [SDK.abi, "BrokenPluginKit"], path: "Tests/BrokenPlugins/MalformedMessages", publicHeadersPath: "."),
        .target(name: "BrokenPluginTooSmall", dependencies: [SDK.abi, "BrokenPluginKit"], path: "Tests/BrokenPlugins/TooSmall", publicHeadersPath: "."),
        .target(name: "ABIPluginV10Layout", dependencies: [SDK.abi], path: "Tests/ABIPlugins/V10Layout", publicHeadersPath: "."),
        .target(name: "ABIPluginFutureLayout", dependencies: [SDK.abi], path: "Tests/ABIPlugins/FutureLayout", publicHeadersPath: "."),
        .target(name: "ABIPluginBytes", dependencies: [SDK.sdk], path: "Tests/ABIPlugins/Bytes", swiftSettings: swift6),

        // MARK: Tests
        .testTarget(
            name: "PatchbayTests",
            dependencies: [
                SDK.wire, SDK.plugins, "PatchbayPluginTelemetry", "PatchbayClock", "PatchbayVault", "PatchbayModel", "PatchbayStore",
                "PatchbayEgress", "PatchbayServices", "PatchbayAPI", "PatchbayConsole", "PatchbayFakes", SDK.testing, "PatchbayWebhookSchemes",
                "PatchbayStoreConformance", "PatchbayClient",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "OTel", package: "swift-otel"),
            ],
            path: "Tests/PatchbayTests", swiftSettings: swift6),
    ]
)
