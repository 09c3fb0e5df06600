import Foundation
import PatchbayWire

/// Every message a plugin sends the host is checked against its schema in `MessageSchemas`
/// as it arrives, here: the manifest when the plugin loads, and through `PendingCalls`, which
/// both channels (in-process and worker) hand everything of a call to, each method's result or
/// error and each HTTP request. A message that breaks its schema is refused with an error that
/// names the message and the JSON pointer of the fault, counted in
/// `patchbay_plugin_messages_refused_total` and logged; neither holds a value the plugin sent,
/// since the schema's wording names only what was expected.
///
/// An `invoke` result is the action's own output, which the execution checks against the
/// action's `output_schema`; its envelope is the raw JSON, so nothing is checked twice on the
/// hot path. A `parse_webhook` result that `LoadedPlugin.parseWebhook` asked for is checked
/// there instead, by `webhookEvents`, in the parse that reads its events.
struct PluginMessageCheck: Sendable {
    let plugin: String
    let observer: any PluginObserver

    /// The messages by the names their schema files have (`docs/schemas/<name>.schema.json`).
    enum Message: String, Sendable {
        case manifest
        case resultCheck = "result.check"
        case resultDiscover = "result.discover"
        case resultParseWebhook = "result.parse_webhook"
        case error
        case httpRequest = "http_request"

        var schema: JSONValue {
            switch self {
            case .manifest: return MessageSchemas.manifest
            case .resultCheck: return MessageSchemas.checkResult
            case .resultDiscover: return MessageSchemas.discoveredSchema
            case .resultParseWebhook: return MessageSchemas.webhookEvents
            case .error: return MessageSchemas.error
            case .httpRequest: return MessageSchemas.httpRequest
            }
        }

        /// Whether `value` plainly matches the schema, seen without walking it: a shape checked
        /// in code, for a message that comes on a hot path (each webhook's events). False
        /// leaves the value to the schema, which names any fault, so this must never accept
        /// what the schema refuses (`PluginMessageCheckTests` holds the two side by side).
        func plainlyMatches(_ value: JSONValue) -> Bool {
            switch self {
            case .resultParseWebhook: return Self.arePlainWebhookEvents(value)
            case .manifest, .resultCheck, .resultDiscover, .error, .httpRequest: return false
            }
        }

        /// `MessageSchemas.webhookEvents`: an array of objects with a non-empty `id` and `key`, a
        /// `type`, an `occurred_at` string if any, and a `payload` or a boolean `payload_is_body`.
        private static func arePlainWebhookEvents(_ value: JSONValue) -> Bool {
            guard case .array(let events) = value else { return false }
            return events.allSatisfy { event in
                guard case .object(let members) = event, case .string(let id)? = members["id"], !id.isEmpty,
                      case .string(let key)? = members["key"], !key.isEmpty, case .string? = members["type"]
                else { return false }
                switch members["occurred_at"] {
                case nil, .string?: break
                default: return false
                }
                switch members["payload_is_body"] {
                case nil: return members["payload"] != nil
                case .bool?: return true
                default: return false
                }
            }
        }

        static func result(of method: PluginMethod) -> Message? {
            switch method {
            case .check: return .resultCheck
            case .discover: return .resultDiscover
            case .parseWebhook: return .resultParseWebhook
            case .invoke: return nil
            }
        }
    }

    /// A completion as the caller sees it: the result when it matches its method's schema, the
    /// plugin's error when it matches the error's; otherwise a refusal that says why.
    func completion(ok: Bool, payload: Data, method: PluginMethod) -> PluginReply {
        if ok {
            guard let message = Message.result(of: method) else { return .success(payload) }
            switch read(payload, as: message) {
            case .success: return .success(payload)
            case .failure(let fault): return .failure(invalidResult(of: method, fault))
            }
        }
        switch read(payload, as: .error) {
        case .success(let value):
            if let error = try? PluginError(wire: value) { return .failure(error) }
            return .failure(PluginError(code: "plugin_error", message: "the plugin failed with an unreadable error"))
        case .failure(let fault):
            return .failure(PluginError(code: "plugin_error", message: "the plugin failed with an unreadable error: \(fault)"))
        }
    }

