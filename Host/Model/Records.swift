public import Foundation
public import PatchbayWire

/// Times are milliseconds since the Unix epoch throughout the store.
public typealias Millis = Int64

public struct Account: Sendable, Equatable {
    public var id: String
    public var name: String
    public var createdAt: Millis

    public init(id: String, name: String, createdAt: Millis) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}

/// An API key as stored: never the key itself, only a lookup prefix and a salted hash.
public struct APIKeyRecord: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var prefix: String
    public var salt: Data
    public var hash: Data
    public var scopes: [String]
    public var createdAt: Millis
    public var revokedAt: Millis?
    /// Requests the key may make per rate-limit window; nil for the host's setting.
    public var rateLimit: Int?

    public init(id: String, accountID: String, prefix: String, salt: Data, hash: Data, scopes: [String],
                createdAt: Millis, revokedAt: Millis? = nil, rateLimit: Int? = nil) {
        self.id = id
        self.accountID = accountID
        self.prefix = prefix
        self.salt = salt
        self.hash = hash
        self.scopes = scopes
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.rateLimit = rateLimit
    }
}

public struct ConnectionRecord: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case active
        case revoked
        /// Waiting for the user to finish OAuth consent.
        case pending
        /// OAuth did not complete (consent denied, code refused); start it again to retry.
        case failed
        /// The provider refused a refresh; the user must authorize again.
        case needsReauth = "needs_reauth"
    }

    public var id: String
    public var accountID: String
    public var provider: String
    public var label: String
    public var config: JSONValue
    public var status: Status
    /// The credentials, sealed by the vault. Nil once revoked: the secrets are purged.
    public var sealedCredentials: String?
    public var createdAt: Millis
    public var updatedAt: Millis
    /// The end user this connection belongs to; nil for the account's shared connection.
    public var endUser: String?

    public init(id: String, accountID: String, provider: String, label: String, config: JSONValue, status: Status,
                sealedCredentials: String?, createdAt: Millis, updatedAt: Millis, endUser: String? = nil) {
        self.id = id
        self.accountID = accountID
        self.provider = provider
        self.label = label
        self.config = config
        self.status = status
        self.sealedCredentials = sealedCredentials
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.endUser = endUser
    }
}

/// The last discovered schema of a connection.
public struct SchemaSnapshot: Sendable, Equatable {
    public var connectionID: String
    public var schema: DiscoveredSchema
    public var discoveredAt: Millis

    public init(connectionID: String, schema: DiscoveredSchema, discoveredAt: Millis) {
        self.connectionID = connectionID
        self.schema = schema
        self.discoveredAt = discoveredAt
    }
}

/// One action call, whatever its outcome.
public struct ExecutionRecord: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case running
        case succeeded
        case failed
        /// A skill that needs approval, paused until someone approves or denies it.
        case awaitingApproval = "awaiting_approval"
        case denied
        /// The host running it went away (crash, kill, power loss) before its outcome was
        /// recorded. It is never sent again: the upstream may or may not have acted.
        case interrupted
    }

    /// The error of an `interrupted` execution.
    public static let outcomeUnknown = "outcome_unknown"
    public static let outcomeUnknownMessage =
        "the host stopped before this call's outcome was recorded; the upstream may or may not have acted on it, so check there before calling again"

    public var id: String
    public var accountID: String
    public var connectionID: String
    public var provider: String
    public var action: String
    public var status: Status
    public var startedAt: Millis
    public var finishedAt: Millis?
    public var durationMs: Int?
    public var errorCode: String?
    public var errorMessage: String?
    public var retryable: Bool?
    public var upstreamStatus: Int?
    /// Method, URL and status of each upstream request, with secrets removed.
    public var requests: [JSONValue]
    public var output: JSONValue?
    public var trigger: Trigger
    /// Set when an agent's skill call made this execution.
    public var skillCall: SkillCall?
    /// Not stored: set on the record returned to the caller when its outcome could not be
    /// written, so the stored record may still say `running`.
    public var recordIncomplete = false

    public init(id: String, accountID: String, connectionID: String, provider: String, action: String,
                status: Status, startedAt: Millis, finishedAt: Millis? = nil, durationMs: Int? = nil,
                errorCode: String? = nil, errorMessage: String? = nil, retryable: Bool? = nil,
                upstreamStatus: Int? = nil, requests: [JSONValue] = [], output: JSONValue? = nil,
                trigger: Trigger = .api, skillCall: SkillCall? = nil) {
        self.id = id
        self.accountID = accountID
        self.connectionID = connectionID
        self.provider = provider
        self.action = action
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.durationMs = durationMs
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.retryable = retryable
        self.upstreamStatus = upstreamStatus
        self.requests = requests
        self.output = output
        self.trigger = trigger
        self.skillCall = skillCall
    }
}
