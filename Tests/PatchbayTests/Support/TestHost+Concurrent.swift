import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension TestHost {
    /// Invokes `action` once per input, all at once, each over its own connection to the host:
    /// the shared client would send them 8 at a time.
    func invokeAtOnce(_ connection: String, _ action: String, key: String, inputs: [String]) async throws -> [Reply] {
        try await invokeAtOnceTimed(connection, action, key: key, inputs: inputs).map(\.reply)
    }

    /// `invokeAtOnce`, with how long each call took.
    func invokeAtOnceTimed(_ connection: String, _ action: String, key: String,
                           inputs: [String]) async throws -> [(reply: Reply, elapsed: Duration)] {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(1, inputs.count)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let url = baseURL + "/v1/connections/\(connection)/actions/\(action)/invoke"
        do {
            let replies = try await withThrowingTaskGroup(of: (reply: Reply, elapsed: Duration).self) { group in
                for input in inputs {
                    group.addTask {
                        let started = ContinuousClock.now
                        var request = HTTPClientRequest(url: url)
                        request.method = .POST
                        request.headers.add(name: "Authorization", value: "Bearer \(key)")
                        request.headers.add(name: "Content-Type", value: "application/json")
                        request.body = .bytes(ByteBuffer(string: #"{"input":\#(input)}"#))
                        let response = try await client.execute(request, timeout: .seconds(60))
                        let body = try await response.body.collect(upTo: 1 << 20)
                        return (Reply(status: Int(response.status.code), headers: [:], body: String(buffer: body)), ContinuousClock.now - started)
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
