import Hummingbird
import PatchbayModel
import PatchbayServices
import PatchbayWire

/// The account's audit log: every change its API keys and the CLI made, for admins.
enum AuditRoutes {
    static let dateTime: JSONValue = ["type": "string", "format": "date-time", "pattern": .string(RFC3339Time.pattern)]

    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let audit = patchbay.audit
        return [
            Endpoint(method: .get, path: "/v1/audit",
                     summary: "Changes made by the account's API keys and the CLI, newest first: who, when, what and what changed (never a secret's value).",
                     tag: "audit", access: .key(.admin),
                     parameters: [
                         .query("action", APISchema.text(min: 1, max: 100), description: "Only this action, e.g. connection.create."),
                         .query("target", APISchema.text(min: 1, max: 200), description: "Only changes to this object, by id."),
                         .query("key_id", APISchema.text(min: 1, max: 200), description: "Only changes made with this API key."),
                         .query("since", dateTime, description: "Only changes at or after this time (RFC 3339)."),
                         .query("until", dateTime, description: "Only changes before this time (RFC 3339)."),
                         .limit, .cursor,
                     ],
                     response: APISchema.page(of: APISchema.ref("AuditEntry"))) { request, context in
                let filter = AuditFilter(action: RequestInput.query(request, "action"), target: RequestInput.query(request, "target"),
                                         keyID: RequestInput.query(request, "key_id"), since: try RequestInput.time(request, "since"),
                                         until: try RequestInput.time(request, "until"))
                let page = try await audit.list(principal: try context.requirePrincipal(), filter: filter, page: try RequestInput.page(request))
                return JSONResponse.make(Views.page(page, Views.auditEntry))
            },
        ]
    }
}
