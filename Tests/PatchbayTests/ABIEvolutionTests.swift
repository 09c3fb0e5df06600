import Foundation
import Logging
import PatchbayEgress
import PatchbayFakes
import PatchbayPluginTelemetry
import PatchbayPlugins
import PatchbayTesting
import PatchbayWire
import XCTest

/// The ABI evolving without breaking: plugins built against older and newer structs load and
/// answer, a graceful stop reaches each plugin exactly once (in process and in a worker), and
/// bodies that are not UTF-8 cross the boundary byte for byte.
final class ABIEvolutionTests: XCTestCase {
    var workerPath: String { BuildProducts.directory + "/patchbay-plugin-worker" }

    func testAPluginBuiltWithThe10StructsLoadsAndAnswersInProcessAndIsolated() async throws {
        let path = try BuildProducts.plugin("ABIPluginV10Layout")
        for isolation in [PluginRegistry.Isolation.inProcess, .process(worker: workerPath)] {
            let registry = PluginRegistry(logger: CapturedLog().logger)
            let status = registry.load(path: path, isolation: isolation)
            XCTAssertEqual(status.state, .enabled, "\(isolation): \(status.reason ?? "")")
            let plugin = try XCTUnwrap(registry.plugin("abi-v10"))
            let reply = await plugin.call(.invoke, PluginCall(action: "ping", input: [:]), context: .offline, timeout: .seconds(10))
            guard case .success(let data) = reply else { return XCTFail("\(isolation): \(reply)") }
            XCTAssertEqual(try WireCoding.decode(JSONValue.self, from: data)["layout"], "1.0")

            // Its call table has no shutdown (and junk past its declared size): the stop skips it.
            await registry.shutdown()
            if isolation == .inProcess {
                let after = await plugin.call(.invoke, PluginCall(action: "ping", input: [:]), context: .offline, timeout: .seconds(10))
                guard case .failure(let error) = after else { return XCTFail("a stopped plugin answered: \(after)") }
                XCTAssertEqual(error.code, "plugin_stopped")
                let again = PluginRegistry(logger: CapturedLog().logger).load(path: path)
                XCTAssertEqual(again.state, .disabled)
                XCTAssertEqual(again.reason, "the plugin was shut down in this process and cannot be loaded again until the host restarts")
            }
        }
    }

    func testAPluginBuiltWithANewerHeaderThatNeedsNothingNewLoadsAndSeesWhatTheHostOffers() async throws {
        let log = CapturedLog()
        let registry = PluginRegistry(logger: log.logger)
        let status = registry.load(path: try BuildProducts.plugin("ABIPluginFutureLayout"))
        XCTAssertEqual(status.state, .enabled, status.reason ?? "")
        let plugin = try XCTUnwrap(registry.plugin("abi-future"))
        let reply = await plugin.call(.invoke, PluginCall(action: "ping", input: [:]), context: .offline, timeout: .seconds(10))
        guard case .success(let data) = reply else { return XCTFail("\(reply)") }
        let offered = try WireCoding.decode(JSONValue.self, from: data)
        XCTAssertEqual(offered["host_minor"], 2)
        XCTAssertEqual(offered["host_message_version"], 2)
        XCTAssertEqual(offered["host_features"], 3, "shutdown and binary bodies")

        // A graceful stop calls its pb_plugin_shutdown once, however often the host is stopped.
        await registry.shutdown()
        await registry.shutdown()
        XCTAssertEqual(log.text.components(separatedBy: "abi-future shutdown").count - 1, 1, log.text)
        XCTAssertTrue(log.text.contains("abi-future shutdown 1"), log.text)
    }

