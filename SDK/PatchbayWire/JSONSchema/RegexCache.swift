import Foundation
import Synchronization

/// Patterns compiled once: a schema's `pattern` and `patternProperties` are checked on every
/// call that uses it, and compiling is most of what a match costs.
enum RegexCache {
    private static let compiled = Mutex<[String: NSRegularExpression]>([:])
    /// Patterns come from plugins and connector definitions; past this many the cache starts
    /// again rather than growing with whatever definitions come and go.
    private static let capacity = 4096

    /// The compiled pattern, or nil when it is not a valid regular expression.
    static func regex(_ pattern: String) -> NSRegularExpression? {
        if let found = compiled.withLock({ $0[pattern] }) { return found }
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        compiled.withLock { compiled in
            if compiled.count >= capacity { compiled.removeAll(keepingCapacity: true) }
            compiled[pattern] = regex
        }
        return regex
    }

    /// Whether `pattern` matches anywhere in `string` (JSON Schema patterns are not anchored).
    static func matches(_ pattern: String, _ string: String) -> Bool {
        guard let regex = regex(pattern) else { return false }
        return regex.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil
    }
}
