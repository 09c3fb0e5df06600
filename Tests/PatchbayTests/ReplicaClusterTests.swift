import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayFakes
import PatchbayWire
import XCTest

/// Three real `patchbay serve` replicas on one PostgreSQL database behind a real nginx
/// round-robin, as docs/deployment.md runs them. Webhooks, action calls, a pull consumer and
/// push deliveries are spread over the replicas; one is SIGKILLed mid-burst. Nothing
/// acknowledged is lost, every pushed copy of an event carries one webhook-id, the pull
/// consumer reads every event once in the log's order, no execution stays `running`, and
/// fifty calls on an expired OAuth token across the replicas refresh it once.
final class ReplicaClusterTests: XCTestCase {
    var fakes: FakeUpstreams!
    var agent: FakeAgentReceiver!
    var cluster: ReplicaCluster!
    var nginx: NginxServer!
    var key: String!

    override func setUp() async throws {
        fakes = try await FakeUpstreams.start()
        agent = try await FakeAgentReceiver.start()
        cluster = try ReplicaCluster(count: 3)
        // Short delivery leases and retries: a lease held by the killed replica runs out soon.
        try cluster.start(arguments: ["--upstream", fakes.upstreamsSetting, "--oauth-endpoint", fakes.oauthEndpointsSetting,
                                      "--delivery-lease", "2", "--delivery-retry-base", "1", "--allow-private-webhook-targets"])
        nginx = try await NginxServer.start(backends: cluster.backends)
        key = try cluster.adminKey(account: "replicas")
    }

    override func tearDown() async throws {
        nginx?.stop()
        cluster?.stop()
        await agent?.stop()
        await fakes?.stop()
    }

    // MARK: HTTP through nginx

    /// The cluster through nginx with the admin key.
    private var client: ClusterClient { ClusterClient(baseURL: nginx.baseURL, key: key) }

    /// A request that must succeed with `status`; its JSON.
    func must(_ method: HTTPMethod, _ path: String, json: JSONValue? = nil, status: Int = 200) async throws -> JSONValue {
        let reply = await client.request(method, path, json: json)
        guard let reply, reply.status == status else {
            throw TestHostError.unexpected("\(method) \(path): \(reply.map { "\($0.status) \($0.body)" } ?? "no answer")")
        }
        return reply.json
    }

    /// The webhook-ids the push receiver got, by provider event id.
    func pushedWebhookIDs() -> [String: Set<String>] {
        var pushed: [String: Set<String>] = [:]
        for request in agent.requests {
            guard let payload = try? WireCoding.decode(JSONValue.self, from: Data(request.body.utf8)),
                  let event = payload["provider_event_id"]?.stringValue, let id = request.headers["webhook-id"] else { continue }
            pushed[event, default: []].insert(id)
        }
        return pushed
    }

    // MARK: Tests

