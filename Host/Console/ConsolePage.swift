import PatchbayServices

/// One page of the console: where it is, what a key needs to open it, and the script that
/// fills it from the API. A page a key may not open is neither listed in the navigation nor served.
struct ConsolePage: Sendable {
    /// The first path segment after `/console/`.
    var name: String
    /// Whether the path carries an id after the name (`/console/connections/conn_…`).
    var takesID: Bool
    var title: String
    var scope: Scope
    /// The label in the navigation, for the pages listed there.
    var navigation: String?
    /// The template of the page's body, and its script under `/console/assets/`.
    var template: String
    var script: String

    static let all: [ConsolePage] = [
        ConsolePage(name: "catalog", takesID: false, title: "Catalog", scope: .integrationsRead, navigation: "Catalog",
                    template: "catalog", script: "catalog.js"),
        ConsolePage(name: "connect", takesID: true, title: "Connect", scope: .integrationsWrite, navigation: nil,
                    template: "connect", script: "connect.js"),
        ConsolePage(name: "connections", takesID: false, title: "Connections", scope: .integrationsRead, navigation: "Connections",
                    template: "connections", script: "connections.js"),
        ConsolePage(name: "connections", takesID: true, title: "Connection", scope: .integrationsRead, navigation: nil,
                    template: "connection", script: "connection.js"),
        ConsolePage(name: "executions", takesID: false, title: "Executions", scope: .integrationsRead, navigation: "Executions",
                    template: "executions", script: "executions.js"),
        ConsolePage(name: "executions", takesID: true, title: "Execution", scope: .integrationsRead, navigation: nil,
                    template: "execution", script: "execution.js"),
        ConsolePage(name: "agents", takesID: false, title: "Agents", scope: .integrationsRead, navigation: "Agents",
                    template: "agents", script: "agents.js"),
        ConsolePage(name: "agents", takesID: true, title: "Agent", scope: .integrationsRead, navigation: nil,
                    template: "agent", script: "agent.js"),
        ConsolePage(name: "webhooks", takesID: false, title: "Webhooks", scope: .integrationsRead, navigation: "Webhooks",
                    template: "webhooks", script: "webhooks.js"),
        ConsolePage(name: "events", takesID: true, title: "Webhook event", scope: .admin, navigation: nil,
                    template: "event", script: "event.js"),
        ConsolePage(name: "plugins", takesID: false, title: "Plugins", scope: .integrationsRead, navigation: "Plugins",
                    template: "plugins", script: "plugins.js"),
        ConsolePage(name: "keys", takesID: false, title: "API keys", scope: .admin, navigation: "API keys",
                    template: "keys", script: "keys.js"),
    ]

    static func find(_ name: String, takesID: Bool) -> ConsolePage? {
        all.first { $0.name == name && $0.takesID == takesID }
    }
}
