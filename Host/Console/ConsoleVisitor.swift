import Hummingbird
import PatchbayServices

/// The browser behind a console request: its session, and the principal and account of the
/// key it signed in with. Built afresh on every page, so a revoked key stops at the next click.
struct ConsoleVisitor: Sendable {
    var session: ConsoleSession
    var principal: Principal
    var accountName: String

    /// The signed-in visitor, or nil when the request has no session that still holds.
    static func of(_ request: Request, patchbay: Patchbay) async throws -> ConsoleVisitor? {
        guard let cookie = request.cookies[ConsoleCookies.session],
              let session = try? patchbay.consoleSessions.open(cookie.value) else { return nil }
        let principal: Principal
        do {
            principal = try await patchbay.apiKeys.authenticate(session.key)
        } catch let error as ServiceError where error.kind == .unauthenticated {
            return nil
        }
        let accountName = try await patchbay.apiKeys.accountName(principal: principal)
        return ConsoleVisitor(session: session, principal: principal, accountName: accountName ?? principal.accountID)
    }

    func may(_ scope: Scope) -> Bool {
        principal.scopes.contains(scope) || principal.scopes.contains(.admin)
    }

    /// What every page's template knows about the visitor.
    func templateValues(current page: ConsolePage?) -> [String: Any] {
        let scopes = principal.scopes.map(\.rawValue).sorted()
        let navigation: [[String: Any]] = ConsolePage.all.compactMap { candidate in
            guard let label = candidate.navigation, may(candidate.scope) else { return nil }
            return ["href": "/console/\(candidate.name)", "label": label, "current": candidate.name == page?.name]
        }
        return [
            "csrf": session.csrfToken,
            "accountName": accountName,
            "accountID": principal.accountID,
            "scopes": scopes,
            "scopeList": scopes.joined(separator: " "),
            "nav": navigation,
            "can": [
                "read": may(.integrationsRead), "write": may(.integrationsWrite), "skillsWrite": may(.skillsWrite),
                "invoke": may(.skillsInvoke), "admin": may(.admin),
            ],
        ]
    }
}
