public import Foundation

/// A webhook signature scheme as data, which the host interprets: which header carries the
/// signature and how, what bytes are signed, where the timestamp and the delivery id are,
/// and who issues the secret. Any provider's scheme can be declared without a host release.
public struct WebhookVerification: Codable, Sendable, Equatable {
    public enum Algorithm: String, Codable, Sendable, CaseIterable {
        case hmacSHA256 = "hmac_sha256"
        case hmacSHA1 = "hmac_sha1"
        /// No signature: the header carries the endpoint's secret itself, compared in constant time.
        case token
    }

    /// How the endpoint's secret text becomes the key's bytes.
    public enum SecretEncoding: String, Codable, Sendable, CaseIterable {
        /// The secret's UTF-8 bytes, as most providers use their signing secrets.
        case text
        case base64
        case hex
        /// Standard Webhooks: base64 after a `whsec_` prefix.
        case whsec

        /// The prefix of a Standard Webhooks secret.
        public static let whsecPrefix = "whsec_"

        /// The key bytes `secret` spells in this encoding, or nil when it is not so encoded.
        public func key(_ secret: String) -> Data? {
            switch self {
            case .text: return Data(secret.utf8)
            case .base64: return Data(base64Encoded: secret)
            case .hex: return Hex.bytes(secret[...])
            case .whsec:
                let encoded = secret.hasPrefix(Self.whsecPrefix) ? secret.dropFirst(Self.whsecPrefix.count) : secret[...]
                return Data(base64Encoded: String(encoded))
            }
        }
    }

    /// How the signature's bytes are written in the header.
    public enum SignatureEncoding: String, Codable, Sendable, CaseIterable {
        case hex
        case base64
    }

    /// Who makes the endpoint's secret.
    public enum SecretSource: String, Codable, Sendable, CaseIterable {
        /// The provider issues it (an app's signing secret): it must be given when the endpoint is made.
        case provider
        /// The host generates one when none is given, for the user to register with the provider.
        case host
    }

    public var algorithm: Algorithm
    public var secretEncoding: SecretEncoding
    public var secretSource: SecretSource
    /// The header holding the signature (or, for `token`, the secret).
    public var signatureHeader: String
    /// When set, the header holds several entries separated by this (`" "` for
    /// `v1,sig1 v1,sig2`, `","` for `t=…,v1=…,v1=…`); any one matching signature is enough.
    public var signatureSeparator: String?
    /// What precedes each signature, e.g. `sha256=`, `v0=`, `v1,`. With a separator, entries
    /// with other prefixes (other versions, the timestamp) are not signatures and are skipped.
    public var signaturePrefix: String
    public var signatureEncoding: SignatureEncoding
    /// The signed bytes: `{body}` is the raw body, `{timestamp}` and `{id}` the delivery's
    /// timestamp and id as sent, e.g. `v0:{timestamp}:{body}` or `{id}.{timestamp}.{body}`.
    public var signedPayload: String
    /// The header holding the unix time the delivery was signed at.
    public var timestampHeader: String?
    /// Or the prefix of the signature header's entry holding it, e.g. `t=`.
    public var timestampPrefix: String?
    /// The header holding the delivery's id: `{id}` in the signed payload, and the key a
    /// redelivery is recognised by (docs/webhooks.md, "Deduplication").
    public var idHeader: String?
    /// Push channels: headers that must carry the channel and resource ids the endpoint was
    /// registered with (`channel_id`, `resource_id`), when it was registered with them.
    public var channelHeader: String?
    public var resourceHeader: String?
    /// Setup requests that are answered and not stored as events.
    public var handshakes: [WebhookHandshake]

    /// The placeholders `signedPayload` may use.
    public static let placeholders: Set<String> = ["body", "timestamp", "id"]

    public init(algorithm: Algorithm = .hmacSHA256, secretEncoding: SecretEncoding = .text, secretSource: SecretSource = .host,
                signatureHeader: String, signatureSeparator: String? = nil, signaturePrefix: String = "",
                signatureEncoding: SignatureEncoding = .hex, signedPayload: String = "{body}", timestampHeader: String? = nil,
                timestampPrefix: String? = nil, idHeader: String? = nil, channelHeader: String? = nil, resourceHeader: String? = nil,
                handshakes: [WebhookHandshake] = []) {
        self.algorithm = algorithm
        self.secretEncoding = secretEncoding
        self.secretSource = secretSource
        self.signatureHeader = signatureHeader
        self.signatureSeparator = signatureSeparator
        self.signaturePrefix = signaturePrefix
        self.signatureEncoding = signatureEncoding
        self.signedPayload = signedPayload
        self.timestampHeader = timestampHeader
        self.timestampPrefix = timestampPrefix
        self.idHeader = idHeader
        self.channelHeader = channelHeader
        self.resourceHeader = resourceHeader
        self.handshakes = handshakes
    }

    enum CodingKeys: String, CodingKey {
        case algorithm, handshakes
        case secretEncoding = "secret_encoding"
        case secretSource = "secret_source"
        case signatureHeader = "signature_header"
        case signatureSeparator = "signature_separator"
        case signaturePrefix = "signature_prefix"
        case signatureEncoding = "signature_encoding"
        case signedPayload = "signed_payload"
        case timestampHeader = "timestamp_header"
        case timestampPrefix = "timestamp_prefix"
        case idHeader = "id_header"
        case channelHeader = "channel_header"
        case resourceHeader = "resource_header"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        algorithm = try c.decodeIfPresent(Algorithm.self, forKey: .algorithm) ?? .hmacSHA256
        secretEncoding = try c.decodeIfPresent(SecretEncoding.self, forKey: .secretEncoding) ?? .text
        secretSource = try c.decodeIfPresent(SecretSource.self, forKey: .secretSource) ?? .host
        signatureHeader = try c.decode(String.self, forKey: .signatureHeader)
        signatureSeparator = try c.decodeIfPresent(String.self, forKey: .signatureSeparator)
        signaturePrefix = try c.decodeIfPresent(String.self, forKey: .signaturePrefix) ?? ""
        signatureEncoding = try c.decodeIfPresent(SignatureEncoding.self, forKey: .signatureEncoding) ?? .hex
        signedPayload = try c.decodeIfPresent(String.self, forKey: .signedPayload) ?? "{body}"
        timestampHeader = try c.decodeIfPresent(String.self, forKey: .timestampHeader)
        timestampPrefix = try c.decodeIfPresent(String.self, forKey: .timestampPrefix)
        idHeader = try c.decodeIfPresent(String.self, forKey: .idHeader)
        channelHeader = try c.decodeIfPresent(String.self, forKey: .channelHeader)
        resourceHeader = try c.decodeIfPresent(String.self, forKey: .resourceHeader)
        handshakes = try c.decodeIfPresent([WebhookHandshake].self, forKey: .handshakes) ?? []
    }

    /// Whether a delivery carries a signed timestamp, which must then be within the tolerance.
    public var signsTimestamp: Bool { timestampHeader != nil || timestampPrefix != nil }

    /// The `{name}` placeholders in `signedPayload`, in order, with the text between them.
    public var payloadParts: [PayloadPart] {
        var parts: [PayloadPart] = []
        var rest = signedPayload[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(.literal(String(rest[..<open]))) }
            parts.append(.placeholder(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        return parts
    }

    public enum PayloadPart: Sendable, Equatable {
        case literal(String)
        case placeholder(String)
    }
}
