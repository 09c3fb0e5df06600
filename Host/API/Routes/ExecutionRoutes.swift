import Hummingbird
import PatchbayModel
import PatchbayServices
import PatchbayWire

enum ExecutionRoutes {
    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let executions = patchbay.executions
        return [
            Endpoint(method: .post, path: "/v1/connections/{id}/actions/{action}/invoke",
                     summary: "Run an action. The input is checked against the action's input schema; the run is recorded.",
                     tag: "executions", access: .key(.integrationsWrite),
                     requestBody: APISchema.object(["input": APISchema.anyObject(description: "The action's input.")], required: ["input"]),
                     response: APISchema.ref("Execution"), errors: [409, 422, 429, 502],
                     errorBody: APISchema.ref("ProviderError"), idempotent: true) { _, context in
                let input = context.input["input"] ?? [:]
                let record = try await executions.invoke(
                    principal: try context.requirePrincipal(), connectionID: try context.parameters.require("id"),
                    action: try context.parameters.require("action"), input: input)
                return JSONResponse.make(Views.execution(record))
            },
            Endpoint(method: .get, path: "/v1/executions", summary: "Action runs, newest first.",
                     tag: "executions", access: .key(.integrationsRead),
                     parameters: [.query("connection_id"), .query("action"), .oneOf("status", ExecutionRecord.Status.self),
                                  .query("agent_id"), .oneOf("trigger", ExecutionRecord.Trigger.self), .limit, .cursor],
                     response: APISchema.page(of: APISchema.ref("Execution"))) { request, context in
                let filter = ExecutionFilter(
                    connectionID: RequestInput.query(request, "connection_id"), action: RequestInput.query(request, "action"),
                    status: RequestInput.filter(request, "status", as: ExecutionRecord.Status.self),
                    agentID: RequestInput.query(request, "agent_id"),
                    trigger: RequestInput.filter(request, "trigger", as: ExecutionRecord.Trigger.self))
                let page = try await executions.list(principal: try context.requirePrincipal(), filter: filter,
                                                     page: try RequestInput.page(request))
                return JSONResponse.make(Views.page(page, Views.execution))
            },
            Endpoint(method: .get, path: "/v1/executions/{id}", summary: "One action run.",
                     tag: "executions", access: .key(.integrationsRead), response: APISchema.ref("Execution")) { _, context in
                let record = try await executions.get(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(Views.execution(record))
            },
        ]
    }
}
