import Foundation
import PatchbayWire

/// A secret named in a configuration file rather than written in it: `${env:NAME}` reads the
/// environment of the process applying the file, `${file:/path}` a file (one trailing line
/// break dropped, as `echo` and editors leave one). A file under version control then holds no
/// secret, and the same file serves every environment.
enum SecretReference {
    static let form = "${env:NAME} or ${file:/absolute/path}"

    /// The secret at `path`, or a 400 naming the field: never the value, which may be a secret
    /// written inline by mistake.
    static func resolve(_ value: JSONValue?, at path: String, environment: [String: String]) throws -> String {
        guard let text = value?.stringValue else {
            throw ServiceError.validation("\(path) must be a secret reference, \(form)", field: path)
        }
        guard let (kind, name) = parse(text) else {
            throw ServiceError.validation("\(path) holds a secret written inline; a file may only name it, as \(form)", field: path)
        }
        let secret: String
        switch kind {
        case "env":
            guard let found = environment[name] else {
                throw ServiceError.validation("\(path) names the environment variable \(name), which is not set", field: path)
            }
            secret = found
        default:
            guard name.hasPrefix("/") else {
                throw ServiceError.validation("\(path) names the file \(name); give its absolute path", field: path)
            }
            guard let data = FileManager.default.contents(atPath: name) else {
                throw ServiceError.validation("\(path) names the file \(name), which cannot be read", field: path)
            }
            var content = String(decoding: data, as: UTF8.self)
            if content.hasSuffix("\n") { content.removeLast() }
            secret = content
        }
        guard !secret.isEmpty else { throw ServiceError.validation("\(path) names an empty secret (\(text))", field: path) }
        return secret
    }

    /// True for a string that looks like a reference, so one written where no secret belongs is
    /// refused instead of taken literally.
    static func looksLikeOne(_ text: String) -> Bool {
        text.contains("${env:") || text.contains("${file:")
    }

    /// What `export` writes for a secret: the variable a later `apply` reads it from.
    static func environment(_ name: String) -> String { "${env:\(name)}" }

    /// An environment variable name for a secret of `owner`, e.g. `ACME_TASKS_API_KEY`.
    static func variableName(_ owner: String, _ field: String) -> String {
        let raw = "\(owner)_\(field)".uppercased()
        return String(raw.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    private static func parse(_ text: String) -> (kind: String, name: String)? {
        for kind in ["env", "file"] {
            let prefix = "${\(kind):"
            guard text.hasPrefix(prefix), text.hasSuffix("}") else { continue }
            let name = String(text.dropFirst(prefix.count).dropLast())
            guard !name.isEmpty, !name.contains("}") else { return nil }
            if kind == "env", name.contains(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) }) { return nil }
            return (kind, name)
        }
        return nil
    }
}
