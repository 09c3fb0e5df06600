public import Foundation

/// Which addresses the host may connect to when someone other than the operator chose the
/// target: a plugin's request, a connection's base URL or connection string, a push
/// subscription's URL. Public addresses always; a special-purpose one (`SpecialPurposeAddresses`)
/// only when the operator allows its range or trusts the name.
public struct AddressPolicy: Sendable, Equatable {
    /// Every address, as for local receivers of pushed events in development.
    public var allowsEverything = false
    /// Ranges the operator allows (`--allow-egress 10.0.0.0/8`).
    public private(set) var allowedBlocks: [AddressBlock] = []
    /// Names the operator trusts whatever they resolve to (`--allow-egress db.internal`).
    public private(set) var trustedHosts: Set<String> = []
    /// `host:port` of the operator's own upstream overrides (`--upstream`), trusted as written.
    public private(set) var trustedOrigins: Set<String> = []

    public init() {}

    /// The policy that lets the host connect anywhere.
    public static var everything: AddressPolicy {
        var policy = AddressPolicy()
        policy.allowsEverything = true
        return policy
    }

    /// Adds one `--allow-egress` entry: a CIDR block, an address, or a host name.
    public mutating func allow(_ entry: String) throws {
        let text = entry.trimmingCharacters(in: .whitespaces)
        if let block = AddressBlock(text) {
            allowedBlocks.append(block)
        } else if !text.contains("/"), !text.contains(":"), Self.isHostName(text) {
            trustedHosts.insert(Self.normalized(text))
        } else {
            throw AddressPolicyError(entry: text)
        }
    }

    /// Trusts the origin of an operator-given URL (an upstream override), on its port only.
    public mutating func trust(_ url: URL) {
        guard let host = url.host else { return }
        trustedOrigins.insert(Self.origin(host, port: url.port ?? Self.defaultPort(url.scheme)))
    }

    /// Whether the operator trusts `host` (on `port`) whatever it resolves to.
    public func trusts(host: String, port: Int) -> Bool {
        trustedHosts.contains(Self.normalized(host)) || trustedOrigins.contains(Self.origin(host, port: port))
    }

    /// Why the host may not connect to `address` (its special purpose), or nil when it may.
    public func refusal(of address: IPAddress) -> String? {
        guard !allowsEverything, let kind = address.nonPublicKind else { return nil }
        return allowedBlocks.contains { $0.contains(address) } ? nil : kind
    }

    /// Where to connect for `host`: as written (a trusted name, or a literal address that
    /// passed), or to the one checked address a name resolved to, so that a second lookup
    /// cannot point the connection elsewhere. Every address the name resolves to must pass:
    /// one inward answer among public ones is how a rebinding attack gets through.
    public func vet(host: String, port: Int,
                    lookup: (String) async throws -> [IPAddress]?) async throws -> Verdict {
        if allowsEverything || trusts(host: host, port: port) { return .asWritten }
        if let literal = IPAddress(host) {
            if let kind = refusal(of: literal) { throw AddressRefusal.refused(host: host, address: literal, kind: kind) }
            return .asWritten
        }
        let found: [IPAddress]?
        do {
            found = try await lookup(host)
        } catch {
            throw AddressRefusal.unresolved(host: host)
        }
        guard let addresses = found, let first = addresses.first else { throw AddressRefusal.unresolved(host: host) }
        for address in addresses {
            if let kind = refusal(of: address) { throw AddressRefusal.refused(host: host, address: address, kind: kind) }
        }
        return .pinned(first)
    }

    public enum Verdict: Sendable, Equatable {
        /// Connect to the host as written.
        case asWritten
        /// Connect to this address, which was checked, whatever the name resolves to later.
        case pinned(IPAddress)
    }

    /// The port a URL with this scheme means when it names none.
    public static func defaultPort(_ scheme: String?) -> Int {
        switch scheme?.lowercased() {
        case "https": return 443
        case "postgres", "postgresql": return 5432
        default: return 80
        }
    }

    private static func origin(_ host: String, port: Int) -> String {
        "\(normalized(host)):\(port)"
    }

    /// Lowercased, without the brackets of an IPv6 literal or a trailing root dot.
    private static func normalized(_ host: String) -> String {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.hasSuffix(".") { host.removeLast() }
        return host
    }

    private static func isHostName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 253 && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}

/// Why the host will not connect to a host name or address.
public enum AddressRefusal: Error, Equatable, CustomStringConvertible {
    /// The policy forbids it: no attempt is made, and none would succeed.
    case refused(host: String, address: IPAddress, kind: String)
    /// The name does not resolve now; that may pass.
    case unresolved(host: String)

    /// `localhost resolves to 127.0.0.1 (loopback)`, `169.254.169.254 is link-local`.
    public var description: String {
        switch self {
        case .refused(let host, let address, let kind):
            return IPAddress(host) == nil ? "\(host) resolves to \(address) (\(kind))" : "\(address) is \(kind)"
        case .unresolved(let host):
            return "\(host) does not resolve"
        }
    }
}

/// An `--allow-egress` entry that is neither a CIDR block, an address nor a host name.
public struct AddressPolicyError: Error, CustomStringConvertible {
    public let entry: String

    public var description: String {
        "--allow-egress \"\(entry)\" is not a CIDR block (10.0.0.0/8, fd00::/8), an address or a host name"
    }
}
