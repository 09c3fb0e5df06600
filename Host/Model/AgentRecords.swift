public import PatchbayWire

/// An agent: a named set of skills an AI agent runtime may call. Skills are edited on the
/// draft; the runtime only ever sees the live published version.
public struct AgentRecord: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var name: String
    public var description: String
    /// Values for `{{ name }}` templates in skill presets, read at call time.
    public var variables: [String: JSONValue]
    public var draft: [SkillDefinition]
    /// The published version the runtime uses; nil until the first publish.
    public var liveVersion: Int?
    public var createdAt: Millis
    public var updatedAt: Millis

    public init(id: String, accountID: String, name: String, description: String, variables: [String: JSONValue],
                draft: [SkillDefinition], liveVersion: Int?, createdAt: Millis, updatedAt: Millis) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.description = description
        self.variables = variables
        self.draft = draft
        self.liveVersion = liveVersion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One skill: an action on a connection as an agent sees it.
public struct SkillDefinition: WireMessage, Sendable, Equatable {
    public var name: String
    public var description: String
    public var connectionID: String
    public var provider: String
    public var action: String
    /// Input values fixed for the agent; strings may hold `{{ variable }}` templates.
    public var presets: [String: JSONValue]
    /// The input schema the agent sees: the action's, less the preset properties.
    public var inputSchema: JSONValue
    public var requiresApproval: Bool
    /// Set when the skill was made from a binding over a discovered object.
    public var binding: SkillBinding?
    /// Set for an `http_webhook` skill: the owner's URL the host calls instead of an action.
    public var webhook: SkillWebhook?

    public init(name: String, description: String, connectionID: String, provider: String, action: String,
                presets: [String: JSONValue], inputSchema: JSONValue, requiresApproval: Bool, binding: SkillBinding? = nil,
                webhook: SkillWebhook? = nil) {
        self.name = name
        self.description = description
        self.connectionID = connectionID
        self.provider = provider
        self.action = action
        self.presets = presets
        self.inputSchema = inputSchema
        self.requiresApproval = requiresApproval
        self.binding = binding
        self.webhook = webhook
    }

    // Every skill call reads the agent's draft and live version, so skills are mapped to JSON
    // by hand; a binding, rarer and richer, goes through its Codable form.
    public init(wire: JSONValue) throws {
        let fields = try WireFields(wire, message: "SkillDefinition")
        name = try fields.string("name")
        description = try fields.string("description")
        connectionID = try fields.string("connection_id")
        provider = try fields.string("provider")
        action = try fields.string("action")
        presets = try fields.object("presets")
        inputSchema = try fields.value("input_schema")
        requiresApproval = try fields.bool("requires_approval")
        binding = try fields.optionalValue("binding")?.decode(SkillBinding.self)
        webhook = try fields.optionalValue("webhook")?.decode(SkillWebhook.self)
    }

    public var wire: JSONValue {
        var object = WireObject()
        object.set("name", name)
        object.set("description", description)
        object.set("connection_id", connectionID)
        object.set("provider", provider)
        object.set("action", action)
        object["presets"] = .object(presets)
        object["input_schema"] = inputSchema
        object["requires_approval"] = .bool(requiresApproval)
        // A binding holds only strings, lists and enums, so encoding it cannot fail.
        object["binding"] = binding.flatMap { try? JSONValue(encoding: $0) }
        object["webhook"] = webhook.flatMap { try? JSONValue(encoding: $0) }
        return object.json
    }
}

/// A skill over one discovered object: which operation, which fields filter (or key an
/// update), which the agent writes, and which come back.
public struct SkillBinding: Codable, Sendable, Equatable {
    /// How the bound action takes its input; decides how a call's fields become the action's input.
    public enum Shape: String, Codable, Sendable {
        /// `table` plus `filters: [{column, op, value}]` and `columns` (e.g. a SQL table read).
        case filters
        /// `sheet` plus one `column` and `value` to match.
        case columnValue = "column_value"
        /// `range` read with its header row as field names.
        case headerRange = "header_range"
        /// `table` plus `values` (and `key` for an update).
        case values
        /// `range` plus `rows` keyed by field name.
        case rows
        /// `sheet` plus `match` (field → value, all must equal) and `values` to write.
        case matchValues = "match_values"
    }

