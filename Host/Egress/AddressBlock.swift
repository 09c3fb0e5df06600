/// A CIDR block (`10.0.0.0/8`, `fc00::/7`): a registry entry, or a range an operator allows.
public struct AddressBlock: Sendable, Equatable, CustomStringConvertible {
    public let network: IPAddress
    public let prefixLength: Int

    /// Parses `address/length`, or a bare address as a block of one; nil for anything else,
    /// also for a block whose address has bits set past its prefix (`10.0.0.1/8` is a typo
    /// for something, not a range).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(String(parts[0])) else { return nil }
        let bits = address.bytes.count * 8
        let length: Int
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), (0...bits).contains(parsed), parts[1].allSatisfy(\.isASCII) else { return nil }
            length = parsed
        } else {
            length = bits
        }
        self.init(network: address, prefixLength: length)
        guard Self.masked(address.bytes, length) == address.bytes else { return nil }
    }

    init(network: IPAddress, prefixLength: Int) {
        self.network = network
        self.prefixLength = prefixLength
    }

    /// Byte by byte, without allocating: every request to a provider runs this against each
    /// registry block.
    public func contains(_ address: IPAddress) -> Bool {
        let bytes = address.bytes
        let network = network.bytes
        guard bytes.count == network.count else { return false }
        var remaining = prefixLength
        var index = 0
        while remaining > 0 {
            let kept = min(remaining, 8)
            let mask = ~(UInt8(0xFF) >> kept)
            if bytes[index] & mask != network[index] { return false }
            remaining -= kept
            index += 1
        }
        return true
    }

    public var description: String { "\(network)/\(prefixLength)" }

    /// `bytes` with every bit past the first `length` cleared.
    private static func masked(_ bytes: [UInt8], _ length: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let kept = min(max(length - index * 8, 0), 8)
            return kept == 8 ? byte : byte & ~(UInt8(0xFF) >> kept)
        }
    }
}
