import Foundation
import PatchbayWire

/// A configuration file as `patchbay apply` reads it: an account's connectors, OAuth apps,
/// shared connections and agents, checked as a whole before anything is written. Unknown keys
/// are refused with their path and line, secrets are resolved from the references that name
/// them, and a secret written inline is refused.
public struct ConfigDocument: Sendable {
    /// The account the file configures, when it names one.
    public var account: String?
    /// Connector definitions as the API takes them, with `namespace` filled in.
    var connectors: [JSONValue]
    var oauthApps: [OAuthApp]
    var connections: [Connection]
    var agents: [Agent]

    private let tree: YAMLTree
    /// The file's name in messages (`patchbay.yaml:12: …`).
    private let source: String

    struct OAuthApp: Sendable {
        var provider: String
        var clientID: String
        var clientSecret: String
        var scopes: [String]?
        /// Nil: the app keeps the one it has, or a new one takes the host's callback under its public URL.
        var redirectURI: String?
    }

    /// The account's shared connection to a provider (one per provider): what its skills use.
    struct Connection: Sendable {
        var provider: String
        var label: String?
        var config: JSONValue?
        var credentials: [String: String]
    }

    struct Agent: Sendable {
        var name: String
        var description: String?
        var variables: JSONValue?
        var enabledConnectors: [EnabledConnector]
        var publish: Bool
    }

    /// A provider given to an agent: each operation is a skill of the same name, with its
    /// `parameters` as presets; the provider's important operations when none are named.
    struct EnabledConnector: Sendable {
        var provider: String
        var operations: [String]?
        var parameters: [String: [String: JSONValue]]
    }

    static let sections: Set<String> = ["account", "connectors", "oauth_apps", "connections", "agents"]

    /// Reads `text`; `environment` resolves `${env:…}` references.
    public static func parse(_ text: String, source: String, environment: [String: String]) throws -> ConfigDocument {
        let tree = try YAMLTree(text)
        do {
            return try ConfigDocument(tree: tree, source: source, environment: environment)
        } catch let error as ServiceError {
            throw locate(error, tree: tree, source: source)
        }
    }

    private init(tree: YAMLTree, source: String, environment: [String: String]) throws {
        self.tree = tree
        self.source = source
        let root = try DefinitionReader(tree.root, at: "", known: Self.sections, root: "the configuration")
        try Self.refuseReferences(in: tree.root, at: "", except: Self.secretField)
        account = try root.string("account")
        connectors = try Self.list(root, "connectors").enumerated().map { index, value in try Self.connector(value, at: "connectors[\(index)]") }
        oauthApps = try Self.list(root, "oauth_apps").enumerated().map { index, value in
            try Self.oauthApp(value, at: "oauth_apps[\(index)]", environment: environment)
        }
        connections = try Self.list(root, "connections").enumerated().map { index, value in
            try Self.connection(value, at: "connections[\(index)]", environment: environment)
        }
        agents = try Self.list(root, "agents").enumerated().map { index, value in try Self.agent(value, at: "agents[\(index)]") }
        try Self.unique(connectors.map { "\($0["namespace"]?.stringValue ?? "")/\($0["name"]?.stringValue ?? "")" }, "connectors", "name")
        try Self.unique(oauthApps.map(\.provider), "oauth_apps", "provider")
        try Self.unique(connections.map(\.provider), "connections", "provider")
        try Self.unique(agents.map(\.name), "agents", "name")
    }

    /// Runs `body`, naming the file, line and object of any refusal it throws.
    func located<T>(_ path: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ServiceError {
            throw Self.locate(Self.within(path, error), tree: tree, source: source)
        }
    }

    // MARK: Sections

