import Foundation
import PatchbayClock
import PatchbayPluginTelemetry
import PatchbayPlugins
import PatchbayServices
import PatchbayWire
import XCTest

/// The graceful stop of an isolated plugin waits for its worker to exit, and no longer than
/// the plugin's time for its shutdown plus a second (11 s) of the host's clock; a worker still
/// running then is killed.
final class PluginShutdownTests: XCTestCase {
    /// How long a stop waits for a worker to exit.
    private let patience: Duration = .seconds(11)

    /// A registry on `clock` with the crashing test plugin loaded behind `worker`, answering a ping.
    private func load(behind worker: GatedWorker, clock: ManualClock, log: CapturedLog) async throws -> PluginRegistry {
        let registry = PluginRegistry(logger: log.logger, clock: PluginClock(clock))
        let status = registry.load(path: try BuildProducts.plugin("BrokenPluginCrashes"), isolation: .process(worker: worker.path))
        XCTAssertEqual(status.state, .enabled, status.reason ?? "")
        let plugin = try XCTUnwrap(registry.plugin("broken-crashes"))
        let reply = await plugin.call(.invoke, PluginCall(action: "ping", input: [:]), context: .offline, timeout: .seconds(10))
        guard case .success = reply else { throw TestHostError.unexpected("the worker did not answer: \(reply)") }
        return registry
    }

    /// Stops `registry` in a task, and returns once the stop's deadline is asleep on `clock`.
    private func stop(_ registry: PluginRegistry, clock: ManualClock) async throws -> (Task<Void, Never>, ManagedFlag) {
        let stopped = ManagedFlag()
        let stopping = Task {
            await registry.shutdown()
            stopped.set()
        }
        try await clock.sleeper(dueIn: patience)
        return (stopping, stopped)
    }

    func testAStopEndsWhenTheWorkerExitsWithoutWaitingOutItsDeadline() async throws {
        // The worker's process outlives the plugin's exit until the test opens the gate.
        let worker = try GatedWorker { waitAtGate, worker in
            """
            '\(worker)' "$@"
            \(waitAtGate)
            """
        }
        defer { worker.remove() }
        let clock = ManualClock()
        let registry = try await load(behind: worker, clock: clock, log: CapturedLog())
        let (stopping, stopped) = try await stop(registry, clock: clock)
        XCTAssertFalse(stopped.isSet, "the stop ended while the worker was running")

        worker.open()
        await stopping.value
        // The clock never moved: the worker's exit ended the stop, and its deadline stopped sleeping.
        XCTAssertEqual(clock.sleeperCount, 0, "the stop's deadline is still asleep on the clock")
    }

    func testAWorkerStillRunningAtTheStopsDeadlineIsKilled() async throws {
        // The worker's process never exits of its own accord: the gate stays shut.
        let worker = try GatedWorker { waitAtGate, worker in
            """
            echo $$ > "$(dirname "$0")/pid"
            '\(worker)' "$@"
            \(waitAtGate)
            """
        }
        defer { worker.remove() }
        let clock = ManualClock()
        let log = CapturedLog()
        let registry = try await load(behind: worker, clock: clock, log: log)
        let pid = try XCTUnwrap(pid_t(String(contentsOfFile: worker.directory + "/pid", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        let (stopping, stopped) = try await stop(registry, clock: clock)

        clock.advance(by: patience - .milliseconds(1))
        XCTAssertTrue(clock.sleepersDueIn.contains(.milliseconds(1)), "the stop no longer waited 1 ms before its deadline")
        XCTAssertFalse(stopped.isSet, "the stop gave up on the worker before its deadline")
        XCTAssertEqual(kill(pid, 0), 0, "the worker was killed before the deadline")
        clock.advance(by: .milliseconds(1))
        await stopping.value
        XCTAssertTrue(log.text.contains("the plugin's worker did not exit in time: killed"), log.text)
        try await eventually("the killed worker to be reaped") { kill(pid, 0) != 0 }
    }
}