    /// A `parse_webhook` result checked as `completion` checks it and read as events from the
    /// same parse: each webhook's result is read once. Nil events for a result that matches the
    /// schema yet not `WebhookEvent`'s reader (`"payload_is_body": false` with no payload).
    func webhookEvents(_ payload: Data) -> Result<[WebhookEvent]?, PluginError> {
        switch read(payload, as: .resultParseWebhook) {
        case .success(let value): return .success(try? [WebhookEvent](wireList: value))
        case .failure(let fault): return .failure(invalidResult(of: .parseWebhook, fault))
        }
    }

    private func invalidResult(of method: PluginMethod, _ fault: Fault) -> PluginError {
        PluginError(code: "invalid_plugin_output", message: "the plugin's \(method.rawValue) result is \(fault)")
    }

    /// The HTTP request a plugin asked for, or the error its response carries instead.
    func httpRequest(_ data: Data) -> Result<HTTPRequestMessage, PluginError> {
        let refusal = { (fault: String) in PluginError(code: "invalid_request", message: "the plugin's HTTP request message is \(fault)") }
        switch read(data, as: .httpRequest) {
        case .success(let value):
            do {
                return .success(try HTTPRequestMessage(wire: value))
            } catch {
                // The schema says what a reader takes; a value it lets through that the reader still refuses is named here.
                return .failure(refusal("not valid: \(error)"))
            }
        case .failure(let fault):
            return .failure(refusal(fault.text))
        }
    }

    /// Refuses a manifest that breaks its schema at load, with every fault and where it is.
    /// Text that is not JSON is left to the decoder, which says where it stops being JSON.
    static func check(manifest data: Data, observer: any PluginObserver) throws(PluginRefusal) {
        guard let value = try? WireCoding.decode(JSONValue.self, from: data) else { return }
        let violations = JSONSchema.violations(of: value, against: Message.manifest.schema)
        guard !violations.isEmpty else { return }
        let plugin = value["id"]?.stringValue.map { String($0.prefix(64)) } ?? "unknown"
        observer.record(.refusedMessage(plugin: plugin, message: Message.manifest.rawValue))
        throw .invalidManifest(violations.map { SchemaViolation(path: pointer($0.path), message: $0.message) })
    }

    /// The message parsed, or what is wrong with it, worded "not valid JSON" or "not valid
    /// (<message> schema): /pointer: what was expected; …".
    private func read(_ data: Data, as message: Message) -> Result<JSONValue, Fault> {
        let value: JSONValue
        do {
            value = try WireCoding.decode(JSONValue.self, from: data)
        } catch {
            return .failure(refuse(message, Fault(pointers: [], text: "not valid JSON")))
        }
        if message.plainlyMatches(value) { return .success(value) }
        let violations = JSONSchema.violations(of: value, against: message.schema)
        guard !violations.isEmpty else { return .success(value) }
        let shown = violations.prefix(5).map { SchemaViolation(path: Self.pointer($0.path), message: $0.message) }
        let text = "not valid (\(message.rawValue) schema): " + shown.map { "\($0.path.isEmpty ? "/" : $0.path): \($0.message)" }
            .joined(separator: "; ")
        return .failure(refuse(message, Fault(pointers: shown.map(\.path), text: text)))
    }

    struct Fault: Error, CustomStringConvertible {
        var pointers: [String]
        var text: String
        var description: String { text }
    }

    private func refuse(_ message: Message, _ fault: Fault) -> Fault {
        observer.record(.refusedMessage(plugin: plugin, message: message.rawValue))
        observer.log(.warning, "refused a message from the plugin", metadata: [
            "plugin": plugin, "message": message.rawValue, "at": fault.pointers.joined(separator: " "),
        ])
        return fault
    }

    /// A violation's path (`objects[0].fields`, `headers.X-Count`) as a JSON pointer (`/objects/0/fields`).
    static func pointer(_ path: String) -> String {
        var tokens: [String] = []
        var token = ""
        var afterIndex = false
        for character in path {
            switch character {
            case ".":
                if !afterIndex { tokens.append(token) }
                token = ""
                afterIndex = false
            case "[":
                if !token.isEmpty { tokens.append(token) }
                token = ""
            case "]":
                tokens.append(token)
                token = ""
                afterIndex = true
            default:
                token.append(character)
            }
        }
        if !token.isEmpty { tokens.append(token) }
        return tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }
}
