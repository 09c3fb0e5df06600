import Foundation
import XCTest

/// Where `swift build` put the plugin libraries: the directory the test bundle was built into.
enum BuildProducts {
    static var directory: String {
        let bundle = Bundle(for: Marker.self).bundlePath
        return bundle.hasSuffix(".xctest") ? (bundle as NSString).deletingLastPathComponent : bundle
    }

    static func plugin(_ product: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent("lib\(product).so")
        guard FileManager.default.fileExists(atPath: path) else {
            throw BuildProductsError.missing("\(path) is missing: run `swift build` before `swift test`")
        }
        return path
    }

    private final class Marker {}
}

enum BuildProductsError: Error {
    case missing(String)
}
