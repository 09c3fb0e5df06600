import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayFakes
import XCTest

/// The fakes' latency setting holds every answer back without holding a thread, and they
/// count the requests in flight, so a load test can see what reached the upstream at once.
final class FakeLoadTests: XCTestCase {
    func testEveryAnswerWaitsTheLatencyAndTheFakesCountThePeakInFlight() async throws {
        let latency = Duration.milliseconds(400)
        let upstreams = try await FakeUpstreams.start(latency: latency)
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 50
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let origin = "http://\(FakeUpstreams.host):\(upstreams.port)"
        do {
            let calls = 50
            let started = ContinuousClock.now
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<calls {
                    group.addTask {
                        var request = HTTPClientRequest(url: "\(origin)/slack/api/auth.test")
                        request.method = .POST
                        request.headers.add(name: "Authorization", value: "Bearer \(FakeSlack.sandboxToken)")
                        let response = try await client.execute(request, timeout: .seconds(30))
                        _ = try await response.body.collect(upTo: 1 << 20)
                        XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, latency, "an answer came before the latency")
                        return response.status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            XCTAssertEqual(Set(statuses), [200])
            // One after another they would take 50 × 400 ms.
            XCTAssertLessThan(ContinuousClock.now - started, .seconds(8), "the answers were held back one at a time")
            XCTAssertEqual(upstreams.load.peak, calls)
            XCTAssertEqual(upstreams.load.inFlight, 0)

            let report = try await client.execute(HTTPClientRequest(url: "\(origin)/_sandbox/load"), timeout: .seconds(5))
            let text = String(buffer: try await report.body.collect(upTo: 1 << 16))
            XCTAssertEqual(text, #"{"in_flight":0,"peak_in_flight":50}"#)
            var reset = HTTPClientRequest(url: "\(origin)/_sandbox/load")
            reset.method = .DELETE
            _ = try await client.execute(reset, timeout: .seconds(5))
            XCTAssertEqual(upstreams.load.peak, 0)
        } catch {
            try? await client.shutdown()
            await upstreams.stop()
            throw error
        }
        try await client.shutdown()
        await upstreams.stop()
    }
}
