import ArgumentParser
import Foundation
import Logging
import OTel
import PatchbayAPI
import ServiceLifecycle
import Tracing

/// How `serve` writes its log and whether it sends traces. Metrics need no option: `/metrics`
/// always serves them, to keys with the `metrics` scope.
struct ObservabilityOptions: ParsableArguments {
    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "The log on stderr: text, or json with one object per line (also PATCHBAY_LOG_FORMAT). Default: text.")
    var logFormat: LogFormat?

    @Option(help: """
        Send traces with OTLP over HTTP to this collector, e.g. http://otel-collector:4318 (spans go to its /v1/traces). \
        Also the standard OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT. Without either, no traces.
        """)
    var otlpEndpoint: String?

    func validate() throws {
        _ = try resolvedLogFormat(environment: ProcessInfo.processInfo.environment)
        if let otlpEndpoint {
            guard let url = URL(string: otlpEndpoint), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ValidationError("--otlp-endpoint must be an http:// or https:// URL (got \(otlpEndpoint))")
            }
        }
    }

    func resolvedLogFormat(environment: [String: String]) throws -> LogFormat {
        if let logFormat { return logFormat }
        guard let value = environment["PATCHBAY_LOG_FORMAT"], !value.isEmpty else { return .text }
        guard let format = LogFormat(rawValue: value) else {
            throw ValidationError("PATCHBAY_LOG_FORMAT must be text or json (got \(value))")
        }
        return format
    }

    /// Every logger of the process writes in the chosen format, at `LOG_LEVEL` (default info).
    func bootstrapLogging(environment: [String: String]) throws {
        let format = try resolvedLogFormat(environment: environment)
        let level = environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json:
                var handler = JSONLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }

    /// Makes an OTLP/HTTP exporter the tracer of the process when a collector is configured,
    /// and returns the service that sends the spans (run it beside the API); nil when tracing
    /// is off. The standard OTEL_ variables (protocol, headers, sampler, service name) apply;
    /// `--otlp-endpoint` wins over the endpoint variables.
    func bootstrapTracing(environment: [String: String], logger: Logger) throws -> (any Service)? {
        var environment = environment
        var configuration = OTel.Configuration.default
        configuration.serviceName = "patchbay"
        configuration.diagnosticLogger = .custom(logger)
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        if let otlpEndpoint {
            for name in ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] { environment[name] = nil }
            configuration.traces.otlpExporter.endpoint = Self.tracesURL(otlpEndpoint)
        } else if ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"].allSatisfy({ environment[$0]?.isEmpty ?? true }) {
            return nil
        }
        return try OTel.bootstrap(configuration: configuration, environment: environment)
    }

    /// A collector's base URL, as OTEL_EXPORTER_OTLP_ENDPOINT is, with the traces path added.
    static func tracesURL(_ base: String) -> String {
        if base.hasSuffix("/v1/traces") { return base }
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/v1/traces"
    }
}
