import OpenAPIRuntime

extension Configuration {
    /// How Patchbay writes times: RFC 3339 with milliseconds (`2026-12-03T18:02:14.081Z`), which
    /// the runtime's default transcoder (whole seconds) cannot read. Pass it to every `Client`.
    public static let patchbay = Configuration(dateTranscoder: .iso8601WithFractionalSeconds)
}