    /// How a filter field written `<name>.<field>` reaches a related object: the bound
    /// object's `fields` equal the related object's `relatedFields`, pair by pair. `name` is
    /// the related object's name, or the linking field when two relationships lead there.
    public struct Link: Codable, Sendable, Equatable {
        public var name: String
        public var object: String
        public var fields: [String]
        public var relatedFields: [String]

        public init(name: String, object: String, fields: [String], relatedFields: [String]) {
            self.name = name
            self.object = object
            self.fields = fields
            self.relatedFields = relatedFields
        }

        enum CodingKeys: String, CodingKey {
            case name, object, fields
            case relatedFields = "related_fields"
        }
    }

    public var object: String
    public var kind: SchemaOperation.Kind
    public var shape: Shape
    public var filterFields: [String]
    public var writeFields: [String]
    /// Fields kept in each returned record; empty keeps them all.
    public var returnedFields: [String]
    /// Every field of the object when bound, to recognise its records in an output.
    public var objectFields: [String]
    /// The relationships filter fields follow; nil when every filter field is the object's own.
    public var links: [Link]?

    public init(object: String, kind: SchemaOperation.Kind, shape: Shape, filterFields: [String], writeFields: [String],
                returnedFields: [String], objectFields: [String], links: [Link]? = nil) {
        self.object = object
        self.kind = kind
        self.shape = shape
        self.filterFields = filterFields
        self.writeFields = writeFields
        self.returnedFields = returnedFields
        self.objectFields = objectFields
        self.links = links
    }

    /// The link a filter field follows: `customers.email` follows the link named `customers`.
    public func link(for filterField: String) -> (link: Link, field: String)? {
        guard !objectFields.contains(filterField), let dot = filterField.firstIndex(of: ".") else { return nil }
        let name = String(filterField[..<dot])
        guard let link = links?.first(where: { $0.name == name }) else { return nil }
        return (link, String(filterField[filterField.index(after: dot)...]))
    }

    enum CodingKeys: String, CodingKey {
        case object, kind, shape, links
        case filterFields = "filter_fields"
        case writeFields = "write_fields"
        case returnedFields = "returned_fields"
        case objectFields = "object_fields"
    }
}

/// A published version of an agent's skills. Never changes once written.
public struct AgentVersionRecord: Sendable, Equatable {
    public var agentID: String
    public var version: Int
    public var skills: [SkillDefinition]
    public var note: String?
    public var publishedAt: Millis
    /// Set when a rollback wrote this version: the earlier version whose skills it copies.
    public var rolledBackFrom: Int?

    public init(agentID: String, version: Int, skills: [SkillDefinition], note: String?, publishedAt: Millis,
                rolledBackFrom: Int? = nil) {
        self.agentID = agentID
        self.version = version
        self.skills = skills
        self.note = note
        self.publishedAt = publishedAt
        self.rolledBackFrom = rolledBackFrom
    }
}

/// What links an execution to the agent skill call that caused it.
public struct SkillCall: Sendable, Equatable {
    public var agentID: String
    public var skill: String
    public var agentVersion: Int
    public var toolCallID: String?
    public var endUser: String?
    /// The caller's input, kept only while the execution waits for approval.
    public var pendingInput: JSONValue?

    public init(agentID: String, skill: String, agentVersion: Int, toolCallID: String?, endUser: String?,
                pendingInput: JSONValue? = nil) {
        self.agentID = agentID
        self.skill = skill
        self.agentVersion = agentVersion
        self.toolCallID = toolCallID
        self.endUser = endUser
        self.pendingInput = pendingInput
    }
}

extension ExecutionRecord {
    /// What started an execution.
    public enum Trigger: String, Sendable, CaseIterable {
        /// A direct action call on a connection.
        case api
        /// A skill call through the agent HTTP API.
        case skill
        /// A skill call through the agent's MCP server.
        case mcp
    }
}
