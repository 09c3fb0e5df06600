import Crypto
public import Foundation
public import PatchbayClock
public import PatchbayModel
public import PatchbayStore
public import PatchbayVault
import PatchbayWire

/// `Idempotency-Key` on the requests that change something: the first request with a key runs
/// and its answer is kept; a repeat with the same key and the same request gets that answer
/// again, without running, also while the first still runs (it waits for it) and on another
/// replica (the claim is a store row; the answer wakes waiters through the notifier, and they
/// poll besides). Keys are the account's: two keys of one account share them.
///
/// A kept body is sealed with the vault, bound to its account and key: an answer can hold what
/// the database must not (a pending connection's OAuth URL carries its single-use state).
public struct IdempotencyService: Sendable {
    let store: any IdempotencyStore
    let notifier: any Notifier
    let vault: Vault
    let settings: IdempotencySettings
    /// The clock keys are claimed and expire by.
    let clock: any HostClock

    public init(store: any IdempotencyStore, notifier: any Notifier, vault: Vault, settings: IdempotencySettings = IdempotencySettings(),
                clock: any HostClock = SystemClock()) {
        self.store = store
        self.clock = clock
        self.notifier = notifier
        self.vault = vault
        self.settings = settings
    }

    public enum Start: Sendable {
        /// The request runs; its answer goes to `finish`.
        case run(IdempotencyTicket)
        /// A repeat: this is the first request's answer.
        case replay(StoredResponse)
    }

    /// The longest key taken; the IETF draft leaves it to the server, and a UUID is 36.
    public static let maxKeyLength = 255

    /// Claims `key` for this request, or waits for the request that holds it and returns its answer.
    /// The same key with another request is 422 `idempotency_key_reused`; a first request still
    /// running after `waitLimit` is 409 `idempotency_key_in_flight`. `scope` narrows the key
    /// below the account (an agent's MCP tool calls): it is kept apart by a space, which no
    /// client's key holds, so a scoped key never meets an unscoped one.
    public func begin(principal: Principal, key clientKey: String, fingerprint: String, scope: String? = nil) async throws -> Start {
        guard (1...Self.maxKeyLength).contains(clientKey.utf8.count), clientKey.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw ServiceError.validation("Idempotency-Key must be 1 to \(Self.maxKeyLength) visible ASCII characters",
                                          field: "Idempotency-Key")
        }
        let key = scope.map { "\($0) \(clientKey)" } ?? clientKey
        let subscription = notifier.listen(Self.channel(accountID: principal.accountID, key: key))
        defer { subscription.cancel() }
        let deadline = clock.now + settings.waitLimit
        while true {
            try Task.checkCancellation()
            let now = clock.wallMillis
            let claim = IdempotencyRecord(accountID: principal.accountID, key: key, fingerprint: fingerprint,
                                          claimToken: IDs.randomString(count: 24), createdAt: now,
                                          expiresAt: now + Self.millis(settings.lifetime))
            switch try await store.claimIdempotencyKey(claim, staleBefore: now - Self.millis(settings.staleAfter)) {
            case .claimed:
                return .run(IdempotencyTicket(accountID: claim.accountID, key: key, claimToken: claim.claimToken))
            case .held(let held):
                guard held.fingerprint == fingerprint else {
                    throw ServiceError(.unprocessable, "idempotency_key_reused",
                                       "this Idempotency-Key was used with another request; send a new key for a new request",
                                       field: "Idempotency-Key")
                }
                if let response = held.response { return .replay(try opened(response, accountID: principal.accountID, key: key)) }
                guard clock.now < deadline else {
                    var refusal = ServiceError(.conflict, "idempotency_key_in_flight",
                                               "the first request with this Idempotency-Key is still running; retry later for its answer",
                                               field: "Idempotency-Key")
                    refusal.retryAfter = 1
                    throw refusal
                }
                _ = await subscription.wait(until: min(deadline, clock.now + settings.pollInterval), on: clock)
            }
        }
    }

    /// Keeps the answer for repeats, or frees the key when the answer says nothing was done and
    /// to try again (429, 503): a retry with the same key then runs. Wakes the repeats waiting.
    public func finish(_ ticket: IdempotencyTicket, response: StoredResponse) async throws {
        if Self.keeps(status: response.status) {
            var sealed = response
            sealed.body = Data(try vault.seal(response.body, context: Self.context(accountID: ticket.accountID, key: ticket.key)).utf8)
            _ = try await store.completeIdempotencyKey(accountID: ticket.accountID, key: ticket.key, claimToken: ticket.claimToken,
                                                       response: sealed)
        } else {
            try await store.releaseIdempotencyKey(accountID: ticket.accountID, key: ticket.key, claimToken: ticket.claimToken)
        }
        await notifier.notify(Self.channel(accountID: ticket.accountID, key: ticket.key))
    }

    /// Frees the key of a request that ended without an answer to keep.
    public func abandon(_ ticket: IdempotencyTicket) async {
        try? await store.releaseIdempotencyKey(accountID: ticket.accountID, key: ticket.key, claimToken: ticket.claimToken)
        await notifier.notify(Self.channel(accountID: ticket.accountID, key: ticket.key))
    }

    /// A kept answer with its body opened. One sealed under a key retired since cannot be read:
    /// the first request's outcome is not known here, so it is not run again either.
    private func opened(_ response: StoredResponse, accountID: String, key: String) throws -> StoredResponse {
        var opened = response
        do {
            opened.body = try vault.open(String(decoding: response.body, as: UTF8.self), context: Self.context(accountID: accountID, key: key))
        } catch {
            throw ServiceError(.conflict, "idempotency_answer_unreadable",
                               "the answer kept for this Idempotency-Key can no longer be read (its vault key was retired); check the outcome, then retry with a new key",
                               field: "Idempotency-Key")
        }
        return opened
    }

    static func context(accountID: String, key: String) -> String {
        "idempotency:\(accountID):\(key)"
    }

    static func keeps(status: Int) -> Bool {
        status != 429 && status != 503
    }

    /// What makes two requests the same: method, path and body. A JSON body counts by its value,
    /// so a retry that encodes the same object with other spacing or key order is still a repeat.
    public static func fingerprint(method: String, path: String, body: Data) -> String {
        let canonical = (try? WireCoding.decode(JSONValue.self, from: body)).flatMap { try? WireCoding.encode($0) } ?? body
        var hash = SHA256()
        hash.update(data: Data("\(method) \(path)\n".utf8))
        hash.update(data: canonical)
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// A channel per key, named by a digest: keys are the client's text, channel names are not.
    static func channel(accountID: String, key: String) -> NotifierChannel {
        let digest = SHA256.hash(data: Data("\(accountID)\n\(key)".utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
        return NotifierChannel("idempotency:\(digest)")
    }

    static func millis(_ duration: Duration) -> Millis {
        Millis(duration / .milliseconds(1))
    }
}
