// swift-tools-version:6.1
import PackageDescription

// What a plugin author builds against and tests with, as a package of its own, so that a
// plugin's package resolves and builds only this: the C ABI, the wire types, the Swift SDK,
// the loader the host uses, and the conformance harness. The host (the package one folder up)
// depends on it by path. It depends on no other package: the loader reports through a protocol
// of its own (`PluginObserver`), which the host adapts to its logging, metrics and tracing
// (docs/architecture.md).

import class Foundation.ProcessInfo

// Swift 6 (complete concurrency checking), `any` for every existential, and imports that are
// internal unless marked `public` and must name every module whose members a file uses.
let swift6: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

var dependencies: [Package.Dependency] = []
// `swift package generate-documentation` (the SDK reference, docs/plugin-guide.md) needs the
// DocC plugin; only the documentation build asks for it, so plugins never resolve it.
if ProcessInfo.processInfo.environment["PATCHBAY_SDK_DOCS"] != nil {
    dependencies.append(.package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.5.0"))
}

let package = Package(
    name: "PatchbaySDK",
    // Built and tested on Linux, as the host is (Package.swift one folder up): the loader reads
    // /proc and Linux signal contexts and loads .so files, so no Apple platform is declared.
    products: [
        // A plugin in Swift.
        .library(name: "PatchbaySDK", targets: ["PatchbaySDK"]),
        // A plugin's tests: the checks of `patchbay plugin test`, cassettes, the harness.
        .library(name: "PatchbayTesting", targets: ["PatchbayTesting"]),
        // The pieces the host and plugins in C share.
        .library(name: "PatchbayABI", targets: ["PatchbayABI"]),
        .library(name: "PatchbayWire", targets: ["PatchbayWire"]),
        .library(name: "PatchbayPlugins", targets: ["PatchbayPlugins"]),
    ],
    dependencies: dependencies,
    targets: [
        .target(name: "PatchbayABI", path: "PatchbayABI"),
        .target(name: "PatchbayWire", path: "PatchbayWire", swiftSettings: swift6),
        .target(name: "PatchbaySDK", dependencies: ["PatchbayABI", "PatchbayWire"], path: "PatchbaySDK", swiftSettings: swift6),
        // Loading plugins (dlopen, the checks, refusals) and calling them, in process or in a
        // worker: the host's registry, and what the harness loads a plugin with.
        .target(
            name: "PatchbayPlugins",
            dependencies: ["PatchbayABI", "PatchbayWire"],
            path: "PatchbayPlugins", swiftSettings: swift6),
        .target(
            name: "PatchbayTesting",
            dependencies: ["PatchbayWire", "PatchbayPlugins"],
            path: "PatchbayTesting", swiftSettings: swift6),
    ]
)
