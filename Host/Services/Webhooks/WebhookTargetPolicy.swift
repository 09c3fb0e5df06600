import Foundation
import PatchbayEgress

/// Where pushed events may go. An agent's URL makes this host open connections, so an unchecked
/// one could reach what only the host can reach: the cloud metadata service (169.254.169.254),
/// an admin port on loopback, the private network. By default only public addresses qualify
/// (the same `AddressPolicy` the egress applies to plugins' requests), checked on the addresses
/// the name resolves to when the worker connects (a name that resolved to a public address when
/// the subscription was made may point inward later), and the connection goes to exactly the
/// address that was checked.
struct WebhookTargetPolicy: Sendable {
    let addresses: AddressPolicy
    let requireHTTPS: Bool

    init(settings: WebhookSettings) {
        addresses = settings.allowPrivateTargets ? .everything : AddressPolicy()
        requireHTTPS = settings.production && !settings.allowHTTPTargets
    }

    /// A URL the worker may send to, and the checked address to connect to when its host is a
    /// name (a literal address is connected to as written).
    struct Target: Sendable {
        let url: String
        let pinned: (host: String, address: String)?
    }

    enum Failure: Error, Equatable {
        /// The policy forbids the URL: no attempt is made and none will succeed.
        case refused(String)
        /// The name does not resolve now; that may pass.
        case unresolved(String)
    }

    /// For a subscription's URL as it is created or changed: a refusal is a 400 naming `url`. A
    /// name that does not resolve yet is accepted; its deliveries are retried.
    func validate(_ text: String) async throws {
        do {
            _ = try await target(text)
        } catch Failure.refused(let reason) {
            throw ServiceError.validation(reason, field: "url")
        } catch Failure.unresolved {
            // Accepted: the agent's name may not be published yet.
        }
    }

    /// For a delivery, at connect time.
    func target(_ text: String) async throws -> Target {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw Failure.refused("url must be an absolute http or https URL")
        }
        guard scheme == "https" || scheme == "http" else { throw Failure.refused("url must use http or https, not \(scheme)") }
        if requireHTTPS, scheme != "https" {
            throw Failure.refused("url must use https in production (an operator can allow http with PATCHBAY_ALLOW_HTTP_WEBHOOK_TARGETS=1)")
        }
        do {
            switch try await addresses.vet(host: host, port: url.port ?? (scheme == "https" ? 443 : 80), lookup: IPAddress.lookup) {
            case .asWritten: return Target(url: text, pinned: nil)
            case .pinned(let address): return Target(url: text, pinned: (host: host, address: address.description))
            }
        } catch let refusal as AddressRefusal {
            guard case .refused = refusal else { throw Failure.unresolved("could not resolve \(host): \(refusal)") }
            throw Failure.refused("url must reach a public address, but \(refusal); an operator can allow local receivers "
                + "with PATCHBAY_ALLOW_PRIVATE_WEBHOOK_TARGETS=1")
        }
    }
}
