import Foundation
public import PatchbayModel
import PatchbayStore
public import PatchbayWire

/// Bindings: skills over a connection's discovered objects, made by hand or proposed from a goal.
extension AgentService {
    public struct BindingDraft: Sendable {
        public var name: String?
        public var connectionID: String?
        public var object: String?
        public var kind: String?
        public var filterFields: [String]
        public var writeFields: [String]
        public var returnedFields: [String]
        /// Filter values fixed for the agent (lookup and list): filter field → value or `{{ variable }}`.
        public var presets: [String: JSONValue]
        public var description: String?
        public var requiresApproval: Bool

        public init(name: String? = nil, connectionID: String? = nil, object: String? = nil, kind: String? = nil,
                    filterFields: [String] = [], writeFields: [String] = [], returnedFields: [String] = [],
                    presets: [String: JSONValue] = [:], description: String? = nil, requiresApproval: Bool = false) {
            self.name = name
            self.connectionID = connectionID
            self.object = object
            self.kind = kind
            self.filterFields = filterFields
            self.writeFields = writeFields
            self.returnedFields = returnedFields
            self.presets = presets
            self.description = description
            self.requiresApproval = requiresApproval
        }
    }

    public struct AutoMapResult: Sendable {
        public var skill: SkillDefinition
        public var score: Double
        public var reasoning: [String]
        /// Filter values the goal seems to ask for, shown for review and never applied.
        public var suggestedPresets: [SuggestedPreset]
        public var alternatives: [Alternative]
    }

    /// A field value a goal's word seems to name ("open" orders → status = "open").
    public struct SuggestedPreset: Sendable, Equatable {
        public var field: String
        public var value: String
        public var reason: String
    }

    public struct Alternative: Sendable {
        public var object: String
        public var kind: SchemaOperation.Kind
        public var filterFields: [String]
        public var returnedFields: [String]
        public var writeFields: [String]
        public var score: Double
        public var reasoning: [String]
    }

    /// Adds a binding to the draft, checked against the connection's discovered schema.
    public func bind(principal: Principal, agentID: String, _ draft: BindingDraft) async throws -> SkillDefinition {
        try principal.require(.skillsWrite)
        guard let connectionID = draft.connectionID else {
            throw ServiceError.validation("connection_id is required", field: "connection_id")
        }
        guard let objectName = draft.object else { throw ServiceError.validation("object is required", field: "object") }
        guard let rawKind = draft.kind else { throw ServiceError.validation("kind is required", field: "kind") }
        guard let kind = SchemaOperation.Kind(rawValue: rawKind), kind != .delete else {
            throw ServiceError.validation("kind must be lookup, list, create or update", field: "kind")
        }
        let connection = try await usableConnection(principal, connectionID)
        let schema = try await discovered(connection)
        let skill = try await binding(name: draft.name, description: draft.description, connection: connection, schema: schema,
                                object: objectName, kind: kind, filter: draft.filterFields, write: draft.writeFields,
                                returned: draft.returnedFields, presets: draft.presets, requiresApproval: draft.requiresApproval)
        try await append([skill], principal, agentID)
        return skill
    }

    /// Turns a goal into a draft binding with its reasoning and the runners-up. Never publishes.
    /// A dry run only proposes: the draft is left as it is, so a person can read the reasoning
    /// first and add the binding they agree with through `bind`.
    public func autoMap(principal: Principal, agentID: String, connectionID: String, goal: String,
                        dryRun: Bool = false) async throws -> AutoMapResult {
        try principal.require(.skillsWrite)
        let text = goal.trimmingCharacters(in: .whitespacesAndNewlines)
        // Counted in Unicode code points, as the API's schema counts them.
        guard (3...500).contains(text.unicodeScalars.count) else { throw ServiceError.validation("goal must be 3 to 500 characters", field: "goal") }
        let connection = try await usableConnection(principal, connectionID)
        let schema = try await discovered(connection)
        let proposals = AutoMapper.propose(goal: text, schema: schema)
        var lastProblem: ServiceError?
        for (index, proposal) in proposals.enumerated() {
            let skill: SkillDefinition
            do {
                skill = try await binding(name: nil, description: nil, connection: connection, schema: schema, object: proposal.object,
                                    kind: proposal.kind, filter: proposal.filterFields, write: proposal.writeFields,
                                    returned: proposal.returnedFields, presets: [:],
                                    requiresApproval: proposal.kind == .create || proposal.kind == .update)
            } catch let problem as ServiceError {
                // A candidate its action cannot express (say, a sheet lookup on two fields) gives way to the next.
                lastProblem = problem
                continue
            }
            if dryRun {
                // Answers as adding it would: an unknown agent, or a name the draft already has, is refused now.
                let clashing = SkillFactory.clashes([skill], with: try await owned(principal, agentID).draft)
                guard clashing.isEmpty else { throw SkillFactory.clashError(clashing) }
            } else {
                try await append([skill], principal, agentID)
            }
            let alternatives = proposals.enumerated().filter { $0.offset != index }.prefix(3).map { _, other in
                Alternative(object: other.object, kind: other.kind, filterFields: other.filterFields,
                            returnedFields: other.returnedFields, writeFields: other.writeFields, score: other.score,
                            reasoning: other.reasoning)
            }
            return AutoMapResult(skill: skill, score: proposal.score, reasoning: proposal.reasoning,
                                 suggestedPresets: proposal.suggestedPresets, alternatives: Array(alternatives))
        }
        throw ServiceError(.upstreamRejected, "no_match",
                           "nothing in the discovered schema matches the goal" + (lastProblem.map { " (\($0.message))" } ?? "")
                               + "; name an object or field it has", field: "goal")
    }

