import ArgumentParser
import PatchbayServices

/// How `serve` keeps the agents' MCP sessions.
struct MCPOptions: ParsableArguments {
    @Option(help: "Minutes an MCP session may sit unused (no request, no open stream) before it ends.")
    var mcpIdleTimeout = 30

    @Option(help: "MCP sessions one account may hold open at once, on all replicas together.")
    var mcpMaxSessions = 100

    func validate() throws {
        guard mcpIdleTimeout >= 1, mcpMaxSessions >= 1 else {
            throw ValidationError("--mcp-idle-timeout (minutes) and --mcp-max-sessions are whole numbers, at least 1")
        }
    }

    var settings: MCPSessionSettings {
        var settings = MCPSessionSettings()
        settings.idleTimeout = .seconds(mcpIdleTimeout * 60)
        settings.maxPerAccount = mcpMaxSessions
        return settings
    }
}
