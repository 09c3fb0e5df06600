import Foundation
import NIOHTTP1
import PatchbayFakes
import PatchbayModel
import PatchbayServices
import PatchbayStore
import PatchbayWire
import XCTest

/// Configuration as code: a YAML file of connectors, OAuth apps, connections and agents applied
/// to an account through the services (`patchbay apply`), idempotently, with a dry run, secrets
/// named rather than written, unknown keys refused with their path, and `export` writing a file
/// that applies back to the same state.
final class ConfigApplyTests: XCTestCase {
    var host: TestHost!
    var base: String!
    var directory: String!

    override func setUp() async throws {
        // The fake tracker listens on loopback, which the egress policy refuses unless allowed.
        host = try await TestHost.start(plugins: ["PatchbaySlack", "PatchbayGitHub"], allowEgress: ["127.0.0.0/8"])
        base = try XCTUnwrap(host.fakes.baseURLs["tasks_api"])
        directory = NSTemporaryDirectory() + "patchbay-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() async throws {
        try await host.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    var environment: [String: String] { ["TASKS_KEY": FakeTasks.sandboxKey, "GITHUB_SECRET": "gh-client-secret-1"] }

    /// A file declaring one of everything; `description` and the key's variable vary per test.
    func file(operationDescription: String = "One task by id.", keyReference: String = "${env:TASKS_KEY}",
              project: String = "apollo") -> String {
        """
        account: acme
        connectors:
          - namespace: acme
            name: tasks
            title: Tasks
            base_url: \(base!)
            auth: {type: api_key, in: header, name: X-Api-Key}
            operations:
              - name: get_task
                description: \(operationDescription)
                method: GET
                path: /projects/{project}/tasks/{id}
                parameters:
                  type: object
                  properties:
                    project: {type: string}
                    id: {type: string}
                  required: [project, id]
                extract: /task
              - name: create_task
                description: File a task.
                method: POST
                path: /projects/{project}/tasks
                parameters:
                  type: object
                  properties:
                    project: {type: string}
                    title: {type: string}
                    priority: {type: integer}
                  required: [project, title]
                extract: /task
        oauth_apps:
          - provider: github
            client_id: Iv1.config
            client_secret: ${env:GITHUB_SECRET}
            scopes: [repo]
            redirect_uri: https://patchbay.example.com/oauth/callback
        connections:
          - provider: acme.tasks
            label: Team tasks
            credentials:
              api_key: \(keyReference)
        agents:
          - name: triage
            description: Reads and files tasks.
            variables: {team_project: \(project)}
            enabled_connectors:
              - connector: acme/tasks
                operations: [get_task, create_task]
                parameters:
                  create_task:
                    project: "{{ team_project }}"
        """
    }

    func apply(_ text: String, dryRun: Bool = false, environment: [String: String]? = nil) async throws -> ConfigPlan {
        let document = try ConfigDocument.parse(text, source: "patchbay.yaml", environment: environment ?? self.environment)
        return try await host.patchbay.config.apply(document, accountName: "acme", dryRun: dryRun)
    }

    func actions(_ plan: ConfigPlan) -> [String] { plan.steps.map { "\($0.kind) \($0.name): \($0.action.rawValue)" } }

    /// The refusal parsing `text` gives, which must be a `ServiceError`.
    func refusal(_ text: String, environment: [String: String]? = nil) throws -> ServiceError {
        do {
            _ = try ConfigDocument.parse(text, source: "patchbay.yaml", environment: environment ?? self.environment)
        } catch let error as ServiceError {
            return error
        }
        XCTFail("the file was accepted")
        throw TestHostError.unexpected("accepted")
    }

    // MARK: Applying

    func testApplyCreatesEverythingAndTheAgentCallsTheConnectorWithTheSecretFromTheEnvironment() async throws {
        let plan = try await apply(file())
        XCTAssertEqual(actions(plan), ["account acme: create", "connector acme/tasks: create", "oauth app github: create",
                                       "connection acme.tasks: create", "agent triage: create"])
        XCTAssertTrue(plan.rendered.hasSuffix("5 created, 0 updated, 0 unchanged"), plan.rendered)

        let key = try await host.key(scopes: TestHost.agentScopes)
        let connector = try await host.request("GET", "/v1/connectors/acme/tasks", key: key)
        XCTAssertEqual(connector.status, 200, connector.body)
        let app = try await host.request("GET", "/v1/oauth-apps/github", key: key)
        XCTAssertEqual(app.json["client_id"], "Iv1.config")
        XCTAssertEqual(app.json["scopes"], ["repo"])
        XCTAssertFalse(app.body.contains("gh-client-secret-1"))
        let agents = try await host.request("GET", "/v1/agents", key: key)
        let agent = try XCTUnwrap(agents.json["data"]?.arrayValue?.first)
        XCTAssertEqual(agent["name"], "triage")
        let id = try XCTUnwrap(agent["id"]?.stringValue)

        // Published, with the preset filled from the agent's variable, through the connection
        // whose key came from the environment.
        let created = try await host.invokeSkill(key: key, agent: id, skill: "create_task", ["input": ["title": "From a file"]])
        XCTAssertEqual(created.status, 200, created.body)
        XCTAssertEqual(created.json["output"]?["project"], "apollo", created.body)
        let read = try await host.invokeSkill(key: key, agent: id, skill: "get_task", ["input": ["project": "apollo", "id": "t1"]])
        XCTAssertEqual(read.json["output"]?["id"], "t1", read.body)
    }

    func testASecondApplyChangesNothingAndSaysSo() async throws {
        _ = try await apply(file())
        let agentBefore = try await agents()
        let again = try await apply(file())
        XCTAssertFalse(again.changesAnything)
        XCTAssertEqual(Set(again.steps.map(\.action)), [.unchanged])
        XCTAssertEqual(again.steps.count, 4, "the account exists now and is not listed")
        XCTAssertTrue(again.rendered.hasSuffix("nothing to change: 4 unchanged"), again.rendered)
        let agentAfter = try await agents()
        XCTAssertEqual(agentAfter, agentBefore, "not even a timestamp moves")
        XCTAssertEqual(agentAfter.first?.liveVersion, 1, "published once")
    }

    func testAChangeUpdatesOnlyWhatChangedAndNamesTheFields() async throws {
        _ = try await apply(file())
        let plan = try await apply(file(operationDescription: "One task, by its id.", keyReference: "${env:OTHER_KEY}", project: "gemini"),
                                   environment: environment.merging(["OTHER_KEY": "tk-rotated-key"]) { $1 })
        XCTAssertEqual(plan.steps.map(\.action), [.update, .unchanged, .update, .update])
        XCTAssertEqual(plan.steps[0].changes, ["operations"])
        XCTAssertEqual(plan.steps[2].changes, ["credentials.api_key"])
        XCTAssertEqual(plan.steps[3].changes, ["variables", "skills", "published"])
        XCTAssertFalse(plan.rendered.contains("tk-rotated-key"), "a plan names fields, never values")

        let record = try await host.patchbay.store.connector(accountID: accountID(), namespace: "acme", name: "tasks")
        XCTAssertEqual(record?.definition["operations"]?.arrayValue?.first?["description"], "One task, by its id.")
        let agent = try await agents()[0]
        XCTAssertEqual(agent.variables["team_project"], "gemini")
        XCTAssertEqual(agent.liveVersion, 2)
        XCTAssertEqual(agent.draft.first { $0.name == "get_task" }?.description, "One task, by its id.")
    }

    func testADryRunPrintsThePlanAndWritesNothing() async throws {
        let fresh = try await apply(file(), dryRun: true)
        XCTAssertEqual(fresh.steps.map(\.action), [.create, .create, .create, .create, .create])
        XCTAssertTrue(fresh.rendered.hasSuffix("(dry run: nothing was written)"), fresh.rendered)
        let account = try await host.patchbay.store.account(named: "acme")
        XCTAssertNil(account, "not even the account")

        _ = try await apply(file())
        let before = try await host.patchbay.store.connector(accountID: accountID(), namespace: "acme", name: "tasks")
        let changed = try await apply(file(operationDescription: "Changed."), dryRun: true)
        XCTAssertEqual(changed.steps.first?.action, .update)
        XCTAssertEqual(changed.steps.last?.action, .update, "the agent's skills follow the connector")
        let after = try await host.patchbay.store.connector(accountID: accountID(), namespace: "acme", name: "tasks")
        XCTAssertEqual(after, before)
    }

    // MARK: Secrets

    func testSecretsAreReadFromTheEnvironmentOrAFile() async throws {
        let keyFile = directory + "/tasks-key"
        try Data((FakeTasks.sandboxKey + "\n").utf8).write(to: URL(fileURLWithPath: keyFile))
        _ = try await apply(file(keyReference: "${file:\(keyFile)}"))
        let connection = try await tasksConnection()
        let key = try await host.key(scopes: TestHost.agentScopes)
        let read = try await host.request("POST", "/v1/connections/\(connection.id)/actions/get_task/invoke", key: key,
                                          json: ["input": ["project": "apollo", "id": "t2"]])
        XCTAssertEqual(read.status, 200, "the trailing line break is not part of the key: \(read.body)")

        // Switching to the same key from the environment changes nothing.
        let same = try await apply(file())
        XCTAssertFalse(same.changesAnything, same.rendered)

        let unset = try refusal(file(keyReference: "${env:NOT_SET_ANYWHERE}"))
        XCTAssertEqual(unset.field, "connections[0].credentials.api_key")
        XCTAssertTrue(unset.message.contains("NOT_SET_ANYWHERE, which is not set"), unset.message)
        let line = try XCTUnwrap(file().split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("api_key:") }) + 1
        XCTAssertTrue(unset.message.hasPrefix("patchbay.yaml:\(line): "), "the line of the reference: \(unset.message)")
        let missing = try refusal(file(keyReference: "${file:\(directory!)/absent}"))
        XCTAssertTrue(missing.message.contains("cannot be read"), missing.message)
        let relative = try refusal(file(keyReference: "${file:tasks-key}"))
        XCTAssertTrue(relative.message.contains("absolute path"), relative.message)
    }

