#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address as its bytes, and whether it is on the public internet: what the
/// delivery worker checks before it lets an agent's URL make this host connect somewhere.
struct IPAddress: Sendable, Equatable, CustomStringConvertible {
    let bytes: [UInt8]

    /// Parses a literal (`203.0.113.7`, `2001:db8::1`, also in brackets); nil for anything else.
    init?(_ text: String) {
        var literal = Substring(text)
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = literal.dropFirst().dropLast() }
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, String(literal), &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, String(literal), &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
        } else {
            return nil
        }
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        var copy = bytes
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        guard inet_ntop(family, &copy, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
        return String(cString: buffer)
    }

    /// Why the address is not a public one (`loopback`, `private`, …), or nil when it is.
    var nonPublicKind: String? {
        if bytes.count == 4 { return Self.v4Kind(bytes) }
        // IPv4-mapped (::ffff:a.b.c.d) reaches the IPv4 address inside.
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { return Self.v4Kind(Array(bytes[12...])) }
        if bytes.allSatisfy({ $0 == 0 }) { return "unspecified" }
        if bytes[0..<15].allSatisfy({ $0 == 0 }), bytes[15] == 1 { return "loopback" }
        // The rest of ::/96 held the deprecated IPv4-compatible form; nothing public lives there.
        if bytes[0..<12].allSatisfy({ $0 == 0 }) { return "reserved" }
        if bytes[0] == 0xFF { return "multicast" }
        if bytes[0] == 0xFE, bytes[1] & 0xC0 == 0x80 { return "link-local" }
        if bytes[0] == 0xFE, bytes[1] & 0xC0 == 0xC0 { return "site-local" }
        if bytes[0] & 0xFE == 0xFC { return "unique-local" }
        // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last four bytes.
        if bytes[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] { return Self.v4Kind(Array(bytes[12...])) }
        return nil
    }

    private static func v4Kind(_ b: [UInt8]) -> String? {
        switch (b[0], b[1]) {
        case (0, _): return "unspecified"
        case (10, _), (172, 16...31), (192, 168): return "private"
        case (100, 64...127): return "shared (carrier-grade NAT)"
        case (127, _): return "loopback"
        case (169, 254): return "link-local"
        case (224...239, _): return "multicast"
        case (240...255, _): return "reserved"
        default: return nil
        }
    }

    /// Every address `host` resolves to, by the system resolver. Blocking: run it off the
    /// cooperative pool.
    static func resolve(_ host: String) -> [IPAddress]? {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor?.pointee {
            if let address = info.ai_addr {
                switch info.ai_family {
                case AF_INET:
                    var raw = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    addresses.append(IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) }))
                case AF_INET6:
                    var raw = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    addresses.append(IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) }))
                default:
                    break
                }
            }
            cursor = info.ai_next
        }
        return addresses.isEmpty ? nil : addresses
    }
}
