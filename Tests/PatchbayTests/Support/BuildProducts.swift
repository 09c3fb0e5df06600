import Foundation
import XCTest

/// Where `swift build` put the plugin libraries: the directory the test bundle was built into.
enum BuildProducts {
    static var directory: String {
        let bundle = Bundle(for: Marker.self).bundlePath
        return bundle.hasSuffix(".xctest") ? (bundle as NSString).deletingLastPathComponent : bundle
    }

    /// Plugins cargo builds rather than SwiftPM (`.ci/run` builds them before the suite), by
    /// their path under the package's `.build`.
    private static let cargoPlugins = ["ExampleRustUptime": "rust/release/libexample_rust_uptime.so"]

    static func plugin(_ product: String) throws -> String {
        if let built = cargoPlugins[product] {
            let path = packageRoot + "/.build/" + built
            guard FileManager.default.fileExists(atPath: path) else {
                throw BuildProductsError.missing("\(path) is missing: build it with cargo, as .ci/run does, before `swift test`")
            }
            return path
        }
        let path = (directory as NSString).appendingPathComponent("lib\(product).so")
        guard FileManager.default.fileExists(atPath: path) else {
            throw BuildProductsError.missing("\(path) is missing: run `swift build` before `swift test`")
        }
        return path
    }

    /// The checkout this file is in: Tests/PatchbayTests/Support/ is three levels down.
    static var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }

    private final class Marker {}
}

enum BuildProductsError: Error {
    case missing(String)
}
