/// The addresses a URL or connection string someone else chose may not make the host reach:
/// every block of IANA's IPv4 and IPv6 Special-Purpose Address Registries, multicast, and the
/// IPv6 space outside global unicast (2000::/3). A request to such an address could reach what
/// only the host can reach (the cloud metadata service at 169.254.169.254, an admin port on
/// loopback, the private network) or go nowhere useful (documentation, benchmarking ranges).
/// Blocks that carry an IPv4 address inside an IPv6 one are judged by the address inside.
public enum SpecialPurposeAddresses {
    struct Entry: Sendable {
        let block: AddressBlock
        let kind: String
        /// Where an embedded IPv4 address starts, for blocks that reach one.
        let embeddedIPv4At: Int?

        init(_ cidr: String, _ kind: String, embeddedIPv4At: Int? = nil) {
            block = AddressBlock(cidr)!
            self.kind = kind
            self.embeddedIPv4At = embeddedIPv4At
        }
    }

    /// First match wins, so a block inside another comes before it.
    static let entries: [Entry] = [
        // IPv4: https://www.iana.org/assignments/iana-ipv4-special-registry
        Entry("0.0.0.0/32", "unspecified"),
        Entry("0.0.0.0/8", "this network"),
        Entry("10.0.0.0/8", "private"),
        Entry("100.64.0.0/10", "shared (carrier-grade NAT)"),
        Entry("127.0.0.0/8", "loopback"),
        Entry("169.254.0.0/16", "link-local"),
        Entry("172.16.0.0/12", "private"),
        Entry("192.0.0.0/24", "IETF protocol assignments"),
        Entry("192.0.2.0/24", "documentation"),
        Entry("192.31.196.0/24", "AS112"),
        Entry("192.52.193.0/24", "AMT"),
        Entry("192.88.99.0/24", "6to4 relay anycast"),
        Entry("192.168.0.0/16", "private"),
        Entry("192.175.48.0/24", "AS112"),
        Entry("198.18.0.0/15", "benchmarking"),
        Entry("198.51.100.0/24", "documentation"),
        Entry("203.0.113.0/24", "documentation"),
        Entry("224.0.0.0/4", "multicast"),
        Entry("255.255.255.255/32", "limited broadcast"),
        Entry("240.0.0.0/4", "reserved"),
        // IPv6: https://www.iana.org/assignments/iana-ipv6-special-registry
        Entry("::/128", "unspecified"),
        Entry("::1/128", "loopback"),
        Entry("::ffff:0:0/96", "IPv4-mapped", embeddedIPv4At: 12),
        Entry("64:ff9b::/96", "IPv4/IPv6 translation", embeddedIPv4At: 12),
        Entry("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"),
        Entry("100::/64", "discard-only"),
        Entry("100:0:0:1::/64", "dummy prefix"),
        Entry("2001::/23", "IETF protocol assignments"),
        Entry("2001:db8::/32", "documentation"),
        Entry("2002::/16", "6to4", embeddedIPv4At: 2),
        Entry("2620:4f:8000::/48", "AS112"),
        Entry("3fff::/20", "documentation"),
        Entry("5f00::/16", "segment routing"),
        Entry("fc00::/7", "unique-local"),
        Entry("fe80::/10", "link-local"),
        Entry("fec0::/10", "site-local"),
        Entry("ff00::/8", "multicast"),
    ]

    private static let globalUnicast = AddressBlock("2000::/3")!

    /// Why `address` is not a public one (`loopback`, `private`, `documentation`, …), or nil
    /// when it is.
    public static func kind(of address: IPAddress) -> String? {
        if let entry = entries.first(where: { $0.block.contains(address) }) {
            guard let offset = entry.embeddedIPv4At else { return entry.kind }
            return kind(of: IPAddress(bytes: Array(address.bytes[offset..<offset + 4])))
        }
        if !address.isIPv4, !globalUnicast.contains(address) { return "reserved" }
        return nil
    }
}

extension IPAddress {
    /// Why the address is not a public one, or nil when it is (see `SpecialPurposeAddresses`).
    public var nonPublicKind: String? { SpecialPurposeAddresses.kind(of: self) }
}