    private static func list(_ root: DefinitionReader, _ key: String) throws -> [JSONValue] {
        guard let value = root.object[key], !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw ServiceError.validation("\(key) must be a list", field: key) }
        return items
    }

    /// A connector definition is checked as the API checks it; its paths are given below the item's.
    private static func connector(_ value: JSONValue, at path: String) throws -> JSONValue {
        guard var object = value.objectValue else { throw ServiceError.validation("\(path) must be a mapping", field: path) }
        if object["namespace"] == nil || object["namespace"] == .null { object["namespace"] = "default" }
        do {
            _ = try ConnectorDefinition(.object(object))
        } catch let error as ServiceError {
            throw within(path, error)
        }
        return .object(object)
    }

    private static func oauthApp(_ value: JSONValue, at path: String, environment: [String: String]) throws -> OAuthApp {
        let reader = try DefinitionReader(value, at: path, known: ["provider", "client_id", "client_secret", "scopes", "redirect_uri"])
        return OAuthApp(provider: try reader.requiredString("provider"), clientID: try reader.requiredString("client_id"),
                        clientSecret: try SecretReference.resolve(reader.object["client_secret"], at: reader.field("client_secret"),
                                                                  environment: environment),
                        scopes: try reader.strings("scopes"), redirectURI: try reader.string("redirect_uri"))
    }

    private static func connection(_ value: JSONValue, at path: String, environment: [String: String]) throws -> Connection {
        let reader = try DefinitionReader(value, at: path, known: ["provider", "label", "config", "credentials"])
        var credentials: [String: String] = [:]
        if let raw = reader.object["credentials"], !raw.isNull {
            guard let fields = raw.objectValue else {
                throw ServiceError.validation("\(reader.field("credentials")) must be a mapping of secret references", field: reader.field("credentials"))
            }
            for (name, reference) in fields.sorted(by: { $0.key < $1.key }) {
                let field = DefinitionReader.join(reader.field("credentials"), name)
                credentials[name] = try SecretReference.resolve(reference, at: field, environment: environment)
            }
        }
        let config = reader.object["config"].flatMap { $0.isNull ? nil : $0 }
        if let config, config.objectValue == nil {
            throw ServiceError.validation("\(reader.field("config")) must be a mapping", field: reader.field("config"))
        }
        return Connection(provider: try reader.requiredString("provider"), label: try reader.string("label"), config: config,
                          credentials: credentials)
    }

    private static func agent(_ value: JSONValue, at path: String) throws -> Agent {
        let reader = try DefinitionReader(value, at: path, known: ["name", "description", "variables", "enabled_connectors", "publish"])
        let rawEnabled = reader.object["enabled_connectors"].flatMap { $0.isNull ? nil : $0 } ?? .array([])
        guard let enabled = rawEnabled.arrayValue else {
            throw ServiceError.validation("\(reader.field("enabled_connectors")) must be a list", field: reader.field("enabled_connectors"))
        }
        let variables = reader.object["variables"].flatMap { $0.isNull ? nil : $0 }
        if let variables, variables.objectValue == nil {
            throw ServiceError.validation("\(reader.field("variables")) must be a mapping", field: reader.field("variables"))
        }
        return Agent(name: try reader.requiredString("name"), description: try reader.string("description"), variables: variables,
                     enabledConnectors: try enabled.enumerated().map { index, item in
                         try enabledConnector(item, at: "\(reader.field("enabled_connectors"))[\(index)]")
                     },
                     publish: try reader.bool("publish") ?? true)
    }

    private static func enabledConnector(_ value: JSONValue, at path: String) throws -> EnabledConnector {
        let reader = try DefinitionReader(value, at: path, known: ["connector", "operations", "parameters"])
        // `namespace/name` as in the connector's URL, or a provider id as the catalog lists it.
        let connector = try reader.requiredString("connector")
        let provider = connector.contains("/") ? connector.replacingOccurrences(of: "/", with: ".") : connector
        let operations = try reader.strings("operations")
        if let operations, operations.isEmpty {
            throw ServiceError.validation("\(reader.field("operations")) must name at least one operation, or be left out for the important ones",
                                          field: reader.field("operations"))
        }
        var parameters: [String: [String: JSONValue]] = [:]
        if let raw = reader.object["parameters"], !raw.isNull {
            guard let byOperation = raw.objectValue else {
                throw ServiceError.validation("\(reader.field("parameters")) must map operations to their preset values", field: reader.field("parameters"))
            }
            for (operation, values) in byOperation.sorted(by: { $0.key < $1.key }) {
                let field = DefinitionReader.join(reader.field("parameters"), operation)
                guard let presets = values.objectValue else { throw ServiceError.validation("\(field) must be a mapping", field: field) }
                if let operations, !operations.contains(operation) {
                    throw ServiceError.validation("\(field): \(operation) is not among this entry's operations", field: field)
                }
                parameters[operation] = presets
            }
        }
        return EnabledConnector(provider: provider, operations: operations, parameters: parameters)
    }

    // MARK: Checks

    private static func secretField(_ path: String) -> Bool {
        path.range(of: #"^(oauth_apps\[\d+\]\.client_secret|connections\[\d+\]\.credentials\..+)$"#, options: .regularExpression) != nil
    }

    /// A reference where no secret belongs would be taken literally: refused instead.
    private static func refuseReferences(in value: JSONValue, at path: String, except isSecret: (String) -> Bool) throws {
        guard !isSecret(path) else { return }
        switch value {
        case .string(let text) where SecretReference.looksLikeOne(text):
            throw ServiceError.validation("\(path) is not a secret; references (\(SecretReference.form)) are read only in client_secret and credentials",
                                          field: path)
        case .array(let items):
            for (index, item) in items.enumerated() { try refuseReferences(in: item, at: "\(path)[\(index)]", except: isSecret) }
        case .object(let object):
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                try refuseReferences(in: item, at: DefinitionReader.join(path, key), except: isSecret)
            }
        default:
            break
        }
    }

    private static func unique(_ keys: [String], _ section: String, _ field: String) throws {
        var seen: Set<String> = []
        for (index, key) in keys.enumerated() where !seen.insert(key).inserted {
            throw ServiceError.validation("\(section)[\(index)].\(field): \(key) is declared twice", field: "\(section)[\(index)].\(field)")
        }
    }

    /// An error about a part of an object, with the object's path in front of its field.
    private static func within(_ path: String, _ error: ServiceError) -> ServiceError {
        guard !path.isEmpty else { return error }
        var error = error
        let field = error.field.map { $0.isEmpty ? path : $0.hasPrefix(path) ? $0 : DefinitionReader.join(path, $0) } ?? path
        if !error.message.hasPrefix(path) { error.message = "in \(path): \(error.message)" }
        error.field = field
        return error
    }

    private static func locate(_ error: ServiceError, tree: YAMLTree, source: String) -> ServiceError {
        var error = error
        let line = error.field.flatMap(tree.line(of:)).map { ":\($0)" } ?? ""
        error.message = "\(source)\(line): \(error.message)"
        return error
    }
}