    func testAnInlineSecretIsRefusedNamingTheFieldAndNotTheValue() async throws {
        let inline = try refusal(file(keyReference: "tk-inline-secret"))
        XCTAssertEqual(inline.field, "connections[0].credentials.api_key")
        XCTAssertTrue(inline.message.contains("secret written inline"), inline.message)
        XCTAssertFalse(inline.message.contains("tk-inline-secret"))

        let client = try refusal(file().replacingOccurrences(of: "${env:GITHUB_SECRET}", with: "plain-secret"))
        XCTAssertEqual(client.field, "oauth_apps[0].client_secret")
        XCTAssertFalse(client.message.contains("plain-secret"))

        // A reference where no secret belongs would be sent as it is: refused too.
        let misplaced = try refusal(file().replacingOccurrences(of: "title: Tasks", with: "title: ${env:TASKS_KEY}"))
        XCTAssertEqual(misplaced.field, "connectors[0].title")
        XCTAssertTrue(misplaced.message.contains("is not a secret"), misplaced.message)
        let none = try await host.patchbay.store.account(named: "acme")
        XCTAssertNil(none, "a refused file writes nothing")
    }

    // MARK: Refusals

    func testUnknownKeysAreRefusedWithTheirPathAndLine() throws {
        let top = try refusal(file().replacingOccurrences(of: "connections:", with: "conections:"))
        XCTAssertEqual(top.field, "conections")
        XCTAssertTrue(top.message.contains("is not a field of the configuration"), top.message)

        let operation = try refusal(file().replacingOccurrences(of: "        description: File a task.", with: "        descripton: File a task."))
        XCTAssertEqual(operation.field, "connectors[0].operations[1].descripton")
        XCTAssertTrue(operation.message.hasPrefix("patchbay.yaml:21: in connectors[0]: operations[1].descripton is not a field"), operation.message)

        let camel = try refusal(file().replacingOccurrences(of: "enabled_connectors:", with: "enabledConnectors:"))
        XCTAssertEqual(camel.field, "agents[0].enabledConnectors")

        let enabled = try refusal(file().replacingOccurrences(of: "        operations: [get_task, create_task]", with: "        operation: [get_task]"))
        XCTAssertEqual(enabled.field, "agents[0].enabled_connectors[0].operation")

        let type = try refusal(file().replacingOccurrences(of: "scopes: [repo]", with: "scopes: repo"))
        XCTAssertEqual(type.field, "oauth_apps[0].scopes")

        let twice = try refusal(file() + "\n  - name: triage\n")
        XCTAssertEqual(twice.field, "agents[1].name")

        let syntax = try refusal("connectors: [\n")
        XCTAssertTrue(syntax.message.contains("not valid YAML"), syntax.message)
    }

