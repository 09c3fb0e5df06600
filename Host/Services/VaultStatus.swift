public import PatchbayModel

/// What `patchbay vault status` reports: each key id with what it seals, per kind.
public struct VaultStatus: Sendable, Equatable {
    public struct Key: Sendable, Equatable {
        public var id: String
        /// The key that seals new values.
        public var active: Bool
        /// In this host's keyring (key file or environment), so it opens what it sealed.
        public var held: Bool
        public var retired: Bool
        public var counts: [SealedSecret.Kind: Int]

        public var total: Int { counts.values.reduce(0, +) }
    }

    /// The keyring's keys in its order (the active one first), then any other id that a
    /// sealed value names or that was retired.
    public var keys: [Key]

    public func key(_ id: String) -> Key? { keys.first { $0.id == id } }
}