    func testAWorkerShutsItsPluginDownOnceWhenTheHostStops() async throws {
        let log = CapturedLog()
        let registry = PluginRegistry(logger: log.logger)
        let status = registry.load(path: try BuildProducts.plugin("ABIPluginFutureLayout"), isolation: .process(worker: workerPath))
        XCTAssertEqual(status.state, .enabled, status.reason ?? "")
        let plugin = try XCTUnwrap(registry.plugin("abi-future"))
        guard case .success = await plugin.call(.invoke, PluginCall(action: "ping", input: [:]), context: .offline,
                                                 timeout: .seconds(10)) else { return XCTFail("the worker did not answer") }

        await registry.shutdown()
        try await eventually("the worker's shutdown line reaches the host log") { log.text.contains("abi-future shutdown") }
        XCTAssertEqual(log.text.components(separatedBy: "abi-future shutdown").count - 1, 1, log.text)
        XCTAssertTrue(log.text.contains("abi-future shutdown 1"), log.text)
        let after = await plugin.call(.invoke, PluginCall(action: "ping", input: [:]), context: .offline, timeout: .seconds(5))
        guard case .failure(let error) = after else { return XCTFail("a stopped worker answered: \(after)") }
        XCTAssertEqual(error.code, "plugin_crashed", "its worker was stopped")
    }

    func testPluginsAreRefusedBelowThe10SizeOrWhenTheyNeedANewerHost() throws {
        let registry = PluginRegistry(logger: CapturedLog().logger)
        let small = registry.load(path: try BuildProducts.plugin("BrokenPluginTooSmall"))
        XCTAssertEqual(small.state, .disabled)
        XCTAssertEqual(small.reason, "pb_plugin_descriptor.struct_size is 40 bytes; ABI 1.0 needs at least 48")
        let newer = registry.load(path: try BuildProducts.plugin("BrokenPluginNewerMinor"))
        XCTAssertEqual(newer.state, .disabled)
        XCTAssertEqual(newer.reason, "ABI minor too new: plugin needs a host with ABI 1.3 or later, this host provides 1.2; upgrade the host")
    }

