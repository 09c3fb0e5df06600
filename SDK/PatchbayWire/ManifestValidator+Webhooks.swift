import Foundation

extension ManifestValidator {
    static let headerNamePattern = try! NSRegularExpression(pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$")

    /// A webhook scheme the host can interpret: real header names, a signed payload of known
    /// placeholders whose every value the delivery carries, and a sane replay window.
    static func webhookProblems(_ spec: WebhookSpec) -> [SchemaViolation] {
        var problems: [SchemaViolation] = []
        func problem(_ path: String, _ message: String) { problems.append(SchemaViolation(path: "webhooks.\(path)", message: message)) }
        let data = spec.verification

        if spec.scheme.isEmpty { problem("scheme", "must name the scheme") }
        if let tolerance = spec.toleranceSeconds, !(1...86_400).contains(tolerance) {
            problem("tolerance_seconds", "must be from 1 to 86400 seconds")
        }
        let headers: [(String, String?)] = [
            ("signature_header", data.signatureHeader), ("timestamp_header", data.timestampHeader), ("id_header", data.idHeader),
            ("channel_header", data.channelHeader), ("resource_header", data.resourceHeader),
        ]
        for case let (field, name?) in headers where !matches(headerNamePattern, name) {
            problem("verification.\(field)", "must be an HTTP header name")
        }
        if data.timestampHeader != nil, data.timestampPrefix != nil {
            problem("verification.timestamp_prefix", "the timestamp comes from timestamp_header or from the signature header, not both")
        }
        if let prefix = data.timestampPrefix, prefix.isEmpty || data.signatureSeparator == nil {
            problem("verification.timestamp_prefix", "must be a non-empty prefix of an entry, with signature_separator set")
        }
        if data.signatureSeparator == "" { problem("verification.signature_separator", "must not be empty") }

        if data.algorithm == .token {
            if data.signedPayload != "{body}" { problem("verification.signed_payload", "does not apply to a token, which signs nothing") }
        } else {
            let placeholders = data.payloadParts.compactMap { part -> String? in
                if case .placeholder(let name) = part { return name }
                return nil
            }
            for name in placeholders where !WebhookVerification.placeholders.contains(name) {
                problem("verification.signed_payload", "has the unknown placeholder {\(name)}; it may use {body}, {timestamp} and {id}")
            }
            if placeholders.filter({ $0 == "body" }).count != 1 {
                problem("verification.signed_payload", "must hold {body} exactly once")
            }
            if placeholders.contains("timestamp"), !data.signsTimestamp {
                problem("verification.signed_payload", "uses {timestamp} but neither timestamp_header nor timestamp_prefix says where it is")
            }
            if placeholders.contains("id"), data.idHeader == nil {
                problem("verification.signed_payload", "uses {id} but id_header does not say where it is")
            }
            if data.signatureSeparator != nil, data.signaturePrefix.isEmpty {
                problem("verification.signature_prefix", "must say which entries of the header are signatures")
            }
        }
        for (index, handshake) in data.handshakes.enumerated() {
            if (handshake.header == nil) == (handshake.bodyField == nil) {
                problem("verification.handshakes[\(index)]", "must match on either header or body_field")
            }
            if handshake.equals.isEmpty { problem("verification.handshakes[\(index)].equals", "must not be empty") }
        }
        return problems
    }
}