    func testWhatTheServicesRefuseIsNamedWithItsPathAndNothingAfterItIsApplied() async throws {
        let text = file().replacingOccurrences(of: "operations: [get_task, create_task]", with: "operations: [create_task, close_task]")
        do {
            _ = try await apply(text)
            XCTFail("an unknown operation was accepted")
        } catch let error as ServiceError {
            XCTAssertEqual(error.field, "agents[0].enabled_connectors[0].operations[1]")
            XCTAssertTrue(error.message.contains("has no operation close_task"), error.message)
            XCTAssertTrue(error.message.hasPrefix("patchbay.yaml:"), error.message)
        }
        let none = try await host.patchbay.store.agents(accountID: accountID(), page: .init(limit: 10)).items
        XCTAssertTrue(none.isEmpty)
        let fixed = try await apply(file())
        XCTAssertEqual(fixed.steps.map(\.action), [.unchanged, .unchanged, .unchanged, .create], "applying the fixed file carries on")
    }

    func testAnOAuthAppWithoutARedirectURITakesTheCallbackUnderTheHostsPublicURL() async throws {
        let text = """
        account: acme
        oauth_apps:
          - provider: github
            client_id: Iv1.config
            client_secret: ${env:GITHUB_SECRET}
        """
        do {
            _ = try await apply(text)
            XCTFail("an OAuth app without a redirect URI was applied on a host without a public URL")
        } catch let error as ServiceError {
            XCTAssertEqual(error.field, "oauth_apps[0].redirect_uri")
            XCTAssertTrue(error.message.contains("--public-url"), error.message)
        }

        let published = try await TestHost.start(plugins: ["PatchbayGitHub"], publicURL: "https://patchbay.example.com/pb")
        func applyThere(_ text: String) async throws -> ConfigPlan {
            let document = try ConfigDocument.parse(text, source: "patchbay.yaml", environment: environment)
            return try await published.patchbay.config.apply(document, accountName: "acme", dryRun: false)
        }
        let created = try await applyThere(text)
        XCTAssertEqual(actions(created).last, "oauth app github: create")
        let key = try await published.key()
        let app = try await published.request("GET", "/v1/oauth-apps/github", key: key)
        XCTAssertEqual(app.json["redirect_uri"], "https://patchbay.example.com/pb/oauth/callback", app.body)
        let again = try await applyThere(text)
        XCTAssertFalse(again.changesAnything, "a file that names no redirect URI keeps the one the app has: \(again.rendered)")
        let named = try await applyThere(text + "\n    redirect_uri: https://tunnel.example.net/oauth/callback")
        XCTAssertEqual(named.steps.last?.changes, ["redirect_uri"])
        try await published.stop()
    }

