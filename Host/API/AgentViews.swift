import PatchbayModel
import PatchbayWire

/// How agents, skills and versions look to API clients.
extension Views {
    static func agent(_ record: AgentRecord) -> JSONValue {
        [
            "id": .string(record.id),
            "name": .string(record.name),
            "description": .string(record.description),
            "variables": .object(record.variables),
            "draft_skill_count": .integer(Int64(record.draft.count)),
            "live_version": record.liveVersion.map { .integer(Int64($0)) } ?? .null,
            "created_at": time(record.createdAt),
            "updated_at": time(record.updatedAt),
        ]
    }

    static func skill(_ skill: SkillDefinition) -> JSONValue {
        (try? JSONValue(encoding: skill)) ?? .null
    }

    static func skills(_ skills: [SkillDefinition]) -> JSONValue {
        ["data": .array(skills.map(skill))]
    }

    static func version(_ record: AgentVersionRecord, live: Int?, detailed: Bool) -> JSONValue {
        var view: [String: JSONValue] = [
            "agent_id": .string(record.agentID),
            "version": .integer(Int64(record.version)),
            "live": .bool(record.version == live),
            "note": record.note.map(JSONValue.string) ?? .null,
            "rolled_back_from": record.rolledBackFrom.map { .integer(Int64($0)) } ?? .null,
            "skill_count": .integer(Int64(record.skills.count)),
            "published_at": time(record.publishedAt),
        ]
        if detailed { view["skills"] = .array(record.skills.map(skill)) }
        return .object(view)
    }

    /// The agent fields of an execution; all null for a direct action call.
    static func skillCall(_ call: SkillCall?) -> [String: JSONValue] {
        [
            "agent_id": call.map { .string($0.agentID) } ?? .null,
            "skill": call.map { .string($0.skill) } ?? .null,
            "agent_version": call.map { .integer(Int64($0.agentVersion)) } ?? .null,
            "tool_call_id": call?.toolCallID.map(JSONValue.string) ?? .null,
            "end_user": call?.endUser.map(JSONValue.string) ?? .null,
            "pending_input": call?.pendingInput ?? .null,
        ]
    }
}
