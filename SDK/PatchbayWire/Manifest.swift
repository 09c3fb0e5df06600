/// What a plugin says its provider can do. Serialized as the manifest JSON that
/// `pb_plugin_info` returns; docs/abi.md describes every field.
public struct Manifest: Codable, Sendable, Equatable {
    /// Stable provider id: lowercase letters, digits, `-` and `_`. Equal to the ABI info's plugin id.
    public var id: String
    public var name: String
    public var version: String
    /// Catalog grouping, e.g. `communication`, `developer`, `commerce`, `data`.
    public var category: String
    public var description: String
    /// Where requests go when neither the connection nor the host overrides it.
    /// May hold `{field}` placeholders filled from the connection's config,
    /// e.g. `https://{shop}.myshopify.com/admin/api/{api_version}`.
    public var baseURL: String?
    /// A connection config field that, when set, replaces `baseURL` (e.g. GitHub Enterprise).
    public var baseURLConfigField: String?
    /// Hosts the host may send this plugin's requests to. `*.example.com` matches subdomains.
    /// The host in effect for the connection's base URL is always allowed.
    public var allowedHosts: [String]
    public var auth: AuthScheme
    /// The secrets a connection must supply. Never returned by the API once stored.
    public var credentials: [CredentialField]
    /// JSON Schema for a connection's non-secret config.
    public var configSchema: JSONValue
    /// Config and credential fields that name a place to connect to, which the host checks
    /// against its egress policy (docs/abi.md). `baseURLConfigField` must be one of them.
    public var networkTargets: [NetworkTarget]
    public var actions: [ActionSpec]
    public var packs: [PackSpec]
    public var supportsDiscovery: Bool
    public var webhooks: WebhookSpec?
    /// How the host runs OAuth 2 for this provider, when it offers it (docs/abi.md).
    public var oauth: OAuthSpec?
    /// How the provider signals its rate limits, so the host can pace calls (docs/abi.md).
    public var rateLimits: RateLimitSpec?

    public init(
        id: String, name: String, version: String, category: String, description: String,
        baseURL: String? = nil, baseURLConfigField: String? = nil, allowedHosts: [String] = [],
        auth: AuthScheme, credentials: [CredentialField] = [], configSchema: JSONValue = ["type": "object"],
        networkTargets: [NetworkTarget] = [], actions: [ActionSpec], packs: [PackSpec] = [], rateLimits: RateLimitSpec? = nil,
        oauth: OAuthSpec? = nil, supportsDiscovery: Bool = false, webhooks: WebhookSpec? = nil
    ) {
        self.id = id
        self.name = name
        self.version = version
        self.category = category
        self.description = description
        self.baseURL = baseURL
        self.baseURLConfigField = baseURLConfigField
        self.allowedHosts = allowedHosts
        self.auth = auth
        self.credentials = credentials
        self.configSchema = configSchema
        self.networkTargets = networkTargets
        self.actions = actions
        self.packs = packs
        self.supportsDiscovery = supportsDiscovery
        self.webhooks = webhooks
        self.oauth = oauth
        self.rateLimits = rateLimits
    }

    enum CodingKeys: String, CodingKey {
        case id, name, version, category, description, auth, credentials, actions, packs, webhooks, oauth
        case baseURL = "base_url"
        case baseURLConfigField = "base_url_config_field"
        case allowedHosts = "allowed_hosts"
        case configSchema = "config_schema"
        case networkTargets = "network_targets"
        case supportsDiscovery = "supports_discovery"
        case rateLimits = "rate_limits"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        version = try c.decode(String.self, forKey: .version)
        category = try c.decode(String.self, forKey: .category)
        description = try c.decode(String.self, forKey: .description)
        baseURL = try c.decodeIfPresent(String.self, forKey: .baseURL)
        baseURLConfigField = try c.decodeIfPresent(String.self, forKey: .baseURLConfigField)
        allowedHosts = try c.decodeIfPresent([String].self, forKey: .allowedHosts) ?? []
        auth = try c.decode(AuthScheme.self, forKey: .auth)
        credentials = try c.decodeIfPresent([CredentialField].self, forKey: .credentials) ?? []
        configSchema = try c.decodeIfPresent(JSONValue.self, forKey: .configSchema) ?? ["type": "object"]
        networkTargets = try c.decodeIfPresent([NetworkTarget].self, forKey: .networkTargets) ?? []
        actions = try c.decode([ActionSpec].self, forKey: .actions)
        packs = try c.decodeIfPresent([PackSpec].self, forKey: .packs) ?? []
        supportsDiscovery = try c.decodeIfPresent(Bool.self, forKey: .supportsDiscovery) ?? false
        webhooks = try c.decodeIfPresent(WebhookSpec.self, forKey: .webhooks)
        oauth = try c.decodeIfPresent(OAuthSpec.self, forKey: .oauth)
        rateLimits = try c.decodeIfPresent(RateLimitSpec.self, forKey: .rateLimits)
    }

    public func action(named name: String) -> ActionSpec? {
        actions.first { $0.name == name }
    }
}

