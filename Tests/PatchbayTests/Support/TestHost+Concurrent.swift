import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayClock

extension TestHost {
    /// Invokes `action` once per input, all at once, each over its own connection to the host:
    /// the shared client would send them 8 at a time.
    func invokeAtOnce(_ connection: String, _ action: String, key: String, inputs: [String]) async throws -> [Reply] {
        try await invokeAtOnceTimed(connection, action, key: key, inputs: inputs).map(\.reply)
    }

    /// `invokeAtOnce`, with how long each call took on `clock` (on a host's `ManualClock`, how
    /// far the test had moved it when the answer came). Each call's index goes into `answered`
    /// as its reply arrives, for a test that moves the clock while the calls run.
    func invokeAtOnceTimed(_ connection: String, _ action: String, key: String, inputs: [String],
                           clock: any HostClock = SystemClock(),
                           answered: LockedSet = LockedSet()) async throws -> [(reply: Reply, elapsed: Duration)] {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(1, inputs.count)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let url = baseURL + "/v1/connections/\(connection)/actions/\(action)/invoke"
        do {
            let replies = try await withThrowingTaskGroup(of: (reply: Reply, elapsed: Duration).self) { group in
                for (index, input) in inputs.enumerated() {
                    group.addTask {
                        let started = clock.now
                        var request = HTTPClientRequest(url: url)
                        request.method = .POST
                        request.headers.add(name: "Authorization", value: "Bearer \(key)")
                        request.headers.add(name: "Content-Type", value: "application/json")
                        request.body = .bytes(ByteBuffer(string: #"{"input":\#(input)}"#))
                        let response = try await client.execute(request, timeout: .seconds(60))
                        let body = try await response.body.collect(upTo: 1 << 20)
                        let elapsed = clock.now - started
                        answered.insert(String(index))
                        return (Reply(status: Int(response.status.code), headers: [:], body: String(buffer: body)), elapsed)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            try await client.shutdown()
            return replies
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
