/// How the host verifies this provider's inbound webhooks. The host does the verification
/// natively from this data; the plugin only parses verified payloads (docs/webhooks.md).
public struct WebhookSpec: Codable, Sendable, Equatable {
    /// The scheme's name, shown in the catalog. A manifest that declares no `verification`
    /// must name one of the presets (`Preset`), which stand for their data.
    public var scheme: String
    /// What the host checks: the signature's algorithm, headers, encoding and signed payload.
    public var verification: WebhookVerification
    /// Seconds a signed timestamp may differ from now, for schemes that sign one. Default 300.
    public var toleranceSeconds: Int?
    /// A known-answer vector the plugin test harness verifies with the host's implementation.
    public var testVector: WebhookTestVector?

    /// The window used when the manifest names none.
    public static let defaultToleranceSeconds = 300

    public init(scheme: String, verification: WebhookVerification, toleranceSeconds: Int? = nil,
                testVector: WebhookTestVector? = nil) {
        self.scheme = scheme
        self.verification = verification
        self.toleranceSeconds = toleranceSeconds
        self.testVector = testVector
    }

    /// A preset scheme, e.g. `.stripeV1`: the form manifests were written in before schemes
    /// were data, which still compiles and means the same.
    public init(scheme preset: Preset, toleranceSeconds: Int? = nil, testVector: WebhookTestVector? = nil) {
        self.init(scheme: preset.rawValue, verification: preset.verification, toleranceSeconds: toleranceSeconds, testVector: testVector)
    }

    public var tolerance: Int { toleranceSeconds ?? Self.defaultToleranceSeconds }

    enum CodingKeys: String, CodingKey {
        case scheme, verification
        case toleranceSeconds = "tolerance_seconds"
        case testVector = "test_vector"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scheme = try c.decode(String.self, forKey: .scheme)
        toleranceSeconds = try c.decodeIfPresent(Int.self, forKey: .toleranceSeconds)
        testVector = try c.decodeIfPresent(WebhookTestVector.self, forKey: .testVector)
        if let declared = try c.decodeIfPresent(WebhookVerification.self, forKey: .verification) {
            verification = declared
        } else if let preset = Preset(rawValue: scheme) {
            // Manifests from before schemes were data name one of these and nothing else.
            verification = preset.verification
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: .verification, in: c,
                debugDescription: "scheme \"\(scheme)\" is not a preset (\(Preset.allCases.map(\.rawValue).joined(separator: ", "))), so verification is required")
        }
    }
}

/// A request the provider signed, with the secret it signed it with: the host verifies it at
/// load time, so a scheme declared wrong refuses the plugin instead of every real webhook.
public struct WebhookTestVector: Codable, Sendable, Equatable {
    public var secret: String
    public var body: String
    /// The signature, timestamp and id headers as the provider sent them.
    public var headers: [String: String]

    public init(secret: String, body: String, headers: [String: String]) {
        self.secret = secret
        self.body = body
        self.headers = headers
    }
}
