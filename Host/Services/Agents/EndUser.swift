import Foundation

/// The id an agent platform uses for one of its own users. Opaque to the host.
enum EndUser {
    static func validated(_ raw: String) throws -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard (1...200).contains(trimmed.count), trimmed == raw else {
            throw ServiceError.validation("end_user must be 1 to 200 characters without surrounding spaces", field: "end_user")
        }
        return raw
    }
}
