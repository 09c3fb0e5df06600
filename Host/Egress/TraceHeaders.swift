public import NIOHTTP1
public import Tracing

/// Writes the current trace context into outgoing headers (`traceparent`, as W3C Trace Context
/// says, when tracing is on), replacing any a plugin set, so an upstream or an agent's URL
/// can join the caller's trace.
public struct TraceHeaders: Injector {
    public init() {}

    public func inject(_ value: String, forKey key: String, into headers: inout HTTPHeaders) {
        headers.replaceOrAdd(name: key, value: value)
    }

    /// Adds the task's trace context, if any, to `headers`.
    public static func add(to headers: inout HTTPHeaders) {
        guard let context = ServiceContext.current else { return }
        InstrumentationSystem.instrument.inject(context, into: &headers, using: TraceHeaders())
    }
}
