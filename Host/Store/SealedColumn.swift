public import PatchbayModel

/// Where one kind of vault-sealed value is stored: the registry of every sealed column.
///
/// Rotation, `vault status` and `vault retire` walk this list and nothing else, so a column
/// that holds sealed values but is missing here would keep its old key after a rotation and
/// stop opening once that key is retired. A test finds every column holding `pbv1.` values in
/// a populated database and checks that each is listed.
public struct SealedColumn: Sendable, Equatable {
    public let kind: SealedSecret.Kind
    public let table: String
    /// The row's id, which is also the id in the sealing context `<kind>:<id>`.
    public let idColumn: String
    public let column: String

    public static let all: [SealedColumn] = SealedSecret.Kind.allCases.map(SealedColumn.init)

    init(_ kind: SealedSecret.Kind) {
        self.kind = kind
        switch kind {
        case .connection: (table, idColumn, column) = ("connections", "id", "sealed_credentials")
        case .oauthApp: (table, idColumn, column) = ("oauth_apps", "id", "sealed_client_secret")
        case .oauthState: (table, idColumn, column) = ("oauth_states", "id", "sealed_verifier")
        case .vaultCanary: (table, idColumn, column) = ("vault_canary", "id", "sealed")
        case .webhookEndpoint: (table, idColumn, column) = ("webhook_endpoints", "id", "sealed_secret")
        case .webhookSubscription: (table, idColumn, column) = ("webhook_subscriptions", "id", "sealed_secrets")
        }
    }
}
