import Foundation
public import PatchbayWire

/// The outcome of one conformance check.
public struct ConformanceCheck: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case passed, failed, skipped
    }

    public var name: String
    public var outcome: Outcome
    /// For a failure, what is wrong; for a skip, why the check did not run.
    public var notes: [String]

    public static func passed(_ name: String) -> ConformanceCheck { ConformanceCheck(name: name, outcome: .passed, notes: []) }
    public static func skipped(_ name: String, _ reason: String) -> ConformanceCheck {
        ConformanceCheck(name: name, outcome: .skipped, notes: [reason])
    }
    /// Passed when there are no problems, failed with them otherwise.
    public static func judged(_ name: String, problems: [String]) -> ConformanceCheck {
        ConformanceCheck(name: name, outcome: problems.isEmpty ? .passed : .failed, notes: problems)
    }
}

/// Everything `patchbay plugin test` found about one plugin file.
public struct ConformanceReport: Sendable {
    public var path: String
    /// `id version`, once the plugin loaded.
    public var plugin: String?
    public var checks: [ConformanceCheck]

    public var passed: Bool { !checks.contains { $0.outcome == .failed } }

    public func count(_ outcome: ConformanceCheck.Outcome) -> Int {
        checks.filter { $0.outcome == outcome }.count
    }

    public var json: JSONValue {
        [
            "path": .string(path),
            "plugin": plugin.map(JSONValue.string) ?? .null,
            "passed": .bool(passed),
            "checks": .array(checks.map { check in
                ["name": .string(check.name), "outcome": .string(check.outcome.rawValue), "notes": .array(check.notes.map(JSONValue.string))]
            }),
        ]
    }

    public var text: String {
        var lines = ["Conformance of \(plugin ?? "an unloadable plugin") (\((path as NSString).lastPathComponent))"]
        for check in checks {
            let label = check.outcome == .passed ? "PASS" : check.outcome == .failed ? "FAIL" : "SKIP"
            if check.outcome == .skipped, let reason = check.notes.first {
                lines.append("  \(label)  \(check.name): \(reason)")
                continue
            }
            lines.append("  \(label)  \(check.name)")
            lines += check.notes.map { "        - \($0)" }
        }
        lines.append("\(count(.passed)) passed, \(count(.failed)) failed, \(count(.skipped)) skipped")
        return lines.joined(separator: "\n")
    }
}
