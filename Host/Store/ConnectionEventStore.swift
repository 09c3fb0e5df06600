public import PatchbayModel

/// Connection status changes the host announces as webhook events (`patchbay.connection.*`).
/// The change and its event, with the event's delivery jobs, commit in one transaction: a crash
/// keeps both or neither, and an event that cannot be stored leaves the status as it was.
public protocol ConnectionEventStore: Sendable {
    /// `setConnectionStatus`, storing `event` too when the status was set.
    func setConnectionStatus(connectionID: String, accountID: String, status: ConnectionRecord.Status, reason: String?,
                             at: Millis, leaseOwner: String?, announcing event: InboundEvent) async throws
    /// `saveTokens`, storing `event` too (when there is one) when the tokens were saved.
    func saveTokens(connectionID: String, accountID: String, sealedCredentials: String, expiresAt: Millis?,
                    at: Millis, leaseOwner: String?, announcing event: InboundEvent?) async throws -> Bool
    /// `updateConnection` for credentials replaced by hand: also forgets the token expiry and
    /// status reason, and stores `event` when there is one.
    func updateConnectionReplacingCredentials(_ connection: ConnectionRecord, announcing event: InboundEvent?) async throws
}
