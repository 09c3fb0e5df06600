import Foundation
import MCP
import PatchbayPlugins
import PatchbayWire

/// Where the calls of a remote MCP server's tools go instead of a plugin: the host is the MCP
/// client, in-process, and its requests leave through the call's egress context like a plugin's.
final class MCPChannel: PluginChannel {
    let url: String
    /// Tools that declare an output schema answer with their structured content.
    let structuredTools: Set<String>

    init(url: String, structuredTools: Set<String>) {
        self.url = url
        self.structuredTools = structuredTools
    }

    var ignoredCompletions: Int { 0 }
    var quarantineReason: String? { nil }
    /// Nothing to stop: each call's session ends with the call.
    func shutdown() async {}

    func call(method: PluginMethod, payload: Data, context: PluginCallContext, timeout: Duration, clock: PluginClock) async -> PluginReply {
        guard let call = try? WireCoding.decode(PluginCall.self, from: payload) else {
            return .failure(PluginError(code: "invalid_call", message: "the call does not decode"))
        }
        guard let url = URL(string: url) else {
            return .failure(PluginError(code: "invalid_call", message: "the MCP server's stored URL is not a URL"))
        }
        let remote = MCPRemote(url: url, send: context.http)
        switch method {
        case .invoke:
            guard let tool = call.action else { return .failure(PluginError(code: "invalid_call", message: "the call names no tool")) }
            let input = call.input ?? [:]
            let outcome = await ConnectorChannel.within(timeout, on: clock) { () -> Result<CallTool.Result, PluginError> in
                do {
                    return .success(try await remote.callTool(tool, arguments: input))
                } catch {
                    return .failure(MCPRemoteFailure.from(error, host: url.host ?? "?"))
                }
            }
            switch outcome {
            case nil: return .upstreamTimedOut(after: timeout)
            case .failure(let error)?: return .failure(error)
            case .success(let result)?: return reply(result, tool: tool)
            }
        case .check:
            let outcome = await ConnectorChannel.within(timeout, on: clock) { () -> CheckResult in
                do {
                    return CheckResult(ok: true, message: try await remote.check())
                } catch {
                    return CheckResult(ok: false, message: MCPRemoteFailure.from(error, host: url.host ?? "?").message)
                }
            }
            let result = outcome ?? CheckResult(ok: false, message: "the MCP server did not answer within \(timeout)")
            return (try? WireCoding.encode(result)).map(PluginReply.success)
                ?? .failure(PluginError(code: "host_error", message: "could not encode the check"))
        case .discover, .parseWebhook:
            return .failure(PluginError(code: "unsupported_method", message: "an MCP server does not support \(method.rawValue)"))
        }
    }

    /// A tool's result as the action's output: its structured content when it declares an
    /// output schema, else its content blocks. A result flagged `isError` is the tool's refusal.
    private func reply(_ result: CallTool.Result, tool: String) -> PluginReply {
        do {
            let content = try MCPRemote.json(result.content)
            if result.isError == true {
                let text = (content.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
                return .failure(PluginError(code: "tool_error", message: text.isEmpty ? "the tool \(tool) reported an error" : text,
                                            details: ["content": content]))
            }
            let output: JSONValue
            if structuredTools.contains(tool), let structured = result.structuredContent {
                output = try MCPRemote.json(structured)
            } else {
                output = ["content": content]
            }
            return .success(try WireCoding.encode(output))
        } catch {
            return .failure(PluginError(code: "upstream_invalid_response", message: "the tool's result could not be read: \(error)"))
        }
    }
}
