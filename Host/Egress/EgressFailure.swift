import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import PatchbayWire

/// Why an upstream attempt got no usable response, named by its real cause: the upstream was
/// slow (`upstream_timeout`), no connection could be made (`connection_failed`), the host's
/// own queue to the upstream stayed full (`egress_queue_timeout`), or the reply was broken
/// (`upstream_invalid_response`).
enum EgressFailure: Error {
    /// The attempt's deadline passed before the whole response arrived.
    case deadline
    /// The head arrived, then the body failed (the upstream closed or reset the connection).
    case incompleteBody

    /// The plugin call the request belonged to ended first; nobody reads this answer.
    static let cancelled = PluginError(code: "cancelled", message: "the plugin call ended before the provider answered")

    /// Messages name the host and the wait, never the URL: an underlying error may quote it,
    /// query secrets included.
    static func pluginError(for error: any Error, host: String, settings: EgressSettings) -> PluginError {
        if Task.isCancelled { return cancelled }
        switch error as? EgressFailure {
        case .deadline: return timeout(host, settings)
        case .incompleteBody: return invalidResponse("\(host) closed the connection before its response was complete")
        case nil: break
        }
        let clientError = error as? HTTPClientError
        if clientError == .deadlineExceeded || clientError == .readTimeout {
            return timeout(host, settings)
        }
        if error is NIOTooManyBytesError {
            return PluginError(code: "response_too_large", message: "the provider's response exceeded \(settings.maxResponseBytes) bytes")
        }
        if clientError == .remoteConnectionClosed {
            return invalidResponse("\(host) closed the connection without a complete response")
        }
        if error is HTTPParserError {
            return invalidResponse("\(host) sent a response that is not valid HTTP")
        }
        return PluginError(code: "connection_failed", message: "could not connect to \(host)", retryable: true)
    }

    /// Every slot this host allows to the upstream stayed busy for the whole queue wait: the
    /// request was never sent, and the provider is not to blame.
    static func queueTimeout(host: String, provider: String, settings: EgressSettings) -> PluginError {
        let flag = settings.connectionsPerProvider[provider] == nil ? "--egress-connections-per-host" : "--egress-limit \(provider)=N"
        return PluginError(code: "egress_queue_timeout",
                           message: "the call waited \(settings.queueWait) in this host's queue for \(host) and was not sent: all \(settings.connectionLimit(for: provider)) "
                               + "requests this host allows at once to it were in flight (\(flag)); try again later",
                           retryable: true)
    }

    private static func timeout(_ host: String, _ settings: EgressSettings) -> PluginError {
        PluginError(code: "upstream_timeout", message: "\(host) did not send its whole response within \(settings.requestTimeout)",
                    retryable: true)
    }

    private static func invalidResponse(_ message: String) -> PluginError {
        PluginError(code: "upstream_invalid_response", message: message)
    }
}