/// How the host puts a connection's credentials on each request. The plugin never sees
/// them, except with `plugin`, where the plugin receives them per call and must not keep them.
public struct AuthScheme: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// No credentials.
        case none
        /// `Authorization: Bearer <credential>`.
        case bearer
        /// `<header>: <credential>`, e.g. `X-Shopify-Access-Token`.
        case header
        /// `Authorization: Basic base64(<username>:<password>)`.
        case basic
        /// `?<param>=<credential>` on every request.
        case query
        /// Credentials are handed to the plugin with each call (e.g. a database connection string).
        case plugin
    }

    public var type: Kind
    /// The credential field injected (bearer, header, query).
    public var credential: String?
    /// Header name, for `header`.
    public var header: String?
    /// Query parameter name, for `query`.
    public var param: String?
    /// Credential fields holding the user name and password, for `basic`.
    public var username: String?
    public var password: String?

    public init(type: Kind, credential: String? = nil, header: String? = nil, param: String? = nil,
                username: String? = nil, password: String? = nil) {
        self.type = type
        self.credential = credential
        self.header = header
        self.param = param
        self.username = username
        self.password = password
    }

    public static func bearer(_ credential: String) -> AuthScheme { AuthScheme(type: .bearer, credential: credential) }
    public static func header(_ name: String, credential: String) -> AuthScheme {
        AuthScheme(type: .header, credential: credential, header: name)
    }

    /// The credential fields this scheme reads.
    public var referencedCredentials: [String] {
        [credential, username, password].compactMap { $0 }
    }
}

/// One secret a connection asks for (an API key, a token): the host stores it sealed and
/// injects it into requests; the plugin never sees it unless its auth type is `plugin`.
public struct CredentialField: Codable, Sendable, Equatable {
    /// The key under which the connection holds it.
    public var name: String
    /// What a connect form shows beside the field.
    public var label: String
    /// Where the user finds the value.
    public var description: String
    public var required: Bool
    /// A regular expression the value must match, so that an obviously wrong paste
    /// (a user token where a bot token belongs) is refused at connect time.
    public var pattern: String?

    public init(name: String, label: String, description: String, required: Bool = true, pattern: String? = nil) {
        self.name = name
        self.label = label
        self.description = description
        self.required = required
        self.pattern = pattern
    }

    enum CodingKeys: String, CodingKey { case name, label, description, required, pattern }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? name
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? true
        pattern = try c.decodeIfPresent(String.self, forKey: .pattern)
    }
}

/// A typed operation an agent can call as a tool.
public struct ActionSpec: Codable, Sendable, Equatable {
    /// `^[a-z][a-z0-9_]*$`, at most 64 characters: usable as an LLM tool name as it is.
    public var name: String
    public var title: String
    /// Written for a model choosing a tool: what it does and when to use it.
    public var description: String
    public var inputSchema: JSONValue
    public var outputSchema: JSONValue
    /// Provisioned by default when an agent gets this provider.
    public var important: Bool
    /// Changes remote state (so an operator may want approval in front of it).
    public var mutating: Bool
    /// Inputs the plugin test harness runs and checks against `outputSchema`.
    public var examples: [ActionExample]
    /// Milliseconds a call may take before the host gives up on it, for an action the host's
    /// default does not suit (a long export, a slow report). Nil: the host's plugin timeout.
    public var timeoutMs: Int?

    /// The longest `timeoutMs` a manifest may declare: ten minutes.
    public static let maxTimeoutMs = 600_000

    public init(name: String, title: String, description: String, inputSchema: JSONValue, outputSchema: JSONValue,
                important: Bool = false, mutating: Bool = false, examples: [ActionExample] = [], timeoutMs: Int? = nil) {
        self.name = name
        self.title = title
        self.description = description
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.important = important
        self.mutating = mutating
        self.examples = examples
        self.timeoutMs = timeoutMs
    }

    enum CodingKeys: String, CodingKey {
        case name, title, description, important, mutating, examples
        case inputSchema = "input_schema"
        case outputSchema = "output_schema"
        case timeoutMs = "timeout_ms"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? name
        description = try c.decode(String.self, forKey: .description)
        inputSchema = try c.decode(JSONValue.self, forKey: .inputSchema)
        outputSchema = try c.decode(JSONValue.self, forKey: .outputSchema)
        important = try c.decodeIfPresent(Bool.self, forKey: .important) ?? false
        mutating = try c.decodeIfPresent(Bool.self, forKey: .mutating) ?? false
        examples = try c.decodeIfPresent([ActionExample].self, forKey: .examples) ?? []
        timeoutMs = try c.decodeIfPresent(Int.self, forKey: .timeoutMs)
    }
}

/// A sample call of an action: documentation for agents, and the input `patchbay plugin test`
/// replays from the plugin's cassette.
public struct ActionExample: Codable, Sendable, Equatable {
    public var description: String
    /// Valid against the action's input schema (the harness checks it).
    public var input: JSONValue

    public init(description: String, input: JSONValue) {
        self.description = description
        self.input = input
    }
}

/// A preset bundle of skills, ready to install on an agent.
public struct PackSpec: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String
    public var skills: [PackSkill]

    public init(id: String, name: String, description: String, skills: [PackSkill]) {
        self.id = id
        self.name = name
        self.description = description
        self.skills = skills
    }
}

/// One skill of a pack: an action under the name and description an agent sees.
public struct PackSkill: Codable, Sendable, Equatable {
    /// The tool name the agent sees.
    public var name: String
    /// The manifest's action it calls.
    public var action: String
    public var description: String
    /// Input values fixed by the pack; removed from the schema the agent sees.
    /// Strings may hold `{{ variable }}` templates filled from the agent's variables.
    public var presets: [String: JSONValue]

    public init(name: String, action: String, description: String, presets: [String: JSONValue] = [:]) {
        self.name = name
        self.action = action
        self.description = description
        self.presets = presets
    }

    enum CodingKeys: String, CodingKey { case name, action, description, presets }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        action = try c.decode(String.self, forKey: .action)
        description = try c.decode(String.self, forKey: .description)
        presets = try c.decodeIfPresent([String: JSONValue].self, forKey: .presets) ?? [:]
    }
}