    func testAReplicaKilledMidBurstLosesNoAcknowledgedEventAndLeavesNoCallRunning() async throws {
        let client = self.client // a value the concurrent tasks can share
        let started = ContinuousClock.now
        let connection = try await must(.POST, "/v1/connections",
                                        json: ["provider": "slack", "credentials": ["bot_token": .string(FakeSlack.sandboxToken)]], status: 201)
        let connectionID = try XCTUnwrap(connection["id"]?.stringValue)
        let secret = "8f742231b10e8888abcd99yyyzzz85a5"
        let endpoint = try await must(.POST, "/v1/webhooks/endpoints",
                                      json: ["connection_id": .string(connectionID), "secret": .string(secret)], status: 201)
        let endpointID = try XCTUnwrap(endpoint["id"]?.stringValue)
        let hookPath = "/hooks/slack/\(endpointID)"
        let pullerAgent = try await must(.POST, "/v1/agents", json: ["name": "puller"], status: 201)
        let pusherAgent = try await must(.POST, "/v1/agents", json: ["name": "pusher"], status: 201)
        let puller = try XCTUnwrap(pullerAgent["id"]?.stringValue)
        let pusher = try XCTUnwrap(pusherAgent["id"]?.stringValue)
        _ = try await must(.POST, "/v1/webhooks/subscriptions", json: ["agent_id": .string(puller), "provider": "slack"], status: 201)
        _ = try await must(.POST, "/v1/webhooks/subscriptions",
                           json: ["agent_id": .string(pusher), "endpoint_id": .string(endpointID), "url": .string(agent.url)], status: 201)

        // A call in flight on the replica that is going to die: Slack holds its answer.
        let victim = 2
        fakes.slack.delayNext(1, seconds: 30)
        let invokePath = "/v1/connections/\(connectionID)/actions/post_message/invoke"
        let victimURL = cluster.urls[victim]
        let cutOff = Task { await client.request(.POST, invokePath, json: ["input": ["channel": "#general", "text": "cut off"]],
                                                 base: victimURL, timeout: .seconds(60)) }
        // Any replica reads the shared store: the victim's running call is seen through nginx.
        try await eventually("the call on the victim running", within: .seconds(15)) {
            await client.runningExecutions()?.count == 1 && self.fakes.slack.requests.contains { $0.path.hasSuffix("chat.postMessage") }
        }
        let running = await client.runningExecutions()
        let held = try XCTUnwrap(running?.first)

        let ids = (0..<300).map { "Ev\(String(format: "%04d", $0))" }
        let consumer = Task { await client.pull(agent: puller, expected: Set(ids), until: ContinuousClock.now + .seconds(60)) }

        // The burst: 16 webhook senders and 4 API callers; the victim is killed once a third of
        // the events are acknowledged. A sender keeps going after a failure and sends what was
        // not acknowledged again afterwards, as Slack retries.
        let acknowledged = LockedSet()
        let victimPID = try XCTUnwrap(cluster.replicas[victim].process?.processIdentifier)
        let calls = 60
        let statuses = await withTaskGroup(of: [Int].self) { group in
            for lane in 0..<16 {
                group.addTask {
                    for index in stride(from: lane, to: ids.count, by: 16) {
                        guard await client.deliver(ids[index], path: hookPath, secret: secret) else { continue }
                        if acknowledged.insert(ids[index]) == ids.count / 3 { kill(victimPID, SIGKILL) }
                    }
                    return []
                }
            }
            for lane in 0..<4 {
                group.addTask {
                    var statuses: [Int] = []
                    for index in stride(from: lane, to: calls, by: 4) {
                        let reply = await client.request(.POST, invokePath, json: ["input": ["channel": "#general", "text": .string("call \(index)")]])
                        statuses.append(reply?.status ?? 0)
                    }
                    return statuses
                }
            }
            return await group.reduce(into: [Int]()) { $0 += $1 }
        }
        cluster.replicas[victim].process?.waitUntilExit()
        XCTAssertEqual(cluster.replicas[victim].process?.terminationReason, .uncaughtSignal, "the victim was killed")
        let ackedInBurst = acknowledged.count
        XCTAssertGreaterThanOrEqual(ackedInBurst, ids.count / 3)

        let missing = ids.filter { !acknowledged.contains($0) }
        try await eventually("every event acknowledged by the survivors", within: .seconds(20)) {
            for id in missing where !acknowledged.contains(id) {
                if await client.deliver(id, path: hookPath, secret: secret) { acknowledged.insert(id) }
            }
            return acknowledged.count == ids.count
        }

        // Every event is stored once.
        var stored: [String] = []
        var cursor: String?
        repeat {
            let page = try await must(.GET, "/v1/webhooks/events?endpoint_id=\(endpointID)&limit=200" + (cursor.map { "&cursor=\($0)" } ?? ""))
            stored += page["data"]?.arrayValue?.compactMap { $0["provider_event_id"]?.stringValue } ?? []
            cursor = page["next_cursor"]?.stringValue
        } while cursor != nil
        XCTAssertEqual(stored.count, ids.count, "stored once each")
        XCTAssertEqual(Set(stored), Set(ids))
        XCTAssertEqual(try cluster.psql("SELECT count(DISTINCT provider_event_id) FROM webhook_events WHERE endpoint_id = '\(endpointID)'"),
                       String(ids.count), "in the PostgreSQL database the replicas share")

        // The pull consumer read every event once; a reader starting over now reads them in the same order.
        let (pulled, failedPolls) = await consumer.value
        XCTAssertEqual(Set(pulled), Set(ids), "the pull consumer saw every event")
        XCTAssertEqual(pulled.count, Set(pulled).count, "the pull consumer saw no event twice")
        let replay = await client.pull(agent: puller, expected: Set(ids), until: ContinuousClock.now + .seconds(20)).events
        XCTAssertEqual(pulled, replay, "the live consumer read the events in the log's order, skipping none")

        // Every event was pushed at least once, every copy with the same webhook-id.
        try await eventually("every event pushed", within: .seconds(40)) { self.pushedWebhookIDs().count == ids.count }
        let pushed = pushedWebhookIDs()
        XCTAssertEqual(Set(pushed.keys), Set(ids))
        XCTAssertTrue(pushed.values.allSatisfy { $0.count == 1 }, "redeliveries keep their webhook-id")

        // No call is left running: the survivors mark the dead replica's calls interrupted.
        try await eventually("no execution running", within: .seconds(30)) { await client.runningExecutions()?.isEmpty == true }
        let interrupted = try await must(.GET, "/v1/executions/\(held)")
        XCTAssertEqual(interrupted["status"], "interrupted", "\(interrupted)")
        XCTAssertEqual(interrupted["error"]?["code"], "outcome_unknown")
        cutOff.cancel()
        let succeeded = statuses.filter { $0 == 200 }.count
        XCTAssertEqual(statuses.count, calls)
        XCTAssertGreaterThan(succeeded, calls / 2, "\(statuses.sorted())")

        // The load was spread: every replica answered requests, the survivors most of them.
        let served = nginx.requestsPerBackend()
        for backend in cluster.backends { XCTAssertGreaterThan(served[backend] ?? 0, 0, "\(backend) served nothing: \(served)") }
        let elapsed = ContinuousClock.now - started
        print("""
            three replicas behind nginx, one killed mid-burst: \(ids.count) events, \(ackedInBurst) acknowledged in the burst, \
            \(missing.count) sent again, \(stored.count) stored; pull consumer read \(pulled.count) (\(failedPolls) failed polls); \
            \(agent.requests.count) push deliveries for \(pushed.count) events; \(succeeded)/\(calls) calls answered 200 \
            (others: \(statuses.filter { $0 != 200 }.sorted())); requests per replica \(served.sorted { $0.key < $1.key }); \
            \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds])))
            """)
    }

