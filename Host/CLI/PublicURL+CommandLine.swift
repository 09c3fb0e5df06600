import ArgumentParser
import Foundation
import PatchbayServices

extension PublicURL {
    /// The host's public URL from `--public-url`, else `PATCHBAY_PUBLIC_URL`; nil when neither
    /// is given. A malformed one is refused, naming where it came from.
    static func fromCommandLine(flag: String?, environment: [String: String]) throws -> PublicURL? {
        let (source, raw) = flag.map { ("--public-url", $0) } ?? ("PATCHBAY_PUBLIC_URL", environment["PATCHBAY_PUBLIC_URL"] ?? "")
        guard !raw.isEmpty else { return nil }
        do {
            return try PublicURL(raw)
        } catch let error as ServiceError {
            throw ValidationError("\(source): \(error.message)")
        }
    }
}
