/// Credentials and URLs end up in request lines and headers, where a CR or LF splits the
/// message and a NUL cuts it short: refused when they are set, so a bad paste fails there with
/// the field named, not later as a misleading "could not reach". The value is never echoed.
enum ControlCharacters {
    static func refuse(in value: String, field: String) throws {
        guard value.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return }
        throw ServiceError.validation("\(field) must not contain control characters (a line break, tab or NUL, say)", field: field)
    }
}
