import Crypto
import Foundation
import PatchbayClock
import PatchbayStore
import Synchronization

/// API keys verified in the last moments, so that a caller's next requests skip the store read
/// and the HMAC of the full check. An entry holds a SHA-256 of the key's secret part, never the
/// key, and the principal it stood for.
///
/// A revoked key must stop working, and a key's new rate limit apply: this host forgets every
/// entry when a key is revoked or changed here, and when the notifier says one was on another
/// replica (checked on every lookup, so no task waits for it). A notification can be lost
/// between processes, so no entry outlives `lifetime` either: that bounds how long a change
/// elsewhere takes to reach this host.
final class VerifiedKeys: Sendable {
    /// How long a verified key is trusted without reading the store again.
    static let lifetime: Duration = .seconds(2)
    /// Past this many keys the cache starts again empty, so a flood of keys cannot grow it.
    static let capacity = 10_000

    private struct Entry {
        let digest: SHA256.Digest
        let principal: Principal
        let expires: ContinuousClock.Instant
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Counts the times everything was forgotten, so that a check that read the store before a
        /// revocation cannot put its key back after it.
        var generation: UInt64 = 0

        mutating func forgetAll() {
            entries.removeAll()
            generation &+= 1
        }
    }

    private let state = Mutex(State())
    private let revocations: NotifierSubscription
    /// The time entries expire by: the host's clock.
    private let clock: any HostClock

    init(notifier: any Notifier, clock: any HostClock = SystemClock()) {
        revocations = notifier.listen(.apiKeyChanged)
        self.clock = clock
    }

    deinit {
        revocations.cancel()
    }

    /// The principal of a key verified within `lifetime` whose secret matches, else nil.
    func principal(prefix: String, secret: String) -> Principal? {
        let now = clock.now
        let revoked = revocations.takeAll()
        let entry: Entry? = state.withLock {
            if revoked { $0.forgetAll() }
            return $0.entries[prefix]
        }
        // The digest comparison is constant-time (swift-crypto's Digest equality).
        guard let entry, entry.expires > now, entry.digest == Self.digest(secret) else { return nil }
        return entry.principal
    }

    /// Taken before the store is read for a key, and handed back to `remember`.
    var currentGeneration: UInt64 {
        state.withLock { $0.generation }
    }

    /// Notes a key the store and its HMAC have just verified, unless a key was revoked since
    /// `generation` was taken (the store may have been read before the revocation).
    func remember(prefix: String, secret: String, principal: Principal, generation readAt: UInt64) {
        let entry = Entry(digest: Self.digest(secret), principal: principal, expires: clock.now + Self.lifetime)
        state.withLock { state in
            guard state.generation == readAt else { return }
            if state.entries.count >= Self.capacity { state.entries.removeAll() }
            state.entries[prefix] = entry
        }
    }

    /// Forgets every key: one was revoked or changed.
    func forgetAll() {
        state.withLock { $0.forgetAll() }
    }

    private static func digest(_ secret: String) -> SHA256.Digest {
        var secret = secret
        return secret.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
    }
}