    func testFiftyCallsOnAnExpiredTokenAcrossTheReplicasRefreshItOnce() async throws {
        let fake = fakes.oauth.slack
        let callback = nginx.baseURL + "/oauth/callback"
        let clientID = "client-\(UUID().uuidString)"
        let clientSecret = "secret-\(UUID().uuidString)"
        fake.registerApp(clientID: clientID, secret: clientSecret, redirectURI: callback)
        _ = try await must(.PUT, "/v1/oauth-apps/slack", json: ["client_id": .string(clientID), "client_secret": .string(clientSecret),
                                                                  "redirect_uri": .string(callback)])
        // A token that expires within the refresh margin, got through nginx: the consent's
        // state is checked by whichever replica the callback lands on.
        fake.setAccessTokenLifetime(10)
        let started = try await must(.POST, "/v1/connections", json: ["provider": "slack"], status: 201)
        let id = try XCTUnwrap(started["id"]?.stringValue)
        let done = try await OAuthBrowser.authorize(try XCTUnwrap(started["oauth_url"]?.stringValue))
        XCTAssertEqual(done.json["status"], "active", done.body)
        let expiring = try XCTUnwrap(fake.lastAccessToken)
        fake.setAccessTokenLifetime(43_200)
        // The token endpoint holds the refresh until every call waits for it.
        let refresh = fake.holdNext()
        defer { refresh.release() }
        // A refresh attempt tries the connection's lease with an INSERT ... ON CONFLICT, which
        // runs BEFORE INSERT triggers whether or not it takes the lease: this one notes each
        // attempt's owner, so the test sees the calls waiting inside the replicas.
        _ = try cluster.psql("""
            CREATE TABLE test_refresh_attempts (owner text NOT NULL);
            CREATE FUNCTION test_note_refresh_attempt() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.lease_owner IS NOT NULL THEN INSERT INTO test_refresh_attempts VALUES (NEW.lease_owner); END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER test_note_refresh_attempt BEFORE INSERT ON connection_auth
                FOR EACH ROW EXECUTE FUNCTION test_note_refresh_attempt();
            """)

        // Each call over a connection of its own to nginx: all fifty are in flight at once.
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 50
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let client = ClusterClient(baseURL: nginx.baseURL, key: key, http: http) // a value the concurrent tasks can share
        let path = "/v1/connections/\(id)/actions/auth_test/invoke"
        let before = nginx.requestsPerBackend(matching: path)
        let clock = ContinuousClock.now
        let calls = Task {
            await withTaskGroup(of: Int.self) { group in
                for _ in 0..<50 {
                    group.addTask { await client.request(.POST, path, json: ["input": [:]])?.status ?? 0 }
                }
                return await group.reduce(into: [Int]()) { $0.append($1) }
            }
        }
        let arrived = await refresh.waitUntilHolding(1, timeout: .seconds(30))
        XCTAssertTrue(arrived, "no refresh reached the token endpoint")
        let replicas = try XCTUnwrap(cluster)
        try await eventually("every call to wait for the one refresh", within: .seconds(30)) {
            (try? replicas.psql("SELECT count(DISTINCT owner) FROM test_refresh_attempts")).flatMap { Int($0) } ?? 0 >= 50
        }
        let parked = ContinuousClock.now - clock
        refresh.release()
        let released = ContinuousClock.now
        let statuses = await calls.value
        let answered = ContinuousClock.now - released
        try await http.shutdown()
        XCTAssertEqual(statuses.filter { $0 == 200 }.count, 50, "\(statuses.sorted())")
        XCTAssertEqual(fake.refreshCount, 1, "exactly one refresh for fifty calls on three replicas")
        XCTAssertEqual(fake.requests.count(where: { $0.body.contains("grant_type=refresh_token") }), 1, "one refresh reached the provider")
        let fresh = try XCTUnwrap(fake.lastAccessToken)
        XCTAssertNotEqual(fresh, expiring)
        let authorizations = fakes.slack.requests.suffix(50).compactMap { $0.headers["authorization"] }
        XCTAssertEqual(Set(authorizations), ["Bearer \(fresh)"], "every call used the refreshed token")
        let served = nginx.requestsPerBackend(matching: path).merging(before) { $0 - $1 }.filter { $0.value > 0 }
        XCTAssertEqual(served.count, 3, "the calls reached every replica: \(served)")
        print("50 calls on an expired token over three replicas: \(fake.refreshCount) refresh, all waiting for it after "
              + "\(parked.formatted(.units(allowed: [.seconds, .milliseconds]))), answered "
              + "\(answered.formatted(.units(allowed: [.seconds, .milliseconds]))) after it was let go, calls per replica \(served.sorted { $0.key < $1.key })")
    }
}

