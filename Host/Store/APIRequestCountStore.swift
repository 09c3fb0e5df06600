public import PatchbayModel

/// API requests counted per key and fixed window, shared by every replica so a key's budget
/// is the same wherever its requests land. One row per key and window, incremented in place:
/// a request costs one upsert.
public protocol APIRequestCountStore: Sendable {
    /// Counts one request of `key` in the window that starts at `windowStart`; returns the
    /// window's count with it.
    func countAPIRequest(key: String, windowStart: Millis) async throws -> Int
    /// Removes up to `limit` windows that started before `cutoff`; returns how many were removed.
    func pruneAPIRequestCounts(windowsBefore cutoff: Millis, limit: Int) async throws -> Int
}
