/// The console's stylesheet and scripts by file name, as `/console/assets/NAME` serves them.
/// Plain CSS and JavaScript written by hand: no build step, nothing fetched from elsewhere.
enum ConsoleAssets {
    static let all: [String: ConsoleAsset] = {
        var assets = ["console.css": ConsoleAsset(contentType: "text/css; charset=utf-8", body: stylesheet)]
        let scripts: [String: String] = [
            "console.js": core, "catalog.js": catalogScript, "connect.js": connectScript,
            "connections.js": connectionsScript, "connection.js": connectionScript,
            "executions.js": executionsScript, "execution.js": executionScript,
            "agents.js": agentsScript, "agent.js": agentScript,
            "webhooks.js": webhooksScript, "event.js": eventScript,
            "plugins.js": pluginsScript, "keys.js": keysScript,
        ]
        for (name, body) in scripts { assets[name] = ConsoleAsset(contentType: "text/javascript; charset=utf-8", body: body) }
        return assets
    }()
}