    func testBytesThatAreNotUTF8RoundTripThroughASwiftPluginAndTheEgress() async throws {
        let files = try await FakeFileStore.start()
        var settings = TestHost.fastEgress
        let base = try XCTUnwrap(URL(string: files.baseURL))
        settings.addresses.trust(base)
        let egress = Egress(settings: settings, logger: Logger(label: "test"))
        let target = EgressTarget(baseURL: base, allowedHosts: [], auth: AuthScheme(type: .none), credentials: [:])
        let context = PluginCallContext { await egress.send($0, to: target) }
        // Not UTF-8 anywhere: a lone continuation byte, an invalid lead byte, a NUL, a truncated sequence.
        let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF, 0xFE, 0x80, 0xC3])

        for (index, isolation) in [PluginRegistry.Isolation.inProcess, .process(worker: workerPath)].enumerated() {
            let registry = PluginRegistry(logger: CapturedLog().logger)
            XCTAssertEqual(registry.load(path: try BuildProducts.plugin("ABIPluginBytes"), isolation: isolation).state, .enabled)
            defer { registry.stopWorkers() }
            let plugin = try XCTUnwrap(registry.plugin("abi-bytes"))
            let name = "blob-\(index).bin"

            let upload = await plugin.call(.invoke, PluginCall(action: "upload", input: ["path": .string("/files/\(name)"),
                                                                                        "data": .string(bytes.base64EncodedString())]),
                                           context: context, timeout: .seconds(10))
            guard case .success(let uploaded) = upload else { return XCTFail("\(isolation): \(upload)") }
            XCTAssertEqual(try WireCoding.decode(JSONValue.self, from: uploaded)["status"], 201)
            XCTAssertEqual(files.file(name), bytes, "\(isolation): the upstream received the bytes exactly")

            let download = await plugin.call(.invoke, PluginCall(action: "download", input: ["path": .string("/files/\(name)")]),
                                             context: context, timeout: .seconds(10))
            guard case .success(let downloaded) = download else { return XCTFail("\(isolation): \(download)") }
            let output = try WireCoding.decode(JSONValue.self, from: downloaded)
            XCTAssertEqual(output["status"], 200)
            XCTAssertEqual(output["data"]?.stringValue.flatMap { Data(base64Encoded: $0) }, bytes, "\(isolation): \(output)")
            XCTAssertEqual(output["text"]?.stringValue, String(decoding: bytes, as: UTF8.self), "the text is the lossy decoding")
        }
        try await egress.shutdown()
        await files.stop()
    }

    func testACassetteRecordsAndReplaysBinaryBodiesExactly() async throws {
        let files = try await FakeFileStore.start()
        var settings = TestHost.fastEgress
        let base = try XCTUnwrap(URL(string: files.baseURL))
        settings.addresses.trust(base)
        let egress = Egress(settings: settings, logger: Logger(label: "test"))
        let target = EgressTarget(baseURL: base, allowedHosts: [], auth: AuthScheme(type: .none), credentials: [:])
        let recorder = CassetteRecorder(recording: { await egress.send($0, to: target) }, secrets: [])
        let bytes = Data([0x00, 0xFF, 0xC0, 0xAF])
        let harness = try PluginHarness(path: try BuildProducts.plugin("ABIPluginBytes"))
        _ = await harness.invoke("upload", input: ["path": "/files/c.bin", "data": .string(bytes.base64EncodedString())], http: recorder.performer)
        _ = await harness.invoke("download", input: ["path": "/files/c.bin"], http: recorder.performer)
        try await egress.shutdown()
        await files.stop()

        let path = NSTemporaryDirectory() + "patchbay-binary-cassette-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try recorder.cassette.save(to: path)
        let player = CassettePlayer(try Cassette.load(from: path))
        _ = await harness.invoke("upload", input: ["path": "/files/c.bin", "data": .string(bytes.base64EncodedString())], http: player.performer)
        let replayed = await harness.invoke("download", input: ["path": "/files/c.bin"], http: player.performer)
        guard case .success(let data) = replayed else { return XCTFail("\(replayed)") }
        XCTAssertEqual(try WireCoding.decode(JSONValue.self, from: data)["data"]?.stringValue.flatMap { Data(base64Encoded: $0) }, bytes)
    }

    func testTheSwiftSDKPassesTheGracefulStopToTheProviderOnce() async throws {
        let path = try BuildProducts.plugin("ABIPluginBytes")
        let registry = PluginRegistry(logger: CapturedLog().logger)
        XCTAssertEqual(registry.load(path: path).state, .enabled)
        // The same library the registry loaded: dlopen hands back the loaded image.
        let handle = try XCTUnwrap(dlopen(path, RTLD_NOW | RTLD_NOLOAD))
        let symbol = try XCTUnwrap(dlsym(handle, "bytes_provider_shutdowns"))
        let shutdowns = unsafeBitCast(symbol, to: (@convention(c) () -> Int32).self)
        XCTAssertEqual(shutdowns(), 0)
        await registry.shutdown()
        XCTAssertEqual(shutdowns(), 1)
        await registry.shutdown()
        XCTAssertEqual(shutdowns(), 1, "a second stop does not reach the provider")
    }

    func testBinaryBodiesOnTheWireAndForPluginsThatSpeakMessageVersion1() throws {
        let bytes = Data([0xFF, 0x00, 0x80])
        let response = HTTPResponseMessage(status: 200, headers: [:], bytes: bytes)
        XCTAssertEqual(response.binaryBody, bytes)
        XCTAssertEqual(HTTPResponseMessage(status: 200, headers: [:], bytes: Data("héllo".utf8)).binaryBody, nil, "UTF-8 stays text")

        let current = try WireCoding.decode(HTTPResponseMessage.self, from: WireCoding.encode(response.readable(byMessageVersion: 2)))
        XCTAssertEqual(current.bodyBytes, bytes)
        XCTAssertEqual(current.body, "", "the bytes travel once")
        let older = try WireCoding.decode(JSONValue.self, from: WireCoding.encode(response.readable(byMessageVersion: 1)))
        XCTAssertNil(older["body_base64"], "a version 1 plugin gets the text it always got")
        XCTAssertEqual(older["body"]?.stringValue, String(decoding: bytes, as: UTF8.self))

        let request = try WireCoding.decode(HTTPRequestMessage.self, from: Data(#"{"method":"PUT","path":"/f","body_base64":"/wCA"}"#.utf8))
        XCTAssertEqual(request.bodyBytes, bytes)
        XCTAssertThrowsError(try WireCoding.decode(HTTPRequestMessage.self, from: Data(#"{"method":"PUT","path":"/f","body_base64":"%%"}"#.utf8))) {
            XCTAssertEqual(($0 as? WireFormatError)?.field, "body_base64")
        }
        XCTAssertThrowsError(try WireCoding.decode(HTTPRequestMessage.self, from: Data(#"{"method":"PUT","path":"/f","body_base64":7}"#.utf8)))
    }
}
