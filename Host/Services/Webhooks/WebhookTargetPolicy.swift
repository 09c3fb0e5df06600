import Foundation
import NIOPosix

/// Where pushed events may go. An agent's URL makes this host open connections, so an unchecked
/// one could reach what only the host can reach: the cloud metadata service (169.254.169.254),
/// an admin port on loopback, the private network. By default only public addresses qualify,
/// checked on the addresses the name resolves to when the worker connects (a name that resolved
/// to a public address when the subscription was made may point inward later), and the
/// connection goes to exactly the address that was checked.
struct WebhookTargetPolicy: Sendable {
    let allowPrivate: Bool
    let requireHTTPS: Bool

    init(settings: WebhookSettings) {
        allowPrivate = settings.allowPrivateTargets
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
        if let literal = IPAddress(host) {
            try check(literal, host: host)
            return Target(url: text, pinned: nil)
        }
        let found: [IPAddress]?
        do {
            found = try await NIOThreadPool.singleton.runIfActive { IPAddress.resolve(host) }
        } catch {
            throw Failure.unresolved("could not resolve \(host): \(error)")
        }
        guard let addresses = found, let first = addresses.first else { throw Failure.unresolved("\(host) does not resolve") }
        for address in addresses { try check(address, host: host) }
        return Target(url: text, pinned: (host: host, address: first.description))
    }

    private func check(_ address: IPAddress, host: String) throws {
        guard !allowPrivate, let kind = address.nonPublicKind else { return }
        let found = IPAddress(host) == nil ? "\(host) resolves to \(address)" : "\(address) is"
        throw Failure.refused("url must reach a public address, but \(found) (\(kind)); an operator can allow local receivers "
            + "with PATCHBAY_ALLOW_PRIVATE_WEBHOOK_TARGETS=1")
    }
}
