import Foundation

/// The rules a manifest must follow before the host accepts the plugin. The host refuses
/// a plugin with any problem and lists every problem as the reason, so an author fixes
/// them all in one pass.
public enum ManifestValidator {
    static let idPattern = try! NSRegularExpression(pattern: "^[a-z][a-z0-9_-]{0,63}$")
    static let actionNamePattern = try! NSRegularExpression(pattern: "^[a-z][a-z0-9_]{0,63}$")

    public static func problems(in manifest: Manifest, expectedID: String? = nil) -> [SchemaViolation] {
        var problems: [SchemaViolation] = []
        func problem(_ path: String, _ message: String) { problems.append(SchemaViolation(path: path, message: message)) }

        if !matches(idPattern, manifest.id) { problem("id", "must match ^[a-z][a-z0-9_-]{0,63}$") }
        if let expectedID, expectedID != manifest.id {
            problem("id", "is \"\(manifest.id)\" but the plugin's info says \"\(expectedID)\"")
        }
        for (field, value) in [("name", manifest.name), ("version", manifest.version),
                               ("category", manifest.category), ("description", manifest.description)]
        where value.trimmingCharacters(in: .whitespaces).isEmpty {
            problem(field, "must not be empty")
        }

        if let baseURL = manifest.baseURL {
            let probe = baseURL.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")
            if URLComponents(string: probe)?.scheme.map({ ["http", "https"].contains($0) }) != true {
                problem("base_url", "must be an http or https URL")
            }
        }

        problems += authProblems(manifest)
        if let oauth = manifest.oauth { problems += oauthProblems(oauth, manifest: manifest) }

        if manifest.configSchema.schemaTypeName != "object" || manifest.configSchema["type"] != "object" {
            problem("config_schema", "must be a JSON Schema of type object")
        }
        problems += JSONSchema.problems(in: manifest.configSchema).map { prefixed("config_schema", $0) }
        problems += networkTargetProblems(manifest)
        if let webhooks = manifest.webhooks { problems += webhookProblems(webhooks) }

        var actionNames: Set<String> = []
        for (index, action) in manifest.actions.enumerated() {
            let path = "actions[\(index)]"
            if !matches(actionNamePattern, action.name) {
                problem("\(path).name", "must match ^[a-z][a-z0-9_]{0,63}$ to be usable as a tool name")
            }
            if !actionNames.insert(action.name).inserted { problem("\(path).name", "repeats the action \"\(action.name)\"") }
            if action.description.trimmingCharacters(in: .whitespaces).isEmpty {
                problem("\(path).description", "must say what the action does, for the model choosing tools")
            }
            if action.inputSchema["type"] != "object" { problem("\(path).input_schema", "must be a JSON Schema of type object") }
            problems += JSONSchema.problems(in: action.inputSchema).map { prefixed("\(path).input_schema", $0) }
            problems += JSONSchema.problems(in: action.outputSchema).map { prefixed("\(path).output_schema", $0) }
            if let timeout = action.timeoutMs, !(1...ActionSpec.maxTimeoutMs).contains(timeout) {
                problem("\(path).timeout_ms", "must be from 1 to \(ActionSpec.maxTimeoutMs) milliseconds")
            }
            for (exampleIndex, example) in action.examples.enumerated() {
                problems += JSONSchema.violations(of: example.input, against: action.inputSchema)
                    .map { prefixed("\(path).examples[\(exampleIndex)].input", $0) }
            }
        }
        if manifest.actions.isEmpty { problem("actions", "must declare at least one action") }

        var packIDs: Set<String> = []
        for (index, pack) in manifest.packs.enumerated() {
            let path = "packs[\(index)]"
            if !packIDs.insert(pack.id).inserted { problem("\(path).id", "repeats the pack \"\(pack.id)\"") }
            var skillNames: Set<String> = []
            for (skillIndex, skill) in pack.skills.enumerated() {
                let skillPath = "\(path).skills[\(skillIndex)]"
                if !skillNames.insert(skill.name).inserted { problem("\(skillPath).name", "repeats the skill \"\(skill.name)\"") }
                if !matches(actionNamePattern, skill.name) { problem("\(skillPath).name", "must match ^[a-z][a-z0-9_]{0,63}$") }
                guard let action = manifest.action(named: skill.action) else {
                    problem("\(skillPath).action", "names no declared action \"\(skill.action)\"")
                    continue
                }
                let properties = action.inputSchema["properties"]?.objectValue ?? [:]
                for (name, value) in skill.presets.sorted(by: { $0.key < $1.key }) {
                    guard let schema = properties[name] else {
                        problem("\(skillPath).presets.\(name)", "is not an input of \(action.name)")
                        continue
                    }
                    if !isTemplate(value) {
                        problems += JSONSchema.violations(of: value, against: schema).map { prefixed("\(skillPath).presets.\(name)", $0) }
                    }
                }
            }
        }
        return problems
    }

