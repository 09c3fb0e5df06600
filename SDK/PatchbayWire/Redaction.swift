import Foundation

/// Removes known secret values from text bound for a log line, an error or a stored record.
public enum Redaction {
    public static let mask = "[REDACTED]"

    /// Masks each secret as it is and as it looks percent-encoded in a URL.
    public static func redact(_ text: String, secrets: [String]) -> String {
        // Longest first, so a secret containing another is masked whole. Very short values
        // are skipped: masking every "a" would make logs unreadable and protects nothing.
        let forms = secrets.filter { $0.count >= 4 }.flatMap { secret in
            [secret, secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret]
        }
        return Set(forms).sorted { $0.count > $1.count }.reduce(text) { text, secret in
            text.replacingOccurrences(of: secret, with: mask)
        }
    }
}