    // MARK: Export

    func testExportWritesAFileThatAppliesBackUnchangedAndHoldsNoSecret() async throws {
        _ = try await apply(file())
        let exported = try await host.patchbay.config.export(accountName: "acme")
        XCTAssertFalse(exported.yaml.contains(FakeTasks.sandboxKey))
        XCTAssertFalse(exported.yaml.contains("gh-client-secret-1"))
        XCTAssertEqual(exported.variables, ["GITHUB_CLIENT_SECRET", "ACME_TASKS_API_KEY"])
        XCTAssertTrue(exported.yaml.contains("api_key: ${env:ACME_TASKS_API_KEY}"), exported.yaml)
        XCTAssertTrue(exported.skipped.isEmpty, "\(exported.skipped)")

        let roundTrip = try await apply(exported.yaml, environment: ["ACME_TASKS_API_KEY": FakeTasks.sandboxKey,
                                                                      "GITHUB_CLIENT_SECRET": "gh-client-secret-1"])
        XCTAssertFalse(roundTrip.changesAnything, roundTrip.rendered)
        XCTAssertEqual(roundTrip.steps.count, 4)

        // A skill a file cannot declare is named, not silently dropped.
        let key = try await host.key(scopes: TestHost.agentScopes)
        let agentID = try await agents()[0].id
        let connection = try await tasksConnection()
        let added = try await host.request("POST", "/v1/agents/\(agentID)/skills", key: key,
                                           json: ["connection_id": .string(connection.id), "action": "get_task", "name": "lookup"])
        XCTAssertEqual(added.status, 201, added.body)
        let partial = try await host.patchbay.config.export(accountName: "acme")
        XCTAssertEqual(partial.skipped, ["agent triage, skill lookup: named lookup rather than after its operation get_task"])
    }

    // MARK: The commands

