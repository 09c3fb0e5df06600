import NIOHTTP1
import Tracing

/// Writes the current trace context into outgoing headers (`traceparent`, as W3C Trace Context
/// says, when tracing is on), replacing any a plugin set, so an upstream or an agent's URL
/// can join the caller's trace. Reads one back the same way, for work that carries on a trace
/// later or elsewhere (a stored event's push delivery).
public struct TraceHeaders: Injector, Extractor {
    public init() {}

    public func inject(_ value: String, forKey key: String, into headers: inout HTTPHeaders) {
        headers.replaceOrAdd(name: key, value: value)
    }

    public func extract(key: String, from headers: HTTPHeaders) -> String? {
        headers.first(name: key)
    }

    /// Adds the task's trace context, if any, to `headers`.
    public static func add(to headers: inout HTTPHeaders) {
        guard let context = ServiceContext.current else { return }
        InstrumentationSystem.instrument.inject(context, into: &headers, using: TraceHeaders())
    }

    /// The task's span as a W3C `traceparent`, to be kept with what it stores; nil when
    /// tracing is off or no span is current.
    public static var currentTraceparent: String? {
        var headers = HTTPHeaders()
        add(to: &headers)
        return headers.first(name: "traceparent")
    }

    /// The context a kept `traceparent` stands for, as a parent or a link of a new span; the
    /// top level when there is none or tracing is off (a malformed one is ignored by the tracer).
    public static func context(traceparent: String?) -> ServiceContext {
        var context = ServiceContext.topLevel
        guard let traceparent else { return context }
        InstrumentationSystem.instrument.extract(HTTPHeaders([("traceparent", traceparent)]), into: &context, using: TraceHeaders())
        return context
    }
}
