import Crypto
public import Foundation
@_spi(PatchbayHost) public import PatchbayWire

/// Checks an inbound webhook against the scheme its provider's manifest declares as data
/// (`WebhookVerification`). Every comparison of secret material is constant-time: a MAC is
/// recomputed and checked with `isValidAuthenticationCode`, a token by comparing digests byte
/// for byte without early exit. Refusals name headers, never a secret or an expected value.
public struct WebhookVerifier: Sendable {
    /// Why a webhook was refused. The message names the header, never a secret or the expected value.
    public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        public var code: String
        public var message: String

        public var description: String { message }
    }

    public var spec: WebhookSpec
    /// The endpoint's secret: a signing secret, or a channel token.
    public var secret: String
    /// Push channels: the channel and resource ids the endpoint was registered with, if any.
    public var channelID: String?
    public var resourceID: String?
    /// Where MAC keys set up for earlier deliveries are kept, if anywhere.
    public var keys: WebhookKeys?

    /// More entries than this in one signature header are refused rather than each tried.
    static let maxSignatures = 16

    public init(spec: WebhookSpec, secret: String, channelID: String? = nil, resourceID: String? = nil, keys: WebhookKeys? = nil) {
        self.spec = spec
        self.secret = secret
        self.channelID = channelID
        self.resourceID = resourceID
        self.keys = keys
    }

    /// Verifies a manifest's known-answer vector as a delivery at the moment it was signed
    /// (its signed timestamp, if the scheme has one; otherwise now), with the vector's own secret.
    public static func verify(_ vector: WebhookTestVector, spec: WebhookSpec) throws(Refusal) {
        let headers = Dictionary(vector.headers.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        let verifier = WebhookVerifier(spec: spec, secret: vector.secret)
        var signedAt = Date()
        if let text = (try? verifier.timestamp(headers, entries: verifier.entries(headers))) ?? nil, let seconds = Int(text) {
            signedAt = Date(timeIntervalSince1970: Double(seconds))
        }
        try verifier.verify(headers: headers, body: Data(vector.body.utf8), now: signedAt)
    }

    /// `headers` have lowercase names.
    public func verify(headers: [String: String], body: Data, now: Date = Date()) throws(Refusal) {
        let data = spec.verification
        if data.algorithm == .token {
            try checkToken(headers)
            return
        }
        let entries = try entries(headers)
        var timestampText: String?
        if data.signsTimestamp {
            guard let text = try timestamp(headers, entries: entries) else {
                throw refusal("missing_signature", "the \(timestampName) is missing")
            }
            guard let timestamp = Int(text) else { throw refusal("stale_timestamp", "the \(timestampName) is not a unix time") }
            guard abs(Int(now.timeIntervalSince1970) - timestamp) <= spec.tolerance else {
                throw refusal("stale_timestamp", "the \(timestampName) is more than \(spec.tolerance) s from now")
            }
            timestampText = text
        }
        let signatures = try signatures(entries)
        let parts = data.payloadParts
        var id: String?
        if let idHeader = data.idHeader, parts.contains(.placeholder("id")) { id = try header(headers, idHeader) }
        let prepared = if let keys {
            keys.hmac(data.algorithm, secret: secret, encoding: data.secretEncoding)
        } else {
            WebhookKeys.prepare(data.algorithm, secret: secret, encoding: data.secretEncoding)
        }
        guard let hmac = prepared else {
            throw refusal("invalid_signature", "the endpoint's secret is not \(data.secretEncoding.rawValue)")
        }
        let signed = SignedPayload(parts: parts, body: body, timestamp: timestampText ?? "", id: id ?? "")
        let matched = switch hmac {
        case .sha256(let hmac): Self.matches(signatures, signed.mac(hmac))
        case .sha1(let hmac): Self.matches(signatures, signed.mac(hmac))
        }
        guard matched else { throw refusal("invalid_signature", "\(data.signatureHeader) does not match the body") }
    }

    /// Whether one of the signatures is `mac`, each compared in constant time by swift-crypto.
    private static func matches<H: HashFunction>(_ signatures: [Data], _ mac: HashedAuthenticationCode<H>) -> Bool {
        signatures.contains { mac == $0 }
    }

    /// The handshake a verified delivery is, answered rather than stored: the reply's body, or nil for an event.
    public func handshakeReply(headers: [String: String], body: Data) -> JSONValue? {
        for handshake in spec.verification.handshakes {
            if let name = handshake.header {
                if headers[Self.lowercased(name)] == handshake.equals { return ["ok": true] }
                continue
            }
            guard let field = handshake.bodyField, let envelope = try? WireCoding.decode(JSONValue.self, from: body),
                  envelope[field]?.stringValue == handshake.equals
            else { continue }
            guard let echo = handshake.echo else { return ["ok": true] }
            guard let value = envelope[echo]?.stringValue else { continue }
            return .object([echo: .string(value)])
        }
        return nil
    }

    private func checkToken(_ headers: [String: String]) throws(Refusal) {
        let data = spec.verification
        let token = try header(headers, data.signatureHeader)
        guard Self.constantTimeEqual(token, secret) else {
            throw refusal("invalid_signature", "\(data.signatureHeader) does not match the endpoint's token")
        }
        if let channelID, let name = data.channelHeader, try header(headers, name) != channelID {
            throw refusal("unknown_channel", "\(name) is not the channel this endpoint was registered with")
        }
        if let resourceID, let name = data.resourceHeader, try header(headers, name) != resourceID {
            throw refusal("unknown_channel", "\(name) is not the resource this endpoint watches")
        }
    }

    /// The signature header's entries: the whole value, or its parts when the scheme separates several.
    private func entries(_ headers: [String: String]) throws(Refusal) -> [Substring] {
        let data = spec.verification
        let value = try header(headers, data.signatureHeader)
        guard let separator = data.signatureSeparator else { return [value[...]] }
        let entries = value.split(separator: separator, omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces)[...] }.filter { !$0.isEmpty }
        guard entries.count <= Self.maxSignatures * 2 else {
            throw refusal("invalid_signature", "\(data.signatureHeader) holds more than \(Self.maxSignatures * 2) entries")
        }
        return entries
    }

    /// The signed timestamp as sent: its header, or its entry of the signature header.
    private func timestamp(_ headers: [String: String], entries: [Substring]) throws(Refusal) -> String? {
        let data = spec.verification
        if let name = data.timestampHeader { return headers[Self.lowercased(name)].flatMap { $0.isEmpty ? nil : $0 } }
        guard let prefix = data.timestampPrefix, let entry = entries.first(where: { $0.hasPrefix(prefix) }) else { return nil }
        return String(entry.dropFirst(prefix.count))
    }

    private var timestampName: String {
        let data = spec.verification
        return data.timestampHeader.map { "\($0) header" } ?? "\(data.timestampPrefix ?? "") entry of \(data.signatureHeader)"
    }

    /// The signatures' bytes. A single-valued header must be exactly prefix and signature; in a
    /// list, entries without the prefix (other versions, the timestamp) are not signatures.
    private func signatures(_ entries: [Substring]) throws(Refusal) -> [Data] {
        let data = spec.verification
        let decoded = entries.filter { $0.hasPrefix(data.signaturePrefix) }.compactMap { entry -> Data? in
            let text = entry.dropFirst(data.signaturePrefix.count)
            switch data.signatureEncoding {
            case .hex: return Hex.bytes(text)
            case .base64: return Data(base64Encoded: String(text))
            }
        }
        guard !decoded.isEmpty else {
            let format = "\(data.signaturePrefix)<\(data.signatureEncoding.rawValue)>"
            throw refusal("invalid_signature", "\(data.signatureHeader) must hold \(data.signatureSeparator == nil ? "" : "an entry ")\(format)")
        }
        guard decoded.count <= Self.maxSignatures else {
            throw refusal("invalid_signature", "\(data.signatureHeader) holds more than \(Self.maxSignatures) signatures")
        }
        return decoded
    }

    private func header(_ headers: [String: String], _ name: String) throws(Refusal) -> String {
        // HTTP already strips a field value's surrounding whitespace.
        guard let value = headers[Self.lowercased(name)], !value.isEmpty else {
            throw refusal("missing_signature", "the \(name) header is missing")
        }
        return value
    }

    /// A header name as the headers map spells it. Manifests write their names in lowercase
    /// already, and those are used as they are rather than copied.
    private static func lowercased(_ name: String) -> String {
        name.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") || $0 >= 0x80 } ? name.lowercased() : name
    }

    private func refusal(_ code: String, _ message: String) -> Refusal {
        Refusal(code: code, message: message)
    }

    /// Compares digests of both sides, so neither the length nor the first differing byte shows in the timing.
    public static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(SHA256.hash(data: Data(lhs.utf8)))
        let right = Array(SHA256.hash(data: Data(rhs.utf8)))
        var difference: UInt8 = 0
        for index in 0..<left.count { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
