import Foundation
import HTTPTypes
import MCP
import PatchbayModel
import PatchbayServices
import PatchbayWire

/// One agent's published skills as an MCP server: `tools/list` and `tools/call`, for one session
/// of the account that opened it. Every request reads the version live at that moment, so after
/// a `tools/list_changed` notification the next `tools/list` shows the new tools.
enum AgentMCPServer {
    static func make(_ patchbay: Patchbay, principal: Principal, agentID: String) async -> MCP.Server {
        let server = MCP.Server(name: "patchbay", version: APIServer.version,
                                capabilities: .init(tools: .init(listChanged: true)))
        let skills = patchbay.skills
        await server.withMethodHandler(ListTools.self) { _ in
            let (_, version) = try await published(skills, principal, agentID)
            return ListTools.Result(tools: try version.skills.map { skill in
                Tool(name: skill.name, description: skill.description,
                     inputSchema: try MCPValues.value(ToolExport.objectSchema(skill.inputSchema)))
            })
        }
        await server.withMethodHandler(CallTool.self) { params in
            let input = JSONValue.object(try (params.arguments ?? [:]).mapValues(MCPValues.json))
            // Each request may act for another end user, so the header is read per call.
            let endUser = MCP.Server.currentHandlerContext?.httpContext?.header(MCPRoutes.endUserHeader.canonicalName)
            do {
                let record = try await skills.invoke(principal: principal, agentID: agentID, skill: params.name,
                                                     SkillRuntime.Call(input: input, endUser: endUser, trigger: .mcp))
                return try result(record)
            } catch let error as ServiceError where error.code == "unknown_skill" {
                throw MCPError.invalidParams("Unknown tool: \(params.name)")
            } catch let error as ServiceError {
                // A refused or failed call is a tool result the model can read and act on.
                var details: [String: JSONValue] = ["code": .string(error.code), "message": .string(error.message)]
                if let field = error.field { details["field"] = .string(field) }
                if let id = error.executionID { details["execution_id"] = .string(id) }
                let structured: Value? = try MCPValues.value(["error": .object(details)])
                return CallTool.Result(content: [.text(text: "\(error.code): \(error.message)", annotations: nil, _meta: nil)], structuredContent: structured,
                                       isError: true)
            }
        }
        return server
    }

    private static func published(_ skills: SkillRuntime, _ principal: Principal,
                                  _ agentID: String) async throws -> (AgentRecord, AgentVersionRecord) {
        do {
            return try await skills.publishedSkills(principal: principal, agentID: agentID)
        } catch let error as ServiceError {
            throw MCPError.invalidRequest(error.message)
        }
    }

    private static func result(_ record: ExecutionRecord) throws -> CallTool.Result {
        if record.status == .awaitingApproval {
            let text = "This call needs approval before it runs. Execution \(record.id) is awaiting approval."
            let structured: Value? = try MCPValues.value(["execution_id": .string(record.id),
                                                          "status": .string(record.status.rawValue)])
            return CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: structured, isError: false)
        }
        let output = record.output ?? .null
        let text = String(decoding: try WireCoding.encode(output), as: UTF8.self)
        let structured: Value? = output.objectValue != nil ? try MCPValues.value(output) : nil
        return CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: structured, isError: false)
    }
}
