import Foundation
import PatchbayAPI
import XCTest

/// The test process's metrics backend, bootstrapped by the first test that asks for it:
/// swift-metrics takes one backend per process, so every test after that records into this
/// registry too. Tests compare scrapes before and after what they do, never absolute values.
enum TestMetrics {
    static let exposition: PrometheusExposition = {
        let exposition = PrometheusExposition()
        exposition.bootstrap()
        return exposition
    }()

    /// A scrape as `series{labels}` → value, labels as the exposition writes them.
    static func parse(_ text: String) -> [String: Double] {
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            values[String(line[..<space])] = value
        }
        return values
    }
}

/// Two scrapes of one host, and what changed between them.
struct ScrapeDelta {
    let before: [String: Double]
    let after: [String: Double]

    subscript(_ series: String) -> Double {
        (after[series] ?? 0) - (before[series] ?? 0)
    }

    /// The change summed over every series whose name and labels start with `prefix`.
    func sum(_ prefix: String, where include: (String) -> Bool = { _ in true }) -> Double {
        after.keys.filter { $0.hasPrefix(prefix) && include($0) }.reduce(0) { $0 + self[$1] }
    }
}