    func testApplyExportAndServeConfigFromTheCommandLine() async throws {
        let served = ServedHost(directory: directory + "/data", environment: ["TASKS_KEY": FakeTasks.sandboxKey])
        defer { served.kill() }
        let path = directory + "/patchbay.yaml"
        func write(title: String) throws {
            let text = """
                account: acme
                connectors:
                  - {namespace: acme, name: tasks, title: \(title), base_url: "https://tasks.example.com/v1",
                     auth: {type: api_key, in: header, name: X-Api-Key},
                     operations: [{name: get_task, description: One task., method: GET, path: "/tasks/{id}",
                                   parameters: {type: object, properties: {id: {type: string}}, required: [id]}}]}
                connections:
                  - provider: acme.tasks
                    credentials: {api_key: "${env:TASKS_KEY}"}
                """
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        try write(title: "Tasks")
        let dry = try served.command(["apply", "-f", path, "--dry-run"], withErrors: true)
        XCTAssertEqual(dry.status, 0, dry.output)
        XCTAssertTrue(dry.output.contains("connector acme/tasks: create\nconnection acme.tasks: create\n3 to create"), dry.output)
        let applied = try served.command(["apply", "-f", path])
        XCTAssertEqual(applied.status, 0, applied.output)
        XCTAssertTrue(applied.output.contains("3 created"), applied.output)
        let again = try served.command(["apply", "-f", path])
        XCTAssertTrue(again.output.hasSuffix("nothing to change: 2 unchanged\n"), again.output)

        let exported = try served.command(["export", "--account", "acme"])
        XCTAssertEqual(exported.status, 0)
        XCTAssertTrue(exported.output.contains("api_key: ${env:ACME_TASKS_API_KEY}"), exported.output)
        XCTAssertFalse(exported.output.contains(FakeTasks.sandboxKey))
        let other = try served.command(["apply", "-f", path, "--account", "other"], withErrors: true)
        XCTAssertNotEqual(other.status, 0)
        XCTAssertTrue(other.output.contains("--account other differs from the account acme"), other.output)

        // `serve --config` applies the file before it listens.
        try write(title: "Team tasks")
        let base = try served.start(log: directory + "/serve.log", arguments: ["--config", path])
        let key = try served.adminKey(account: "acme")
        let connector = try await ServedHost.call(base, .GET, "/v1/connectors/acme/tasks", key: key)
        XCTAssertEqual(connector["definition"]?["title"], "Team tasks")
        let log = try String(contentsOfFile: directory + "/serve.log", encoding: .utf8)
        XCTAssertTrue(log.contains("object=connector acme/tasks"), log)
        served.kill()

        // A refused file stops the start, saying why.
        try Data("account: acme\noauth_apps:\n  - {provider: github, client_id: x, client_secret: inline, redirect_uri: \"https://x.example/cb\"}\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try served.start(log: directory + "/refused.log", arguments: ["--config", path])) { error in
            XCTAssertTrue("\(error)".contains("oauth_apps[0].client_secret holds a secret written inline"), "\(error)")
        }
        let refused = try served.command(["apply", "-f", path], withErrors: true)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.output.contains("patchbay.yaml:3: oauth_apps[0].client_secret holds a secret written inline"), refused.output)
    }

    func testApplyTakesTheHostsPublicURLFromItsFlag() async throws {
        let served = ServedHost(directory: directory + "/data", environment: ["GITHUB_SECRET": "s3cret-from-env"])
        let path = directory + "/patchbay.yaml"
        try Data("account: acme\noauth_apps:\n  - {provider: github, client_id: Iv1.cli, client_secret: \"${env:GITHUB_SECRET}\"}\n".utf8)
            .write(to: URL(fileURLWithPath: path))

        let bad = try served.command(["apply", "-f", path, "--public-url", "ftp://pb.example.com"], withErrors: true)
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.output.contains("--public-url: "), bad.output)
        let without = try served.command(["apply", "-f", path], withErrors: true)
        XCTAssertNotEqual(without.status, 0, "no public URL and no redirect_uri")
        XCTAssertTrue(without.output.contains("--public-url"), without.output)

        let applied = try served.command(["apply", "-f", path, "--public-url", "https://pb.example.com/base"], withErrors: true)
        XCTAssertEqual(applied.status, 0, applied.output)
        let exported = try served.command(["export", "--account", "acme"])
        XCTAssertTrue(exported.output.contains("redirect_uri: https://pb.example.com/base/oauth/callback"), exported.output)
        XCTAssertFalse(exported.output.contains("s3cret-from-env"))
    }

    func agents() async throws -> [AgentRecord] {
        let found = try await host.patchbay.store.agents(accountID: accountID(), page: .init(limit: 10)).items
        XCTAssertFalse(found.isEmpty)
        return found
    }

    func tasksConnection() async throws -> ConnectionRecord {
        let found = try await host.patchbay.store.connections(accountID: accountID(), filter: .init(provider: "acme.tasks"), page: .init(limit: 5))
        guard let connection = found.items.first else { throw TestHostError.unexpected("no connection to acme.tasks") }
        return connection
    }

    func accountID() async throws -> String {
        guard let account = try await host.patchbay.store.account(named: "acme") else { throw TestHostError.unexpected("no account acme") }
        return account.id
    }
}
