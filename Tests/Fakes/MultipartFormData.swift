import Foundation

/// Reads the text fields of a `multipart/form-data` body. Enough for API calls that send
/// their arguments this way; file parts are read as text like any other field.
enum MultipartFormData {
    /// The fields by name, or nil when the body does not follow the boundary it claims.
    static func fields(_ body: String, boundary: String) -> [String: String]? {
        guard !boundary.isEmpty else { return nil }
        let delimiter = "--" + boundary
        let sections = body.components(separatedBy: delimiter)
        // Everything before the first delimiter is preamble; the last section follows the
        // closing delimiter ("--" + boundary + "--").
        guard sections.count >= 2, sections.last?.hasPrefix("--") == true else { return nil }
        var fields: [String: String] = [:]
        for section in sections.dropFirst().dropLast() {
            var part = section
            // "\r\n" is one Character in Swift, so one removal drops a whole line break.
            if part.first?.isNewline == true { part.removeFirst() }
            guard let split = part.range(of: "\r\n\r\n") ?? part.range(of: "\n\n") else { return nil }
            let head = part[..<split.lowerBound]
            var content = String(part[split.upperBound...])
            if content.last?.isNewline == true { content.removeLast() }
            guard let name = fieldName(in: head) else { return nil }
            fields[name] = content
        }
        return fields
    }

    private static func fieldName(in head: Substring) -> String? {
        for line in head.split(whereSeparator: \.isNewline) {
            guard line.lowercased().hasPrefix("content-disposition:") else { continue }
            for parameter in line.split(separator: ";").dropFirst() {
                let trimmed = parameter.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("name=") else { continue }
                return String(trimmed.dropFirst("name=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            return nil
        }
        return nil
    }
}