    // MARK: Helpers

    private func discovered(_ connection: ConnectionRecord) async throws -> DiscoveredSchema {
        guard let snapshot = try await store.schema(connectionID: connection.id, accountID: connection.accountID) else {
            throw ServiceError(.conflict, "schema_not_discovered",
                               "connection \(connection.id) has no discovered schema; POST /v1/connections/\(connection.id)/discover first",
                               field: "connection_id")
        }
        return snapshot.schema
    }

    private func binding(name: String?, description: String?, connection: ConnectionRecord, schema: DiscoveredSchema,
                         object objectName: String, kind: SchemaOperation.Kind, filter: [String], write: [String],
                         returned: [String], presets: [String: JSONValue], requiresApproval: Bool) async throws -> SkillDefinition {
        guard let object = schema.objects.first(where: { $0.name == objectName }) else {
            throw ServiceError.validation(
                "no object \"\(objectName)\" in the discovered schema (it has: \(schema.objects.map(\.name).joined(separator: ", ")))",
                field: "object")
        }
        if !presets.isEmpty, kind != .lookup, kind != .list {
            throw ServiceError.validation("presets fix filter values, so only a lookup or list takes them", field: "presets")
        }
        // Preset fields filter too; the model just never sees them.
        let presetOnly = presets.keys.sorted().filter { !filter.contains($0) }
        let known = Set(object.fields.map(\.name))
        // A dotted filter name may follow a relationship; those are resolved below.
        for (list, field, paths) in [(filter, "filter_fields", true), (presetOnly, "presets", true),
                                     (write, "write_fields", false), (returned, "returned_fields", false)] {
            let unknown = list.filter { !known.contains($0) && !(paths && $0.contains(".")) }
            guard unknown.isEmpty else {
                throw ServiceError.validation(
                    "\(objectName) has no field \(unknown.joined(separator: ", ")) (its fields: \(object.fields.map(\.name).joined(separator: ", ")))",
                    field: field)
            }
        }
        let filters = filter + presetOnly
        var filterSchemas: [String: SchemaField] = [:]
        var links: [SkillBinding.Link] = []
        for path in filters {
            let field = presetOnly.contains(path) ? "presets.\(path)" : "filter_fields"
            let resolved = try RelationshipPaths.resolve(path, object: object, schema: schema, field: field)
            filterSchemas[path] = resolved.field
            if let link = resolved.link, !links.contains(link) { links.append(link) }
        }
        for (path, value) in presets.sorted(by: { $0.key < $1.key }) where PresetTemplates.variables(in: value).isEmpty {
            let problems = JSONSchema.violations(of: value, against: BindingShapes.fieldSchema(filterSchemas[path]!))
            if !problems.isEmpty { throw ServiceError.schema(problems, root: "presets.\(path)") }
        }
        guard let operation = schema.operations.first(where: { $0.object == objectName && $0.kind == kind }) else {
            let offered = schema.operations.filter { $0.object == objectName }.map(\.kind.rawValue)
            throw ServiceError.validation("\(objectName) offers no \(kind.rawValue) (it offers: \(offered.joined(separator: ", ")))",
                                          field: "kind")
        }
        let spec = try await action(operation.action, of: connection)
        guard let shape = BindingShapes.shape(of: spec, for: kind) else {
            throw ServiceError.validation("the \(operation.action) action takes no input a binding can fill", field: "kind")
        }
        let binding = SkillBinding(object: objectName, kind: kind, shape: shape, filterFields: filters, writeFields: write,
                                   returnedFields: returned, objectFields: object.fields.map(\.name), links: links.isEmpty ? nil : links)
        try BindingShapes.check(binding, spec: spec)
        let skillName = name ?? Self.bindingName(binding, presets: Set(presets.keys))
        var text = description ?? operation.description
        if description == nil {
            if !filters.isEmpty { text += " Matches on \(filters.joined(separator: ", "))." }
            if !returned.isEmpty { text += " Returns \(returned.joined(separator: ", "))." }
        }
        let fields = filterSchemas.merging(object.fields.map { ($0.name, $0) }) { filterField, _ in filterField }
        var skill = SkillDefinition(
            name: try SkillFactory.validName(skillName, field: "name"), description: text, connectionID: connection.id,
            provider: connection.provider, action: operation.action, presets: presets,
            inputSchema: BindingShapes.inputSchema(binding, fields: fields, presets: Set(presets.keys), spec: spec),
            requiresApproval: requiresApproval)
        skill.binding = binding
        return skill
    }

    /// `lookup_customers_by_email`: lowercase letters, digits and underscores, at most 64.
    /// Named after the filters the model fills; preset ones are hidden from it, so not named.
    static func bindingName(_ binding: SkillBinding, presets: Set<String>) -> String {
        var name = "\(binding.kind.rawValue)_\(binding.object)"
        let filters = binding.filterFields.filter { !presets.contains($0) }
        if !filters.isEmpty { name += "_by_" + filters.joined(separator: "_and_") }
        let cleaned = name.lowercased().map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII ? $0 : "_" }
        return String(String(cleaned).prefix(64))
    }
}
