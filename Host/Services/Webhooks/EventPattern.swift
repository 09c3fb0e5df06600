/// A subscription's event filter: a normalized key where `*` stands for any run of
/// characters, so `crm.contact.*` takes `crm.contact.created` and `*` takes everything.
struct EventPattern: Sendable, Equatable {
    let text: String

    static let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_.-/*")

    init?(_ text: String) {
        guard !text.isEmpty, text.count <= 200, text.lowercased().allSatisfy({ Self.allowed.contains($0) }) else { return nil }
        self.text = text.lowercased()
    }

    func matches(_ key: String) -> Bool {
        Self.match(Array(text), Array(key.lowercased()))
    }

    static func matchesAny(_ patterns: [String], _ key: String) -> Bool {
        patterns.isEmpty || patterns.contains { EventPattern($0)?.matches(key) == true }
    }

    /// Greedy glob with backtracking to the last `*`: linear in practice for these short keys.
    private static func match(_ pattern: [Character], _ key: [Character]) -> Bool {
        var p = 0, k = 0
        var star = -1, resume = 0
        while k < key.count {
            if p < pattern.count, pattern[p] == key[k] {
                p += 1; k += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p; resume = k; p += 1
            } else if star >= 0 {
                p = star + 1; resume += 1; k = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
