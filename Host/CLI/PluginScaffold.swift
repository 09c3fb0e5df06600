import Foundation

/// The files of a new plugin package: a working provider with one action, a pack and an
/// example, a conformance test, a README. It builds against the SDK and passes
/// `patchbay plugin test` as generated, so an author starts from green and changes one thing
/// at a time.
struct PluginScaffold {
    /// As typed: `acme-notes`.
    let name: String
    /// Where the package finds Patchbay: a path to a checkout. The plugin depends on the SDK
    /// package inside it (`SDK/`) only, never on the host's.
    let patchbay: String

    /// The manifest id: lowercase letters, digits and `_`.
    var id: String { name.lowercased().replacingOccurrences(of: "-", with: "_") }

    /// The Swift type and target name: `AcmeNotes`.
    var typeName: String {
        name.split(whereSeparator: { $0 == "-" || $0 == "_" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The library product; `libPatchbay*.so` is what a host's plugins directory scan picks up.
    var product: String { "Patchbay" + typeName }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter, name.count <= 40 else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    var files: [(path: String, contents: String)] {
        [
            ("Package.swift", packageManifest),
            ("Sources/\(typeName)/\(typeName).swift", provider),
            ("Tests/\(typeName)Tests/ConformanceTests.swift", conformanceTests),
            ("README.md", readme),
            (".gitignore", ".build/\nPackage.resolved\n"),
        ]
    }

    func write(into directory: String) throws {
        let manager = FileManager.default
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file.path)
            try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try file.contents.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// A git URL names a whole repository, and SwiftPM cannot use a package in one of its
    /// folders, so the SDK package is only reachable through a checkout.
    static func isGitURL(_ source: String) -> Bool {
        source.contains("://") || source.hasPrefix("git@")
    }

    private var sdkPath: String {
        (patchbay.hasSuffix("/") ? String(patchbay.dropLast()) : patchbay) + "/SDK"
    }

    private var dependency: String { ".package(path: \"\(sdkPath)\")" }

    /// SwiftPM names a package used by path after its folder.
    private let packageIdentity = "sdk"

    private var packageManifest: String {
        """
        // swift-tools-version:6.0
        import PackageDescription

        let package = Package(
            name: "\(typeName)Plugin",
            products: [
                // The plugin: a shared library the Patchbay host loads with dlopen.
                .library(name: "\(product)", type: .dynamic, targets: ["\(typeName)"]),
            ],
            dependencies: [
                \(dependency),
            ],
            targets: [
                .target(
                    name: "\(typeName)",
                    dependencies: [.product(name: "PatchbaySDK", package: "\(packageIdentity)")],
                    swiftSettings: [.swiftLanguageMode(.v5)]),
                .testTarget(
                    name: "\(typeName)Tests",
                    dependencies: [.product(name: "PatchbayTesting", package: "\(packageIdentity)")],
                    swiftSettings: [.swiftLanguageMode(.v5)]),
            ]
        )

        """
    }

    private var provider: String {
        """
        import PatchbaySDK

        // The one symbol the host looks for.
        @_cdecl("pb_plugin_info")
        public func pluginInfo() -> UnsafeRawPointer { PluginExport.info(for: \(typeName).self) }

        /// \(typeName): replace the base URL, the auth scheme and the action with your provider's.
        public struct \(typeName): Provider {
            public init() {}

            public static let manifest = Manifest(
                id: "\(id)", name: "\(typeName)", version: "0.1.0", category: "productivity",
                description: "What \(typeName) lets an agent do, in one sentence.",
                baseURL: "https://api.example.com/v1",
                auth: .bearer("api_token"),
                credentials: [
                    CredentialField(name: "api_token", label: "API token",
                                    description: "Where a user finds the token, and which scopes it needs."),
                ],
                actions: [getItem],
                packs: [
                    PackSpec(id: "basics", name: "Basics", description: "Look things up in \(typeName).",
                             skills: [PackSkill(name: "look_up_item", action: "get_item",
                                                description: "Look up one item by its id.")]),
                ])

            static let getItem = ActionSpec(
                name: "get_item", title: "Get an item",
                description: "Fetch one item by its id, with its name and when it last changed.",
                inputSchema: [
                    "type": "object", "required": ["id"], "additionalProperties": false,
                    "properties": [
                        "id": ["type": "string", "minLength": 1, "description": "The item's id, e.g. itm_123."],
                    ],
                ],
                outputSchema: [
                    "type": "object", "required": ["id", "name"],
                    "properties": [
                        "id": ["type": "string", "description": "The item's id."],
                        "name": ["type": "string", "description": "The item's name."],
                        "updated_at": ["type": "string", "description": "When it last changed, ISO 8601."],
                    ],
                ],
                important: true,
                examples: [ActionExample(description: "Fetch item itm_123", input: ["id": "itm_123"])])

            public func check(_ context: ProviderContext) async throws -> CheckResult {
                let response = try await context.http.get("/me")
                return CheckResult(ok: response.isSuccess, message: response.isSuccess ? "Connected" : "The API answered \\(response.status)")
            }

            public func invoke(_ action: String, input: JSONValue, context: ProviderContext) async throws -> JSONValue {
                switch action {
                case "get_item":
                    let id = input["id"]?.stringValue ?? ""
                    let response = try await context.http.get("/items/" + id)
                    guard response.isSuccess else {
                        throw PluginError(code: response.status == 404 ? "not_found" : "upstream_error",
                                          message: "the API answered \\(response.status)",
                                          retryable: response.status == 429 || response.status >= 500, upstreamStatus: response.status)
                    }
                    let item = try response.json()
                    return ["id": item["id"] ?? .string(id), "name": item["name"] ?? "", "updated_at": item["updated_at"] ?? .null]
                default:
                    throw PluginError.unknownAction(action)
                }
            }
        }

        """
    }

    private var conformanceTests: String {
        """
        import Foundation
        import PatchbayTesting
        import XCTest

        /// The same checks as `patchbay plugin test`, on the library this package builds.
        final class ConformanceTests: XCTestCase {
            func testThePluginConforms() async throws {
                let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                let library = root.appendingPathComponent(".build/debug/lib\(product).so").path
                guard FileManager.default.fileExists(atPath: library) else {
                    throw XCTSkip("build the plugin first: swift build")
                }
                let report = await ConformanceSuite().run(pluginAt: library)
                XCTAssertTrue(report.passed, report.text)
            }
        }

        """
    }

    private var readme: String {
        """
        # \(typeName): a Patchbay provider plugin

        ```sh
        swift build                                              # .build/debug/lib\(product).so
        patchbay plugin test .build/debug/lib\(product).so         # the conformance checks
        swift test                                               # the same checks, from XCTest
        patchbay serve --plugin .build/debug/lib\(product).so      # a host with this plugin loaded
        ```

        Start with `Sources/\(typeName)/\(typeName).swift`: set the base URL, the auth scheme and
        the credentials of your provider, then replace `get_item` with real actions. The Patchbay
        plugin author's guide (`docs/plugin-guide.md` in the Patchbay repository) explains every
        field of the manifest and the rules a plugin follows.

        """
    }
}
