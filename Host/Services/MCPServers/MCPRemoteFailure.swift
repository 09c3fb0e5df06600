import PatchbayWire

/// Why an exchange with a remote MCP server failed, as the host reports it: thrown by the
/// transport through the SDK's client, so the caller sees the egress refusal, the status or
/// the timeout rather than a generic transport error.
struct MCPRemoteFailure: Error {
    var error: PluginError

    /// The server answered with an HTTP error instead of a JSON-RPC message.
    static func status(_ status: Int, host: String) -> MCPRemoteFailure {
        if status == 401 || status == 403 {
            return MCPRemoteFailure(error: PluginError(
                code: "mcp_unauthorized",
                message: "the MCP server at \(host) refused the credentials (HTTP \(status)): check the token, or authorize the connection again",
                upstreamStatus: status))
        }
        return MCPRemoteFailure(error: PluginError(code: "mcp_http_error", message: "the MCP server at \(host) answered HTTP \(status)",
                                                   retryable: status >= 500, upstreamStatus: status))
    }

    /// Any error the SDK's client threw, as a plugin error.
    static func from(_ error: any Error, host: String) -> PluginError {
        if let failure = error as? MCPRemoteFailure { return failure.error }
        return PluginError(code: "mcp_protocol_error", message: "the MCP server at \(host) did not answer as MCP: \(error)")
    }
}