    private static func authProblems(_ manifest: Manifest) -> [SchemaViolation] {
        var problems: [SchemaViolation] = []
        let auth = manifest.auth
        let declared = Set(manifest.credentials.map(\.name))
        let needed: [String]
        switch auth.type {
        case .none, .plugin: needed = []
        case .bearer: needed = ["credential"]
        case .header: needed = ["credential", "header"]
        case .query: needed = ["credential", "param"]
        case .basic: needed = ["username", "password"]
        }
        let values: [String: String?] = ["credential": auth.credential, "header": auth.header, "param": auth.param,
                                         "username": auth.username, "password": auth.password]
        for key in needed where (values[key] ?? nil) == nil {
            problems.append(SchemaViolation(path: "auth.\(key)", message: "is required for auth type \(auth.type.rawValue)"))
        }
        for name in auth.referencedCredentials where !declared.contains(name) {
            problems.append(SchemaViolation(path: "auth", message: "names the credential \"\(name)\" but credentials does not declare it"))
        }
        for (index, field) in manifest.credentials.enumerated() {
            if let pattern = field.pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
                problems.append(SchemaViolation(path: "credentials[\(index)].pattern", message: "is not a valid regular expression"))
            }
        }
        return problems
    }

    /// Each network target names a field the connection has, once; a base URL taken from the
    /// config is one, so the host checks it before any request goes there.
    private static func networkTargetProblems(_ manifest: Manifest) -> [SchemaViolation] {
        var problems: [SchemaViolation] = []
        let properties = Set(manifest.configSchema["properties"]?.objectValue?.keys.map { $0 } ?? [])
        let credentials = Set(manifest.credentials.map(\.name))
        var seen: Set<String> = []
        for (index, target) in manifest.networkTargets.enumerated() {
            let path = "network_targets[\(index)].field"
            let parts = target.field.split(separator: ".", maxSplits: 1).map(String.init)
            let known = parts.count == 2
                && (parts[0] == "config" && properties.contains(parts[1]) || parts[0] == "credentials" && credentials.contains(parts[1]))
            if !known {
                problems.append(SchemaViolation(path: path, message: "must name a config_schema property as config.<name> "
                    + "or a declared credential as credentials.<name>, not \"\(target.field)\""))
            }
            if !seen.insert(target.field).inserted {
                problems.append(SchemaViolation(path: path, message: "repeats \"\(target.field)\""))
            }
        }
        if let field = manifest.baseURLConfigField,
           !manifest.networkTargets.contains(NetworkTarget(field: "config.\(field)", kind: .url)) {
            problems.append(SchemaViolation(path: "base_url_config_field",
                                            message: "must also be declared in network_targets as {\"field\": \"config.\(field)\", \"kind\": \"url\"}"))
        }
        return problems
    }

    private static func oauthProblems(_ oauth: OAuthSpec, manifest: Manifest) -> [SchemaViolation] {
        var problems: [SchemaViolation] = []
        for (key, url) in [("authorize_url", oauth.authorizeURL), ("token_url", oauth.tokenURL)] {
            let probe = url.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")
            if URLComponents(string: probe)?.scheme.map({ ["http", "https"].contains($0) }) != true {
                problems.append(SchemaViolation(path: "oauth.\(key)", message: "must be an http or https URL"))
            }
        }
        if !manifest.credentials.contains(where: { $0.name == oauth.credential }) {
            problems.append(SchemaViolation(path: "oauth.credential",
                                            message: "names the credential \"\(oauth.credential)\" but credentials does not declare it"))
        }
        if oauth.accessTokenPath.isEmpty {
            problems.append(SchemaViolation(path: "oauth.access_token_path", message: "must not be empty"))
        }
        return problems
    }

    /// A preset such as `"{{ default_channel }}"` is filled at call time, so it is not checked now.
    static func isTemplate(_ value: JSONValue) -> Bool {
        value.stringValue?.contains("{{") == true
    }

    static func matches(_ regex: NSRegularExpression, _ string: String) -> Bool {
        regex.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil
    }

    private static func prefixed(_ prefix: String, _ violation: SchemaViolation) -> SchemaViolation {
        SchemaViolation(path: violation.path.isEmpty ? prefix : "\(prefix).\(violation.path)", message: violation.message)
    }
}