/// HTTP to the cluster with the admin key: a value, so concurrent senders and consumers share it
/// without capturing the test case.
private struct ClusterClient: Sendable {
    /// nginx's, unless a request names another base.
    let baseURL: String
    let key: String
    /// The shared client sends at most 8 requests to one host at once.
    var http: HTTPClient = .shared

    /// One request to `base` (nginx unless said); nil when no answer came at all.
    func request(_ method: HTTPMethod, _ path: String, json: JSONValue? = nil, headers: [String: String] = [:],
                 body: String? = nil, base: String? = nil, timeout: TimeAmount = .seconds(30)) async -> TestHost.Reply? {
        var request = HTTPClientRequest(url: (base ?? baseURL) + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        if let json, let data = try? WireCoding.encode(json) {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: data))
        } else if let body {
            request.body = .bytes(ByteBuffer(string: body))
        }
        guard let response = try? await http.execute(request, timeout: timeout),
              let buffer = try? await response.body.collect(upTo: 10 << 20) else { return nil }
        var replyHeaders: [String: String] = [:]
        for header in response.headers { replyHeaders[header.name.lowercased()] = header.value }
        return TestHost.Reply(status: Int(response.status.code), headers: replyHeaders, body: String(buffer: buffer))
    }

    /// Sends Slack's signed event `id` through nginx; true when a replica answered 2xx.
    func deliver(_ id: String, path: String, secret: String) async -> Bool {
        let body = #"{"type":"event_callback","event_id":"\#(id)","event_time":1700000000,"event":{"type":"app_mention","text":"\#(id)"}}"#
        let headers = ProviderWebhooks.slack(secret: secret, timestamp: Int(Date().timeIntervalSince1970), body: body)
        guard let reply = await request(.POST, path, headers: headers, body: body, timeout: .seconds(10)) else { return false }
        return (200..<300).contains(reply.status)
    }

    /// Pulls the agent's events through nginx from the start, following the cursor, until it
    /// has seen every one of `expected` or the deadline passes; every event in the order read.
    func pull(agent agentID: String, expected: Set<String>, until deadline: ContinuousClock.Instant) async -> (events: [String], failedPolls: Int) {
        var events: [String] = []
        var failed = 0
        var cursor = "0"
        while !expected.isSubset(of: Set(events)), ContinuousClock.now < deadline {
            guard let reply = await request(.GET, "/v1/agents/\(agentID)/events?cursor=\(cursor)&limit=100&wait=2", timeout: .seconds(10)),
                  reply.status == 200, let next = reply.json["next_cursor"]?.stringValue else {
                // The replica holding the poll was killed, or nginx had none to give it to: ask again.
                failed += 1
                try? await Task.sleep(for: .milliseconds(50))
                continue
            }
            events += reply.json["data"]?.arrayValue?.compactMap { $0["provider_event_id"]?.stringValue } ?? []
            cursor = next
        }
        return (events, failed)
    }

    /// The ids of the executions now `running`, read through nginx; nil when no answer came.
    func runningExecutions() async -> [String]? {
        guard let reply = await request(.GET, "/v1/executions?status=running&limit=200"), reply.status == 200 else { return nil }
        return reply.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
    }
}
