import Foundation
import XCTest

/// The host knows no provider by name: what differs between providers (signature schemes,
/// OAuth quirks, tenants' hosts) is data in their manifests. Code, strings and comments alike
/// are searched, so an example in a help text or a doc comment does not lead the next change.
final class HostProviderNamesTests: XCTestCase {
    static let names = ["slack", "github", "shopify", "google", "stripe"]

    /// Occurrences that must stay, each with its reason. Matched as whole lines.
    static let allowed: [String: String] = [
        // The egress module is owned elsewhere; the comment names an example deployment, no logic.
        "Host/Egress/EgressTarget.swift": "    /// (GitHub Enterprise), then the manifest's, with `{field}` placeholders from the config.",
    ]

    func testNoSourceUnderHostNamesAProvider() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let host = root.appendingPathComponent("Host")
        let files = try XCTUnwrap(FileManager.default.enumerator(at: host, includingPropertiesForKeys: [.isRegularFileKey]))
        var searched = 0
        var found: [String] = []
        for case let file as URL in files where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = String(file.path.dropFirst(root.path.count + 1))
            let text = try String(contentsOf: file, encoding: .utf8)
            searched += 1
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let lower = line.lowercased()
                guard Self.names.contains(where: lower.contains), Self.allowed[path] != String(line) else { continue }
                found.append("\(path):\(index + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        XCTAssertGreaterThan(searched, 100, "the search found the host's sources under \(host.path)")
        XCTAssertEqual(found, [], "provider names in the host:\n" + found.joined(separator: "\n"))
    }
}
