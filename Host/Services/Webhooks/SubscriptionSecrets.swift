import Foundation
import PatchbayModel
import PatchbayVault

/// A push subscription's signing secrets: the current one and, during a rotation, the
/// previous one until it expires. Sealed together with the subscription as authenticated data.
struct SubscriptionSecrets: Codable, Sendable {
    var current: String
    var previous: String?
    var previousExpiresAt: Millis?

    /// Newest first, as they go into `webhook-signature`.
    func valid(now: Millis) -> [String] {
        guard let previous, let expires = previousExpiresAt, expires > now else { return [current] }
        return [current, previous]
    }

    func seal(_ vault: Vault, subscriptionID: String) throws -> String {
        try vault.seal(try JSONEncoder().encode(self), context: Self.context(subscriptionID))
    }

    static func open(_ sealed: String, vault: Vault, subscriptionID: String) throws -> SubscriptionSecrets {
        try JSONDecoder().decode(SubscriptionSecrets.self, from: try vault.open(sealed, context: context(subscriptionID)))
    }

    static func context(_ subscriptionID: String) -> String { SealedSecret.context(.webhookSubscription, subscriptionID) }
}
