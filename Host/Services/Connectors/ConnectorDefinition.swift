import Foundation
import PatchbayModel
import PatchbayWire

/// A declarative HTTP connector as its author wrote it, checked field by field: a base URL,
/// how requests authenticate, default headers, typed operations and optional packs. It
/// becomes a provider manifest, so the rest of the host treats it as it treats a plugin.
struct ConnectorDefinition: Sendable {
    var namespace: String
    var name: String
    var title: String
    var description: String
    var category: String
    var baseURL: URL
    var auth: ConnectorAuth
    var headers: [String: String]
    var operations: [ConnectorOperation]
    var packs: [PackSpec]

    static let known: Set<String> = ["namespace", "name", "title", "description", "category", "base_url", "auth", "headers",
                                     "operations", "packs"]
    static let maxOperations = 500

    init(_ value: JSONValue) throws {
        let reader = try DefinitionReader(value, at: "", known: Self.known)
        namespace = try Self.identifier(reader, "namespace", default: "default")
        name = try Self.identifier(reader, "name", default: nil)
        title = try reader.string("title") ?? "\(namespace)/\(name)"
        description = try reader.string("description") ?? ""
        category = try reader.string("category") ?? "connector"

        baseURL = try Self.baseURL(try reader.requiredString("base_url"), field: "base_url")
        auth = try ConnectorAuth(reader.object["auth"], at: "auth")
        headers = try reader.stringMap("headers") ?? [:]
        for (header, value) in headers.sorted(by: { $0.key < $1.key }) {
            try HeaderNames.check(header, field: "headers.\(header)")
            try ControlCharacters.refuse(in: value, field: "headers.\(header)")
            if header.lowercased() == auth.secretHeader {
                throw ServiceError.validation("headers.\(header) carries the credentials, which auth injects", field: "headers.\(header)")
            }
        }

        guard let rawOperations = reader.object["operations"]?.arrayValue, !rawOperations.isEmpty else {
            throw ServiceError.validation("operations must be a non-empty array", field: "operations")
        }
        guard rawOperations.count <= Self.maxOperations else {
            throw ServiceError.validation("a connector holds at most \(Self.maxOperations) operations", field: "operations")
        }
        operations = try rawOperations.enumerated().map { index, item in try ConnectorOperation(item, at: "operations[\(index)]") }
        var seen: Set<String> = []
        for (index, operation) in operations.enumerated() where !seen.insert(operation.name).inserted {
            throw ServiceError.validation("operations[\(index)].name \(operation.name) is used twice", field: "operations[\(index)].name")
        }
        for (index, operation) in operations.enumerated() {
            if let header = auth.secretHeader, operation.locations.contains(where: { $0.key.lowercased() == header && $0.value == .header }) {
                throw ServiceError.validation("operations[\(index)].locations: \(header) carries the credentials, which auth injects",
                                              field: "operations[\(index)].locations")
            }
        }
        packs = try Self.packs(reader.object["packs"], operations: seen)
    }

    /// A base URL, the connector's or an operation's: absolute http(s), no credentials, query or
    /// fragment (the egress adds the query; credentials come from the connection).
    static func baseURL(_ raw: String, field: String) throws -> URL {
        guard let base = URL(string: raw), ["http", "https"].contains(base.scheme ?? ""), let host = base.host, !host.isEmpty,
              base.query == nil, base.fragment == nil, base.user == nil
        else {
            throw ServiceError.validation("\(field) must be an http or https URL without credentials, query or fragment", field: field)
        }
        return base
    }

    /// `[a-z][a-z0-9_-]*`, at most 64 characters: safe in a URL path and, joined with a dot,
    /// never equal to a plugin's id.
    private static func identifier(_ reader: DefinitionReader, _ key: String, default fallback: String?) throws -> String {
        guard let value = try reader.string(key) ?? fallback else {
            throw ServiceError.validation("\(key) is required", field: key)
        }
        guard value.count <= 64, value.first.map({ $0.isASCII && $0.isLowercase }) == true,
              value.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") })
        else {
            throw ServiceError.validation("\(key) must match ^[a-z][a-z0-9_-]*$ and be at most 64 characters", field: key)
        }
        return value
    }

    private static func packs(_ value: JSONValue?, operations: Set<String>) throws -> [PackSpec] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw ServiceError.validation("packs must be an array", field: "packs") }
        var ids: Set<String> = []
        return try items.enumerated().map { index, item in
            let reader = try DefinitionReader(item, at: "packs[\(index)]", known: ["id", "name", "description", "skills"])
            let id = try reader.requiredString("id")
            guard ids.insert(id).inserted else { throw ServiceError.validation("\(reader.field("id")) \(id) is used twice", field: reader.field("id")) }
            guard let rawSkills = reader.object["skills"]?.arrayValue, !rawSkills.isEmpty else {
                throw ServiceError.validation("\(reader.field("skills")) must be a non-empty array", field: reader.field("skills"))
            }
            let skills = try rawSkills.enumerated().map { skillIndex, raw in
                let skill = try DefinitionReader(raw, at: "\(reader.field("skills"))[\(skillIndex)]",
                                                 known: ["name", "operation", "description", "presets"])
                let operation = try skill.requiredString("operation")
                guard operations.contains(operation) else {
                    throw ServiceError.validation("\(skill.field("operation")) names no operation of this connector", field: skill.field("operation"))
                }
                let presets = skill.object["presets"]
                if let presets, !presets.isNull, presets.objectValue == nil {
                    throw ServiceError.validation("\(skill.field("presets")) must be an object", field: skill.field("presets"))
                }
                return PackSkill(name: try skill.requiredString("name"), action: operation,
                                 description: try skill.string("description") ?? "", presets: presets?.objectValue ?? [:])
            }
            return PackSpec(id: id, name: try reader.string("name") ?? id, description: try reader.string("description") ?? "", skills: skills)
        }
    }

    /// The hosts of operations with a base URL of their own, which the egress lets the
    /// connection's requests reach beside the base URL's (with the same SSRF policy and auth).
    var operationHosts: [String] {
        var seen: Set<String> = [baseURL.host?.lowercased() ?? ""]
        return operations.compactMap { $0.baseURL?.host?.lowercased() }.filter { seen.insert($0).inserted }
    }

    var providerID: String { ConnectorRecord.providerID(namespace: namespace, name: name) }

    func operation(named name: String) -> ConnectorOperation? { operations.first { $0.name == name } }

    /// The connector as a provider manifest: what the catalog shows, connections are checked
    /// against, egress injects, and agents provision.
    var manifest: Manifest {
        Manifest(id: providerID, name: title, version: "1", category: category, description: description,
                 baseURL: baseURL.absoluteString, allowedHosts: operationHosts, auth: auth.scheme, credentials: auth.credentials,
                 actions: operations.map(\.action), packs: packs, oauth: auth.oauth)
    }
}
