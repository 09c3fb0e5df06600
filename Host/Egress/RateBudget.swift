import Foundation
import PatchbayModel
import PatchbayStore
import PatchbayWire

/// One provider rate budget as this replica sees it: what the provider last said (a pause, a
/// window of calls, a bucket's level), plus the calls this replica has sent since, counted as
/// they are let through so a burst cannot overspend before the first answer comes back.
/// Times are wall-clock milliseconds, as replicas share them through the store.
struct RateBudget: Sendable, Equatable {
    var notBefore: Millis = 0
    var remaining: Int?
    var resetAt: Millis?
    /// The bucket's level at `levelAt`, this replica's sends included.
    var bucketLevel: Double?
    var bucketMax: Double?
    var levelAt: Millis = 0
    /// The latest provider observation merged in, this replica's or another's.
    var observedAt: Millis = 0

    /// Why a call waits: said to a caller whose call would wait past its deadline.
    enum Reason: String, Sendable {
        case paused = "the provider asked to wait (Retry-After)"
        case windowSpent = "the provider's window of calls is spent until it resets"
        case bucketFull = "the provider's leaky bucket is full"
    }

    /// How long a call must wait before it may be sent and why, and the budget with the call
    /// counted as sent at the end of that wait.
    func admission(now: Millis, spec: RateLimitSpec) -> (wait: Millis, reason: Reason?, after: RateBudget) {
        var after = self
        var wait: Millis = 0
        var reason: Reason?
        func hold(_ candidate: Millis, _ why: Reason) {
            if candidate > wait { (wait, reason) = (candidate, why) }
        }
        hold(notBefore - now, .paused)
        if spec.window != nil, let remaining, let resetAt, resetAt > now {
            if remaining <= 0 { hold(resetAt - now, .windowSpent) } else { after.remaining = remaining - 1 }
        }
        if let bucket = spec.bucket {
            let leakPerMs = bucket.leakPerSecond / 1000
            let size = bucketMax ?? Double(bucket.initialMax)
            // A tenth of the bucket is kept free: the provider counts a call when it arrives,
            // which for calls held up on the way is later than here, so a burst reaches it
            // closer together than it was let through.
            let room = size - max(1, (size / 10).rounded(.down))
            let level = leaked(now: now, leakPerMs: leakPerMs)
            // Virtual scheduling: a call that finds no room waits until the bucket has leaked
            // enough for it, and holds its place, so the next call waits behind it.
            let over = level + 1 - room
            if over > 0 { hold(Millis((over / leakPerMs).rounded(.up)), .bucketFull) }
            after.bucketLevel = level + 1
            after.levelAt = now
        }
        return (wait, reason, after)
    }

    /// Reads what one answer says. True when it changes the budget in a way other replicas
    /// should learn: a pause, a new or spent window, a bucket fuller than this replica counted
    /// (someone else spends it) or of another size. Answers that only confirm what this replica
    /// counted change nothing shared, so the common case writes nothing.
    mutating func observe(status: Int, headers: [String: String], spec: RateLimitSpec, now: Millis) -> Bool {
        var shared = false
        var windowSpent = false
        if let window = spec.window, let left = headers[window.remainingHeader.lowercased()].flatMap({ Int($0.trimmed) }),
           let reset = headers[window.resetHeader.lowercased()].flatMap({ Int64($0.trimmed) }) {
            let resetMs = reset * 1000
            if resetAt != resetMs {
                shared = shared || resetAt != nil || left == 0
                (remaining, resetAt) = (left, resetMs)
            } else {
                remaining = min(remaining ?? left, left)
            }
            windowSpent = left == 0
            shared = shared || windowSpent
        }
        if let bucket = spec.bucket, let (used, size) = Self.usedOfMax(headers[bucket.header.lowercased()]) {
            let level = leaked(now: now, leakPerMs: bucket.leakPerSecond / 1000)
            if bucketMax != size { shared = true }
            if used >= level + 1 { shared = true }
            (bucketLevel, bucketMax, levelAt) = (max(level, used), size, now)
        }
        let retryAfter = headers[spec.retryAfterHeader.lowercased()]
        if spec.throttleStatuses.contains(status), status == 429 || retryAfter != nil || windowSpent {
            // Without a wait said, a second: enough to stop a burst, short enough to cost little.
            let seconds = retryAfter.flatMap { Double($0.trimmed) } ?? 1
            let until = now + Millis(max(0, seconds) * 1000)
            if until > notBefore {
                notBefore = until
                shared = true
            }
        }
        if shared || observedAt == 0 { observedAt = now }
        return shared
    }

    /// Takes in what the store holds: the longer pause, and the other replicas' observation
    /// when it is newer; a bucket keeps the fuller of the two levels.
    mutating func merge(_ record: RateBudgetRecord, spec: RateLimitSpec, now: Millis) {
        notBefore = max(notBefore, record.notBefore)
        guard record.observedAt > observedAt else { return }
        if let left = record.remaining, let reset = record.resetAt {
            remaining = resetAt == reset ? min(remaining ?? left, left) : left
            resetAt = reset
        }
        if let bucket = spec.bucket, let used = record.bucketUsed, let size = record.bucketMax {
            let leakPerMs = bucket.leakPerSecond / 1000
            let theirs = max(0, Double(used) - Double(now - record.observedAt) * leakPerMs)
            (bucketLevel, bucketMax, levelAt) = (max(leaked(now: now, leakPerMs: leakPerMs), theirs), Double(size), now)
        }
        observedAt = record.observedAt
    }

    func record(key: String) -> RateBudgetRecord {
        RateBudgetRecord(key: key, notBefore: notBefore, remaining: remaining, resetAt: resetAt,
                         bucketUsed: bucketLevel.map { Int($0.rounded(.up)) }, bucketMax: bucketMax.map { Int($0) }, observedAt: observedAt)
    }

    private func leaked(now: Millis, leakPerMs: Double) -> Double {
        max(0, (bucketLevel ?? 0) - Double(max(0, now - levelAt)) * leakPerMs)
    }

    /// `12/40` as (12, 40); nil for anything else.
    static func usedOfMax(_ value: String?) -> (Double, Double)? {
        guard let parts = value?.split(separator: "/"), parts.count == 2,
              let used = Double(parts[0].trimmingCharacters(in: .whitespaces)),
              let size = Double(parts[1].trimmingCharacters(in: .whitespaces)), size > 0
        else { return nil }
        return (used, size)
    }
}

private extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
